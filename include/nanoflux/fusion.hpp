// nanoflux Fusion: one immutable application state, changed only by pure functions
// (actors), with middleware and async actors on Boost.Asio. The C++ counterpart of
// nanoflux-fusion 0.6.0-beta.
#ifndef NANOFLUX_FUSION_HPP
#define NANOFLUX_FUSION_HPP

#include <nanoflux/detail/fusion_call.hpp>
#include <nanoflux/detail/fusion_core.hpp>
#include <nanoflux/detail/fusion_shared.hpp>
#include <nanoflux/detail/fusion_slice.hpp>
#include <nanoflux/detail/fusion_traits.hpp>
#include <nanoflux/store.hpp>
#include <nanoflux/subscription.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace nanoflux::fusion {

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
// What replay (fusion_json.hpp) finds for a recorded line's namespace and actor.
struct replayable {
  bool found = false;            // an actor of that name in that namespace exists
  actor_codec const* codec = nullptr;  // nullptr: its fusionator is not recordable
  void const* target = nullptr;
  bool async = false;
};
struct replay_access {
  template <class State>
  static replayable find(store<State> const& s, std::string_view ns, std::string_view name) {
    auto const n = s.namespaces_.find(ns);
    if (n == s.namespaces_.end()) return {};
    auto const a = n->second.find(name);
    if (a == n->second.end()) return {};
    return {true, a->second.codec, a->second.replay_target.get(), a->second.async};
  }
};
}  // namespace detail

/// A namespace of actors over one slice of the state (or the whole state): what
/// store::fusionator returns. Use it while its store lives (it refers to it). Codec:
/// how its actors are recorded (nanoflux::fusion::recordable, from fusion_json.hpp).
template <class State, class Member, class Codec = detail::not_recordable>
class fusionator {
  using access = detail::slice_access<State, Member>;

public:
  /// The slice's type as actors see it (T for a shared<T> member).
  using slice_type = typename access::type;

  /// Defines actor `name` in this namespace: fn(slice_type const&, Args...) returns the
  /// new slice (or boost::asio::awaitable<slice_type>, run on the store's executor, or
  /// boost::asio::awaitable<update<slice_type>>: a change applied to the slice current
  /// when it completes); Args are taken by value or by const&. Returns a callable f(Args...) that fuses fn's
  /// result into a new state (registered as void(Args...) for store::actor lookup).
  template <class F>
  auto actor(std::string_view name, F fn) {
    // An error here means fn is generic or overloaded: give it one, non-template
    // operator() (or pass a function pointer) so that its arguments can be deduced.
    static_assert(detail::deducible_actor<F>,
                  "nanoflux::fusion: an actor must be a function pointer or a lambda with fixed parameter types");
    if constexpr (detail::deducible_actor<F>)
      return checked(name, std::move(fn), typename detail::actor_signature<std::decay_t<F>>::args{});
  }

  std::string_view name() const noexcept { return name_; }

private:
  friend class store<State>;
  fusionator(store<State>& s, std::string_view ns, Member member) : store_(&s), name_(ns), member_(member) {}

  template <class Result>
  static constexpr bool returns_slice() {
    using awaited = detail::awaited<Result>;
    if constexpr (awaited::is_async && detail::as_update<typename awaited::type>::value)
      return std::is_same_v<typename awaited::type, update<slice_type>>;
    else
      return std::is_convertible_v<typename awaited::type, slice_type>;
  }

