// nanoflux Fusion: the shared core of a fusion::store — the published state, the
// middleware, the subscribers and the error handler — and how one fuse runs. Actors
// reach it through a weak_ptr, so an actor (or a queued or async fuse) that outlives its
// store does nothing instead of touching freed memory.
#ifndef NANOFLUX_DETAIL_FUSION_CORE_HPP
#define NANOFLUX_DETAIL_FUSION_CORE_HPP

#include <nanoflux/detail/fusion_call.hpp>
#include <nanoflux/detail/fusion_slice.hpp>
#include <nanoflux/detail/state/derived.hpp>
#include <nanoflux/detail/subscriber_list.hpp>
#include <nanoflux/error.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

// Debug builds (no NDEBUG) check that a store is not used from two threads at once:
// an actor called, or subscribe()/use()/on_error()/actor definition done, on one thread
// while another thread is fusing on the same store prints a message and aborts. Define
// NANOFLUX_FUSION_THREAD_CHECKS to 0 or 1 to choose regardless of NDEBUG.
#ifndef NANOFLUX_FUSION_THREAD_CHECKS
#ifdef NDEBUG
#define NANOFLUX_FUSION_THREAD_CHECKS 0
#else
#define NANOFLUX_FUSION_THREAD_CHECKS 1
#endif
#endif

namespace nanoflux::fusion::detail {

// The default error handler: one line on stderr.
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

[[noreturn, gnu::cold]] inline void report_thread_misuse(char const* what, std::string_view actor) noexcept {
  std::fprintf(stderr,
               "nanoflux fusion: %s%s%.*s%s on one thread while another thread is fusing on the same store. "
               "Without an executor, use a store from one thread at a time; with one, its actors may be called "
               "from any thread, but define actors, subscribe, use() and on_error() before the executor runs or "
               "on it\n",
               what, actor.empty() ? "" : " (actor '", static_cast<int>(actor.size()), actor.data(),
               actor.empty() ? "" : "')");
  std::abort();
}

template <class State>
class core {
public:
  using middleware_fn = std::function<State(State const&, State const&, actor_call const&)>;
  using error_fn = std::function<void(std::exception_ptr, std::string_view)>;

  explicit core(State initial) : state_(std::make_shared<State const>(std::move(initial))) {}
  core(core const&) = delete;
  core& operator=(core const&) = delete;

  // Any thread.
  std::shared_ptr<State const> state() const noexcept {
    std::lock_guard<std::mutex> lock(state_mutex_);
    return state_;
  }

  // One fuse of a sync actor: its function computes the new slice from the current
  // state, the slice is fused into a copy of it, the middleware run, the result is
  // published and the subscribers are notified. If the actor or a middleware throws,
  // nothing is published and no subscriber runs.
  template <class Member, class F, class... Args>
  void fuse(Member member, F const& fn, actor_identity const& who, Args&&... args) {
    using access = slice_access<State, Member>;
    check_not_computing(who.name);
    fusing_scope const fusing(*this, "an actor was called", who.name);
    std::shared_ptr<State const> const current = state();
    std::tuple<std::remove_reference_t<Args> const&...> const arguments(args...);
    typename access::type next = [&]() -> typename access::type {
      computing_scope const computing(*this, who.name);
      // Middleware read the arguments after the actor ran: then they are not moved from.
      if (middleware_.empty()) return fn(access::view(*current, member), std::forward<Args>(args)...);
      return fn(access::view(*current, member), std::as_const(args)...);
    }();
    commit(access::replace(*current, member, std::move(next)), *current,
           call_access::make(who, &arguments, nullptr));
  }

  // The completion of an async actor. Its result, a slice, replaces the slice of the
  // state current now (so overlapping async actors of one slice fuse in completion
  // order); an update<Slice> is applied to that slice instead (so what was fused
  // meanwhile is kept). `arguments`: a std::tuple<Args const&...>, or nullptr.
  template <class Member, class Result>
  void complete(Member member, Result&& result, actor_identity const& who, void const* arguments) {
    using access = slice_access<State, Member>;
    fusing_scope const fusing(*this, "an async actor completed", who.name);
    std::shared_ptr<State const> const current = state();
    typename access::type next = [&]() -> typename access::type {
      if constexpr (as_update<std::remove_cvref_t<Result>>::value) {
        check_not_computing(who.name);
        computing_scope const computing(*this, who.name);
        return result(access::view(*current, member));
      } else {
        return std::forward<Result>(result);
      }
    }();
    // Middleware may read `next` (the recorder writes it: replayed, it is fused as a
    // plain result), so it is copied, not moved, when there are any.
    actor_call const call = call_access::make(who, arguments, &next);
    commit(access::replace(*current, member, middleware_.empty() ? std::move(next) : typename access::type(next)),
           *current, call);
  }

  // Throws dispatch_error when called on the thread that is running an actor's function
  // or a middleware of this store: the fuse in progress would overwrite what the nested
  // call published (a lost update), so the nested call is refused and the outer fuse
  // fails with the error.
  void check_not_computing(std::string_view actor) const {
    if (computing_thread_.load(std::memory_order_relaxed) == std::this_thread::get_id())
      throw nanoflux::dispatch_error("nanoflux::fusion: actor '" + std::string(actor) + "' was called while actor '" +
                                     std::string(computing_actor_) +
                                     "' is computing its new state (in its function or a middleware); actors and "
                                     "middleware must be pure: call actors from subscribers, action creators or "
                                     "async actors");
  }

