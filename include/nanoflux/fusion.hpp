// nanoflux Fusion: one immutable application state, changed only by pure functions
// (actors), with middleware and async actors on Boost.Asio. The C++ counterpart of
// nanoflux-fusion 0.6.0-beta.
#ifndef NANOFLUX_FUSION_HPP
#define NANOFLUX_FUSION_HPP

#include <nanoflux/detail/fusion_traits.hpp>
#include <nanoflux/detail/subscriber_list.hpp>
#include <nanoflux/store.hpp>
#include <nanoflux/subscription.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>

#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace nanoflux::fusion {

/// An immutable value that is cheap to copy: a state member of type shared<T> is
/// carried over by pointer when another member is fused, so a large slice costs
/// nothing when it does not change. Actors of such a slice see a T const& and return
/// a new T.
template <class T>
class shared {
public:
  shared() : value_(std::make_shared<T const>()) {}
  shared(T value) : value_(std::make_shared<T const>(std::move(value))) {}  // NOLINT: implicit by design

  T const& get() const noexcept { return *value_; }
  operator T const&() const noexcept { return *value_; }  // NOLINT: implicit by design
  T const& operator*() const noexcept { return *value_; }
  T const* operator->() const noexcept { return value_.get(); }

  /// True when both hold the same object (no deep comparison).
  bool same_as(shared const& other) const noexcept { return value_ == other.value_; }

  friend bool operator==(shared const& a, shared const& b)
    requires requires(T const& x) { x == x; }
  {
    return a.value_ == b.value_ || *a.value_ == *b.value_;
  }

private:
  std::shared_ptr<T const> value_;
};

/// Thrown by store::actor<Sig>(name, ns) for an unknown namespace, an unknown actor, or
/// a signature that does not match; by fusionator::actor for a name already taken in
/// its namespace or an async actor on a store without an executor.
class lookup_error : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

template <class State>
class store;

namespace detail {

// How a fusionator reaches its slice: a data member, or the whole state.
struct whole_state {};

template <class M>
struct slice_of {  // a plain member: the actor sees M and returns M
  using type = M;
  static M const& view(M const& m) noexcept { return m; }
  static M wrap(M&& m) { return std::move(m); }
};
template <class T>
struct slice_of<shared<T>> {  // a shared<T> member: the actor sees T and returns T
  using type = T;
  static T const& view(shared<T> const& m) noexcept { return m.get(); }
  static shared<T> wrap(T&& m) { return shared<T>(std::move(m)); }
};

template <class State, class Member>
struct slice_access;
template <class State>
struct slice_access<State, whole_state> {
  using type = State;
  static State const& view(State const& s, whole_state) noexcept { return s; }
  static State replace(State const&, whole_state, State&& next) { return std::move(next); }
};
template <class State, class M>
struct slice_access<State, M State::*> {
  using type = typename slice_of<M>::type;
  static type const& view(State const& s, M State::*m) noexcept { return slice_of<M>::view(s.*m); }
  static State replace(State const& s, M State::*m, type&& next) {
    State copy = s;  // the other members are carried over (shared<T> ones by pointer)
    copy.*m = slice_of<M>::wrap(std::move(next));
    return copy;
  }
};

inline void report_to_stderr(std::exception_ptr error, std::string_view actor) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (std::exception const& e) {
    std::fprintf(stderr, "nanoflux fusion: actor '%.*s' failed: %s\n", static_cast<int>(actor.size()), actor.data(),
                 e.what());
  } catch (...) {
    std::fprintf(stderr, "nanoflux fusion: actor '%.*s' failed\n", static_cast<int>(actor.size()), actor.data());
  }
}

}  // namespace detail

/// A namespace of actors over one slice of the state (or the whole state): what
/// store::fusionator returns.
template <class State, class Member>
class fusionator {
  using access = detail::slice_access<State, Member>;

public:
  /// The slice's type as actors see it (T for a shared<T> member).
  using slice_type = typename access::type;

  /// Defines actor `name` in this namespace: fn(slice_type const&, Args...) returns the
  /// new slice (or boost::asio::awaitable<slice_type>, run on the store's executor).
  /// Returns a callable f(Args...) that fuses fn's result into a new state.
  template <class F>
  auto actor(std::string_view name, F fn) {
    // An error here means fn is generic or overloaded: give it one, non-template
    // operator() (or pass a function pointer) so that its arguments can be deduced.
    static_assert(detail::deducible_actor<F>,
                  "nanoflux::fusion: an actor must be a function pointer or a lambda with fixed parameter types");
    return make(name, std::move(fn), typename detail::actor_signature<std::decay_t<F>>::args{});
  }

  std::string_view name() const noexcept { return name_; }

private:
  friend class store<State>;
  fusionator(store<State>& s, std::string_view ns, Member member) : store_(&s), name_(ns), member_(member) {}