  template <class F, class... P>
  auto checked(std::string_view name, F fn, detail::type_list<P...>) {
    using result = typename detail::actor_signature<std::decay_t<F>>::result;
    using awaited = detail::awaited<result>;
    constexpr bool params_ok = (detail::value_or_const_ref<P> && ...);
    // An error here means a parameter after the slice is a non-const reference (or an
    // rvalue reference): the store passes its own copy of each argument.
    static_assert(params_ok,
                  "nanoflux::fusion: an actor's parameters after the slice must be taken by value or by const&");
    constexpr bool result_ok = returns_slice<result>();
    // An error here means the actor returns neither the slice's type nor an awaitable of it
    // (or of update<slice_type>, for an async actor).
    static_assert(result_ok, "nanoflux::fusion: an actor must return the new slice (or boost::asio::awaitable<slice>, "
                             "or boost::asio::awaitable<nanoflux::fusion::update<slice>>)");
    constexpr bool callable = std::is_invocable_v<F const&, slice_type const&, std::remove_cvref_t<P>&&...>;
    // An error here means fn takes the slice by non-const reference (actors cannot change
    // the state: take it by const&) or is a mutable lambda (actors are called as const).
    static_assert(!params_ok || callable,
                  "nanoflux::fusion: an actor is called as fn(slice_type const&, args...) on a const function "
                  "object: take the slice by const& and do not make the lambda mutable");
    if constexpr (params_ok && result_ok && callable) {
      detail::actor_codec const* codec =
          Codec::template codec<awaited::is_async, slice_type, std::remove_cvref_t<P>...>();
      return store_->template make_actor<awaited::is_async, Member, F, std::remove_cvref_t<P>...>(
          member_, std::move(fn), detail::actor_identity{std::string(name), name_, {}, nullptr, codec});
    }
  }

  store<State>* store_;
  std::string name_;
  Member member_;
};

/// The application state: one value of type State, replaced — never modified — by
/// actors. Not copyable or movable (fusionators refer to it). Actors hold it weakly: an
/// actor called after its store is destroyed does nothing, and a queued or async fuse
/// still pending then is dropped.
///
/// Threads. Without an executor: use the store from one thread at a time (debug builds
/// abort with a message when two threads overlap). With an executor: every fuse runs on
/// a strand of it (so also an io_context run by several threads or a thread pool works);
/// an actor may be called from any thread — called from outside the strand it is queued
/// to it, on it (in a subscriber or an async actor) it fuses at once — and its errors go
/// to on_error. state() may be called from any thread at any time. Define fusionators and
/// actors, subscribe, unsubscribe, use() and on_error() before the executor runs or from
/// its strand (a subscriber), and destroy the store there or after the executor stopped.
template <class State>
class store {
  // An error here means State is not a copyable object type (a reference, a const type,
  // an array, or a type without a copy constructor): the state is copied on each fuse.
  static_assert(std::is_object_v<State> && !std::is_const_v<State> && !std::is_array_v<State> &&
                    std::is_copy_constructible_v<State> && std::is_move_assignable_v<State>,
                "nanoflux::fusion::store<State> needs State to be a copyable, non-const object type");

  using core_type = detail::core<State>;

public:
  using state_type = State;

  /// A store whose sync actors fuse in the caller, at once.
  explicit store(State initial) : core_(std::make_shared<core_type>(std::move(initial))) {}
  /// A store whose fuses run on a strand of `executor` (needed for async actors).
  store(State initial, boost::asio::any_io_executor executor)
      : core_(std::make_shared<core_type>(std::move(initial))), executor_(make_strand(std::move(executor))) {}
  store(store const&) = delete;
  store& operator=(store const&) = delete;

  /// The current state: a snapshot that never changes, valid as long as it is held.
  std::shared_ptr<State const> state() const noexcept { return core_->state(); }

  /// Calls f(state) — or f() — after each fuse, with the state current when f is called
  /// (a subscriber that calls an actor fuses again at once; the subscribers after it then
  /// see the newer state, possibly twice).
  template <class F>
  [[nodiscard]] subscription subscribe(F&& f) {
    // An error here means f can be called neither as f() nor as f(State const&).
    static_assert(subscriber_for<F, State> == true, "nanoflux::fusion: subscribe(f) needs f() or f(State const&)");
    if constexpr (subscriber_for<F, State>) {
      core_->check_not_fusing_elsewhere("subscribe() was called");
      return nanoflux::detail::subscribe_to<State>(core_->subscribers(),
                                                   notifier<std::decay_t<F>>{std::forward<F>(f), core_.get()});
    } else {
      return subscription();
    }
  }

  std::size_t subscriber_count() const noexcept { return core_->subscriber_count(); }