  // Debug builds: aborts when another thread is fusing on this store right now.
  void check_not_fusing_elsewhere([[maybe_unused]] char const* what) const noexcept {
#if NANOFLUX_FUSION_THREAD_CHECKS
    std::thread::id const t = fusing_thread_.load(std::memory_order_acquire);
    if (t != std::thread::id() && t != std::this_thread::get_id()) report_thread_misuse(what, {});
#endif
  }

  // Sends an error to the on_error handler (default: stderr). If the handler throws,
  // that exception is reported on stderr instead.
  void report(std::exception_ptr error, std::string_view actor) noexcept {
    try {
      if (on_error_) {
        on_error_(error, actor);
        return;
      }
    } catch (...) {
      error = std::current_exception();
    }
    report_to_stderr(error, actor);
  }

  std::shared_ptr<nanoflux::detail::subscriber_list>& subscribers() noexcept { return subscribers_; }
  std::size_t subscriber_count() const noexcept { return subscribers_ ? subscribers_->size() : 0; }
  // The selectors of this store (created by the first select() over it).
  std::shared_ptr<nanoflux::detail::state::derived_list> const& derived_values() {
    if (!derived_) derived_ = std::make_shared<nanoflux::detail::state::derived_list>();
    return derived_;
  }
  void add_middleware(middleware_fn mw) { middleware_.push_back(std::move(mw)); }
  void set_on_error(error_fn f) { on_error_ = std::move(f); }

private:
  // Marks the thread running an actor's function or a middleware.
  struct computing_scope {
    core& self;
    computing_scope(core& c, std::string_view actor) noexcept : self(c) {
      self.computing_actor_ = actor;
      self.computing_thread_.store(std::this_thread::get_id(), std::memory_order_relaxed);
    }
    ~computing_scope() { self.computing_thread_.store(std::thread::id(), std::memory_order_relaxed); }
    computing_scope(computing_scope const&) = delete;
    computing_scope& operator=(computing_scope const&) = delete;
  };

  // Debug builds: marks the thread fusing on this store; nested fuses on that thread (a
  // subscriber calling an actor) are fine, a fuse on another thread meanwhile aborts.
  class fusing_scope {
  public:
    fusing_scope([[maybe_unused]] core& c, [[maybe_unused]] char const* what,
                 [[maybe_unused]] std::string_view actor) noexcept {
#if NANOFLUX_FUSION_THREAD_CHECKS
      std::thread::id const me = std::this_thread::get_id();
      if (c.fusing_thread_.load(std::memory_order_acquire) == me) return;  // nested on this thread
      std::thread::id none;
      if (!c.fusing_thread_.compare_exchange_strong(none, me, std::memory_order_acq_rel))
        report_thread_misuse(what, actor);
      owner_ = &c;
#endif
    }
    ~fusing_scope() {
      if (owner_ != nullptr) owner_->fusing_thread_.store(std::thread::id(), std::memory_order_release);
    }
    fusing_scope(fusing_scope const&) = delete;
    fusing_scope& operator=(fusing_scope const&) = delete;

  private:
    core* owner_ = nullptr;  // not under #if: one layout whatever the setting
  };

  // Middleware, then publish, then notify.
  void commit(State proposed, State const& current, actor_call const& call) {
    if (!middleware_.empty()) {
      computing_scope const computing(*this, call.name());
      for (middleware_fn& mw : middleware_) proposed = mw(proposed, current, call);
    }
    auto published = std::make_shared<State const>(std::move(proposed));
    if (derived_) [[unlikely]] {
      commit_with_selectors(std::move(published));
      return;
    }
    {
      std::lock_guard<std::mutex> lock(state_mutex_);
      state_.swap(published);  // the previous state is released outside the lock
    }
    // Subscribers read the state current when each is called (see store::subscribe).
    if (subscribers_) subscribers_->notify(nullptr);
  }

  // The same with selectors (nanoflux::select over this store), as a state_store does:
  // every selector takes its value from the new state, then the subscribers run, then
  // the subscribers of the selectors that changed.
  void commit_with_selectors(std::shared_ptr<State const> published) {
    std::shared_ptr<State const> const current = published;  // alive while the selectors read it
    {
      std::lock_guard<std::mutex> lock(state_mutex_);
      state_.swap(published);
    }
    nanoflux::detail::state::derived_list* const derived = derived_.get();
    derived->recompute(current.get());
    if (subscribers_) subscribers_->notify(nullptr);
    derived->publish();
  }

  mutable std::mutex state_mutex_;
  std::shared_ptr<State const> state_;
  std::shared_ptr<nanoflux::detail::subscriber_list> subscribers_;
  std::shared_ptr<nanoflux::detail::state::derived_list> derived_;  // selectors; see commit_with_selectors
  std::vector<middleware_fn> middleware_;
  error_fn on_error_;
  std::atomic<std::thread::id> computing_thread_{};
  std::string_view computing_actor_;  // read only on computing_thread_
  // Not under #if: translation units built with and without the checks (NDEBUG or not)
  // must agree on the layout.
  std::atomic<std::thread::id> fusing_thread_{};
};

}  // namespace nanoflux::fusion::detail

#endif