  template <class F, class... Args>
  std::function<void(Args...)> make(std::string_view name, F fn, detail::type_list<Args...>) {
    using result = typename detail::actor_signature<std::decay_t<F>>::result;
    using awaited = detail::awaited<result>;
    // An error here means the actor returns neither the slice's type nor an awaitable of it.
    static_assert(std::is_convertible_v<typename awaited::type, slice_type>,
                  "nanoflux::fusion: an actor must return the new slice (or awaitable<slice>)");
    static_assert((std::is_same_v<Args, std::decay_t<Args>> && ...),
                  "nanoflux::fusion: actor parameters after the slice must be taken by value");
    std::function<void(Args...)> call =
        store_->template make_actor<awaited::is_async, Member, F, Args...>(member_, std::move(fn), std::string(name));
    store_->register_actor(name_, std::string(name), call);
    return call;
  }

  store<State>* store_;
  std::string name_;
  Member member_;
};

/// The application state: one value of type State, replaced — never modified — by
/// actors. Not copyable or movable (actors and subscriptions refer to it).
///
/// Threads: without an executor, use the store from one thread at a time. With an
/// executor, every fuse happens on the executor: an actor called from a thread that is
/// not running it is queued to it (boost::asio::dispatch), and actor errors go to
/// on_error; state() may be called from any thread; define fusionators, subscribe and
/// unsubscribe before the executor runs or from its thread.
template <class State>
class store {
public:
  using state_type = State;

  explicit store(State initial) : state_(std::make_shared<State const>(std::move(initial))) {}
  store(State initial, boost::asio::any_io_executor executor)
      : state_(std::make_shared<State const>(std::move(initial))), executor_(std::move(executor)) {}
  store(store const&) = delete;
  store& operator=(store const&) = delete;

  /// The current state: a snapshot that never changes, valid as long as it is held.
  std::shared_ptr<State const> state() const noexcept {
    std::lock_guard<std::mutex> lock(state_mutex_);
    return state_;
  }

  /// Calls f(state) — or f() — after each fuse, with the state current at that time.
  template <class F>
  [[nodiscard]] subscription subscribe(F&& f) {
    // An error here means f can be called neither as f() nor as f(State const&).
    static_assert(subscriber_for<F, State>, "nanoflux::fusion: subscribe(f) needs f() or f(State const&)");
    return nanoflux::detail::subscribe_to<State>(subscribers_, notifier<std::decay_t<F>>{std::forward<F>(f), this});
  }

  std::size_t subscriber_count() const noexcept { return subscribers_ ? subscribers_->size() : 0; }

  /// A namespace of actors over the member `slice`.
  template <class M>
  fusion::fusionator<State, M State::*> fusionator(std::string_view ns, M State::*slice) {
    namespaces_[std::string(ns)];
    return fusion::fusionator<State, M State::*>(*this, ns, slice);
  }
  /// A namespace of actors over the whole state.
  fusion::fusionator<State, detail::whole_state> fusionator(std::string_view ns) {
    namespaces_[std::string(ns)];
    return fusion::fusionator<State, detail::whole_state>(*this, ns, detail::whole_state{});
  }

  /// Finds actor `name` of namespace `ns`, whose signature must be Sig = void(Args...).
  /// Throws lookup_error saying what is unknown or what the signature really is.
  template <class Sig>
  std::function<Sig> actor(std::string_view name, std::string_view ns) const {
    // An error here means Sig is not a function type such as void(int).
    static_assert(std::is_function_v<Sig>, "nanoflux::fusion: store::actor<Sig> needs Sig = void(Args...)");
    auto const n = namespaces_.find(ns);
    if (n == namespaces_.end()) throw lookup_error("nanoflux::fusion: unknown namespace '" + std::string(ns) + "'");
    auto const a = n->second.find(name);
    if (a == n->second.end())
      throw lookup_error("nanoflux::fusion: unknown actor '" + std::string(name) + "' in namespace '" +
                         std::string(ns) + "'");
    if (a->second.tag != &detail::signature_tag<Sig>)
      throw lookup_error("nanoflux::fusion: actor '" + std::string(name) + "' in namespace '" + std::string(ns) +
                         "' is " + a->second.signature + ", not " + signature_of(static_cast<Sig*>(nullptr)));
    return *static_cast<std::function<Sig> const*>(a->second.callable.get());
  }

  /// Adds a middleware: mw(State const& proposed, State const& current,
  /// std::string_view actor) -> State, run in the order added on every fuse (sync and
  /// async) before the new state is published. If one throws, nothing is published.
  template <class Mw>
  void use(Mw mw) {
    middleware_.emplace_back(std::move(mw));
  }