  // For nanoflux::select (select.hpp): the store's selectors, updated by each fuse before
  // its subscribers run. Not for users.
  std::shared_ptr<nanoflux::detail::state::derived_list> const& derived_values() {
    core_->check_not_fusing_elsewhere("select() was called");
    return core_->derived_values();
  }

  /// A namespace of actors over the data member `slice`; with `recordable`
  /// (nanoflux/fusion_json.hpp) as third argument, its actors can be recorded and
  /// replayed as JSON.
  template <class M, detail::codec_policy Codec = detail::not_recordable>
  auto fusionator(std::string_view ns, M State::*slice, Codec = {}) {
    // An error here means slice is a member function or a const member: a fusionator
    // replaces a data member of the state.
    static_assert(std::is_object_v<M> && !std::is_const_v<M>,
                  "nanoflux::fusion: fusionator(ns, &State::member) needs a non-const data member of State");
    if constexpr (std::is_object_v<M> && !std::is_const_v<M>) {
      namespaces_[std::string(ns)];
      return fusion::fusionator<State, M State::*, Codec>(*this, ns, slice);
    }
  }
  /// A namespace of actors over the whole state (recordable as above).
  template <detail::codec_policy Codec = detail::not_recordable>
  fusion::fusionator<State, detail::whole_state, Codec> fusionator(std::string_view ns, Codec = {}) {
    namespaces_[std::string(ns)];
    return fusion::fusionator<State, detail::whole_state, Codec>(*this, ns, detail::whole_state{});
  }

  /// Finds actor `name` of namespace `ns` with signature Sig = void(Args...) (Args by
  /// value or const&: void(std::string const&) finds an actor of void(std::string)).
  /// Throws lookup_error saying which is wrong: the namespace, the actor, or the
  /// signature (naming the actor's real one).
  template <class Sig>
  std::function<Sig> actor(std::string_view name, std::string_view ns) const {
    using lookup = detail::lookup_signature<Sig>;
    // An error here means Sig is not a function type void(Args...) with Args by value or
    // by const&, such as void(int, std::string const&).
    static_assert(lookup::valid, "nanoflux::fusion: store::actor<Sig> needs Sig = void(Args...), Args by value or const&");
    if constexpr (lookup::valid) {
      using stored = typename lookup::stored;
      auto const n = namespaces_.find(ns);
      if (n == namespaces_.end()) throw lookup_error("nanoflux::fusion: unknown namespace '" + std::string(ns) + "'");
      auto const a = n->second.find(name);
      if (a == n->second.end())
        throw lookup_error("nanoflux::fusion: unknown actor '" + std::string(name) + "' in namespace '" +
                           std::string(ns) + "'");
      if (a->second.tag != &detail::signature_tag<stored>)
        throw lookup_error("nanoflux::fusion: actor '" + std::string(name) + "' in namespace '" + std::string(ns) +
                           "' is " + a->second.signature + ", not " + lookup::name());
      auto const& call = *static_cast<std::function<stored> const*>(a->second.callable.get());
      if constexpr (std::is_same_v<Sig, stored>)
        return call;
      else
        return std::function<Sig>(call);
    } else {
      return {};
    }
  }

  /// Adds a middleware, run in the order added on every fuse (sync and async) before the
  /// new state is published; it returns the State to publish. Either
  ///   mw(State const& proposed, State const& current, std::string_view actor), or
  ///   mw(State const& proposed, State const& current, actor_call const& call),
  /// which also learns the actor's namespace and arguments (see actor_call). If one
  /// throws, nothing is published. Middleware must not call actors (dispatch_error).
  template <class Mw>
  void use(Mw mw) {
    constexpr bool with_call = std::is_invocable_r_v<State, Mw&, State const&, State const&, actor_call const&>;
    // (std::conjunction: a generic mw is not instantiated with the name when it takes the call.)
    constexpr bool with_name =
        std::conjunction_v<std::bool_constant<!with_call>,
                           std::is_invocable_r<State, Mw&, State const&, State const&, std::string_view>>;
    // An error here means mw cannot be called as
    // mw(State const& proposed, State const& current, std::string_view actor) -> State, nor
    // mw(State const& proposed, State const& current, nanoflux::fusion::actor_call const&) -> State.
    static_assert(with_call || with_name,
                  "nanoflux::fusion: use(mw) needs mw(State const& proposed, State const& current, "
                  "std::string_view actor) or mw(..., nanoflux::fusion::actor_call const&) returning the State to "
                  "publish");
    if constexpr (with_call) {
      core_->check_not_fusing_elsewhere("use() was called");
      core_->add_middleware(std::move(mw));
    } else if constexpr (with_name) {
      core_->check_not_fusing_elsewhere("use() was called");
      core_->add_middleware([mw = std::move(mw)](State const& proposed, State const& current,
                                                 actor_call const& call) mutable -> State {
        return mw(proposed, current, call.name());
      });
    }
  }