  /// Where errors of async actors (and, with an executor, of all actors) go:
  /// f(std::exception_ptr, std::string_view actor). Default: a line on stderr.
  template <class F>
  void on_error(F f) {
    on_error_ = std::move(f);
  }

  bool has_executor() const noexcept { return executor_.has_value(); }

private:
  template <class S, class M>
  friend class fusion::fusionator;

  using access_whole = detail::slice_access<State, detail::whole_state>;

  template <class F>
  struct notifier {
    F f;
    store const* self;
    void operator()() {
      std::shared_ptr<State const> const snapshot = self->state();  // alive during the call
      if constexpr (std::is_invocable_v<F&, State const&>)
        f(*snapshot);
      else
        f();
    }
  };

  template <class R, class... A>
  static std::string signature_of(R (*)(A...)) {
    return detail::signature_name<A...>();
  }

  struct actor_entry {
    void const* tag;
    std::string signature;
    std::shared_ptr<void> callable;  // std::function<void(Args...)>
  };

  template <class... Args>
  void register_actor(std::string const& ns, std::string name, std::function<void(Args...)> const& call) {
    auto& actors = namespaces_[ns];
    if (actors.count(name))
      throw lookup_error("nanoflux::fusion: actor '" + name + "' is already defined in namespace '" + ns + "'");
    actors.emplace(std::move(name), actor_entry{&detail::signature_tag<void(Args...)>, detail::signature_name<Args...>(),
                                                std::make_shared<std::function<void(Args...)>>(call)});
  }

  template <bool Async, class Member, class F, class... Args>
  std::function<void(Args...)> make_actor(Member member, F fn, std::string name) {
    auto const shared_fn = std::make_shared<F const>(std::move(fn));
    if constexpr (Async) {
      if (!executor_)
        throw lookup_error("nanoflux::fusion: async actor '" + name + "' needs a store constructed with an executor");
      return [this, member, shared_fn, name](Args... args) {
        boost::asio::co_spawn(*executor_, run_async(member, shared_fn, name, std::move(args)...),
                              [this, name](std::exception_ptr error) {
                                if (error) report(error, name);
                              });
      };
    } else {
      return [this, member, shared_fn, name](Args... args) {
        if (!executor_) {
          fuse_now(member, *shared_fn, name, args...);  // errors reach the caller
          return;
        }
        boost::asio::dispatch(*executor_, [this, member, shared_fn, name, args...]() mutable {
          try {
            fuse_now(member, *shared_fn, name, args...);
          } catch (...) {
            report(std::current_exception(), name);
          }
        });
      };
    }
  }

  template <class Member, class F, class... Args>
  void fuse_now(Member member, F const& fn, std::string_view name, Args&... args) {
    using access = detail::slice_access<State, Member>;
    std::shared_ptr<State const> const current = state();
    typename access::type next = fn(access::view(*current, member), args...);
    commit(access::replace(*current, member, std::move(next)), *current, name);
  }

  template <class Member, class F, class... Args>
  boost::asio::awaitable<void> run_async(Member member, std::shared_ptr<F const> fn, std::string name, Args... args) {
    using access = detail::slice_access<State, Member>;
    std::shared_ptr<State const> const start = state();  // the slice the actor works from
    typename access::type next = co_await (*fn)(access::view(*start, member), args...);
    std::shared_ptr<State const> const current = state();  // merged in completion order
    commit(access::replace(*current, member, std::move(next)), *current, name);
  }

  // Middleware, then publish, then notify. Nothing is published if anything before
  // the publication throws.
  void commit(State proposed, State const& current, std::string_view name) {
    for (auto& mw : middleware_) proposed = mw(proposed, current, name);
    auto published = std::make_shared<State const>(std::move(proposed));
    {
      std::lock_guard<std::mutex> lock(state_mutex_);
      state_ = std::move(published);
    }
    if (subscribers_) subscribers_->notify(nullptr);
  }

  void report(std::exception_ptr error, std::string_view name) noexcept {
    try {
      if (on_error_) {
        on_error_(error, name);
        return;
      }
    } catch (...) {
      error = std::current_exception();  // the handler failed: report that instead
    }
    detail::report_to_stderr(error, name);
  }

  mutable std::mutex state_mutex_;
  std::shared_ptr<State const> state_;
  std::optional<boost::asio::any_io_executor> executor_;
  std::shared_ptr<nanoflux::detail::subscriber_list> subscribers_;
  std::vector<std::function<State(State const&, State const&, std::string_view)>> middleware_;
  std::function<void(std::exception_ptr, std::string_view)> on_error_;
  std::map<std::string, std::map<std::string, actor_entry, std::less<>>, std::less<>> namespaces_;
};

}  // namespace nanoflux::fusion

#endif