  /// Where errors go that have no caller to reach: those of async actors, and with an
  /// executor those of every actor (including a middleware or subscriber that throws).
  /// f(std::exception_ptr, std::string_view actor). Default: a line on stderr.
  template <class F>
  void on_error(F f) {
    // An error here means f cannot be called as f(std::exception_ptr, std::string_view).
    static_assert(std::is_invocable_v<F&, std::exception_ptr, std::string_view>,
                  "nanoflux::fusion: on_error(f) needs f(std::exception_ptr, std::string_view actor)");
    if constexpr (std::is_invocable_v<F&, std::exception_ptr, std::string_view>) {
      core_->check_not_fusing_elsewhere("on_error() was called");
      core_->set_on_error(std::move(f));
    }
  }

  bool has_executor() const noexcept { return executor_.has_value(); }

private:
  template <class S, class M, class C>
  friend class fusion::fusionator;
  friend struct detail::replay_access;

  static boost::asio::any_io_executor make_strand(boost::asio::any_io_executor executor) {
    if (!executor) throw std::invalid_argument("nanoflux::fusion: store(initial, executor) needs a valid executor");
    return boost::asio::make_strand(std::move(executor));
  }

  template <class F>
  struct notifier {
    F f;
    core_type const* self;  // the core owns the subscriber list, so it outlives this
    void operator()() {
      std::shared_ptr<State const> const snapshot = self->state();  // alive during the call
      if constexpr (std::is_invocable_v<F&, State const&>)
        f(*snapshot);
      else
        f();
    }
  };

  struct actor_entry {
    void const* tag;
    std::string signature;
    std::shared_ptr<void> callable;  // std::function<void(Args...)>
    // Recordable actors (fusion_json.hpp): how a recorded line is replayed, on what: the
    // callable itself for a sync actor, its completion entry point for an async one.
    detail::actor_codec const* codec = nullptr;
    std::shared_ptr<void> replay_target;
    bool async = false;
  };

  template <bool Async, class Slice, class... Args>
  void register_actor(detail::actor_identity const& who, std::function<void(Args...)> const& call,
                      std::shared_ptr<void> replay_target) {
    core_->check_not_fusing_elsewhere("an actor was defined");
    auto& actors = namespaces_[who.ns];
    if (actors.count(who.name))
      throw lookup_error("nanoflux::fusion: actor '" + who.name + "' is already defined in namespace '" + who.ns + "'");
    actors.emplace(who.name, actor_entry{who.tag, who.signature, std::make_shared<std::function<void(Args...)>>(call),
                                         who.codec, std::move(replay_target), Async});
  }

  // What every call of one actor shares.
  template <class Member, class F>
  struct actor_info {
    Member member;
    F fn;
    detail::actor_identity who;
  };

  template <bool Async, class Member, class F, class... Args>
  std::function<void(Args...)> make_actor(Member member, F fn, detail::actor_identity who) {
    using info_type = actor_info<Member, F>;
    using slice = typename detail::slice_access<State, Member>::type;
    std::weak_ptr<core_type> weak = core_;
    if constexpr (Async) {
      if (!executor_)
        throw lookup_error("nanoflux::fusion: async actor '" + who.name + "' needs a store constructed with an executor");
    }
    who.signature = detail::signature_name<Args...>();
    who.tag = &detail::signature_tag<void(Args...)>;
    auto const info = std::make_shared<info_type const>(info_type{member, std::move(fn), std::move(who)});
    std::function<void(Args...)> call;
    std::shared_ptr<void> replay_target;
    if constexpr (Async) {
      call = [weak, info, ex = *executor_](Args... args) {
        if (std::shared_ptr<core_type> const c = weak.lock())
          c->check_not_computing(info->who.name);
        else
          return;  // the store is gone
        boost::asio::co_spawn(ex, run_async<Member, F, Args...>(weak, info, std::move(args)...),
                              [weak, info](std::exception_ptr error) {
                                if (!error) return;
                                if (std::shared_ptr<core_type> const c = weak.lock())
                                  c->report(error, info->who.name);
                                else
                                  detail::report_to_stderr(error, info->who.name);
                              });
      };
      if (info->who.codec != nullptr) {
        // A replayed completion: the recorded result fused as the actor's, on the strand.
        using completion = std::function<void(slice, Args...)>;
        replay_target = std::make_shared<completion>([weak, info, ex = *executor_](slice result, Args... args) {
          boost::asio::dispatch(ex, [weak, info, result = std::move(result), ... args = std::move(args)]() mutable {
            std::shared_ptr<core_type> const c = weak.lock();
            if (!c) return;
            std::tuple<Args const&...> const arguments(args...);
            try {
              c->complete(info->member, std::move(result), info->who, &arguments);
            } catch (...) {
              c->report(std::current_exception(), info->who.name);
            }
          });
        });
      }
    } else if (!executor_) {
      call = [weak, info](Args... args) {  // fuses in the caller; errors reach it
        if (std::shared_ptr<core_type> const c = weak.lock())
          c->fuse(info->member, info->fn, info->who, std::move(args)...);
      };
    } else {
      call = [weak, info, ex = *executor_](Args... args) {
        if (std::shared_ptr<core_type> const c = weak.lock())
          c->check_not_computing(info->who.name);  // refused in the caller
        else
          return;
        // At once when called on the strand, otherwise queued to it.
        boost::asio::dispatch(ex, [weak, info, ... args = std::move(args)]() mutable {
          std::shared_ptr<core_type> const c = weak.lock();
          if (!c) return;  // the store was destroyed meanwhile
          try {
            c->fuse(info->member, info->fn, info->who, std::move(args)...);
          } catch (...) {
            c->report(std::current_exception(), info->who.name);
          }
        });
      };
    }
    if constexpr (!Async)
      if (info->who.codec != nullptr) replay_target = std::make_shared<std::function<void(Args...)>>(call);
    register_actor<Async, slice, Args...>(info->who, call, std::move(replay_target));
    return call;
  }

  // An async actor, on the strand: starts from the state current when it starts, fuses
  // its result into the state current when it completes (a slice replaces the slice, an
  // update<Slice> is applied to it). Holds the store only weakly while it waits. Keeps
  // its own copy of the arguments, for the middleware at completion.
  template <class Member, class F, class... Args>
  static boost::asio::awaitable<void> run_async(std::weak_ptr<core_type> weak,
                                                std::shared_ptr<actor_info<Member, F> const> info, Args... args) {
    using access = detail::slice_access<State, Member>;
    std::shared_ptr<State const> start;
    if (std::shared_ptr<core_type> const c = weak.lock())
      start = c->state();
    else
      co_return;
    auto result = co_await info->fn(access::view(*start, info->member), std::as_const(args)...);
    if (std::shared_ptr<core_type> const c = weak.lock()) {
      std::tuple<Args const&...> const arguments(args...);
      c->complete(info->member, std::move(result), info->who, &arguments);
    }
  }

  std::shared_ptr<core_type> core_;
  std::optional<boost::asio::any_io_executor> executor_;  // a strand
  std::map<std::string, std::map<std::string, actor_entry, std::less<>>, std::less<>> namespaces_;
};

}  // namespace nanoflux::fusion

#endif
