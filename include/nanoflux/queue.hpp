// nanoflux: queued dispatch. action_queue, a fixed-capacity FIFO of the actions of a
// closed set that threads and interrupt handlers post to, and d.with_queue(q), a
// dispatcher that runs to completion.
//
// The rules, before the mechanism:
// - post()/emplace() never block and never allocate. When the queue is full they
//   return false, queue nothing, and dropped() counts the refusal.
// - drain(d) is for the consumer only (one thread at a time, never from an interrupt
//   that can preempt it). It dispatches, in FIFO order, the actions queued when it
//   started; actions posted meanwhile wait for the next drain. It returns how many it
//   dispatched. Each action is destroyed exactly once: after its dispatch, also when
//   a handler throws (the action is consumed, the exception leaves drain(), the actions
//   behind it stay queued). With multi_producer, a post still in progress when the
//   drain reaches it ends the drain there (the next drain takes it and what follows).
//   A drain called from inside a drain of the same queue dispatches nothing.
// - single_producer: one producer at a time. post() is wait-free and uses atomic loads
//   and stores only (fine on Cortex-M0). multi_producer: any number of producers;
//   post() is lock-free (compare-and-swap; not available on ARMv6-M: compile error).
//   guarded_producers<Guard>: any number of producers, each post holding a Guard (on
//   Cortex-M, nanoflux::interrupt_mask) over the single-producer ring.
//   Each ring's header (detail/queue/) states its atomics and memory orders and why.
// - wait() (hosted targets: C++20 std::atomic::wait) blocks the consumer until a drain
//   would dispatch something; it does not spin. Producers notify only while it waits.
//
// with_queue: see queued_dispatcher below.
#ifndef NANOFLUX_QUEUE_HPP
#define NANOFLUX_QUEUE_HPP

#include <nanoflux/concepts.hpp>
#include <nanoflux/detail/config.hpp>
// slots.hpp first: a drain's compile error (in it) then comes with a shorter include trace.
#include <nanoflux/detail/queue/slots.hpp>
#include <nanoflux/detail/queue/mpsc_ring.hpp>
#include <nanoflux/detail/queue/positions.hpp>
#include <nanoflux/detail/queue/spsc_ring.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/error.hpp>
#include <nanoflux/fwd.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace nanoflux {

/// One producer at a time (one thread, or interrupt handlers that cannot preempt each
/// other): post() is wait-free, with atomic loads and stores only.
struct single_producer {};
/// Any number of producers (threads, interrupts of several priorities): post() is
/// lock-free. Needs a lock-free compare-and-swap (not on ARMv6-M).
struct multi_producer {};
/// Any number of producers that take turns: each post holds a Guard (default-constructed
/// before the post, destroyed after it: while one lives, no other producer may post)
/// over the single-producer ring. For targets without compare-and-swap (ARMv6-M) with
/// producers at several interrupt priorities: guarded_producers<nanoflux::interrupt_mask>
/// (<nanoflux/interrupt_mask.hpp>) masks interrupts for the length of each post. The
/// consumer (drain, wait) takes no Guard.
template <class Guard>
struct guarded_producers {};

namespace detail::queue {
struct no_guard {};  // a post holds nothing
template <class Producers>
struct producers_traits {
  static constexpr bool valid = std::is_same_v<Producers, single_producer> ||
                                std::is_same_v<Producers, multi_producer>;
  static constexpr bool guard_constructible = true;
  using guard = no_guard;
};
template <class Guard>
struct producers_traits<guarded_producers<Guard>> {
  static constexpr bool valid = true;
  static constexpr bool guard_constructible = std::is_default_constructible_v<Guard>;
  // (no_guard for a Guard that cannot be made: action_queue's static_assert alone reports it)
  using guard = std::conditional_t<guard_constructible, Guard, no_guard>;
};
template <class Producers>
inline constexpr bool is_producers_policy = producers_traits<Producers>::valid;
template <class Layout, std::size_t Capacity, class Producers>
struct ring_for {
  using type = spsc_ring<Layout, Capacity>;
};
template <class Layout, std::size_t Capacity>
struct ring_for<Layout, Capacity, multi_producer> {
  // An error here means: this target has no lock-free compare-and-swap (ARMv6-M:
  // Cortex-M0/M0+, or std::atomic<std::size_t> is not always lock-free), and
  // multi_producer would need a lock or libatomic. Use single_producer and post only
  // from producers that cannot preempt each other (one interrupt priority), or
  // guarded_producers<nanoflux::interrupt_mask>: each post masks interrupts.
  static_assert(has_lock_free_cas || never<Layout>,
                "nanoflux: action_queue<..., multi_producer> needs a lock-free compare-and-swap, which this "
                "target lacks (ARMv6-M / Cortex-M0 has none): use single_producer, or "
                "guarded_producers<nanoflux::interrupt_mask> for producers at several interrupt priorities");
  using type = mpsc_ring<Layout, Capacity>;
};
}  // namespace detail::queue

template <class Dispatcher, class Queue>
class queued_dispatcher;

namespace detail::queue {
// The ring of a queue, destroying the actions still queued when it is destroyed. With
// trivially destructible actions it has nothing to do, and no destructor: the queue is
// then trivially destructible, so that a global queue needs no destructor registered
// at start-up (firmware: no .init_array entry).
template <class Ring, class Set, bool = Set::all_trivially_destructible>
struct owning_ring : Ring {};
template <class Ring, class Set>
struct owning_ring<Ring, Set, false> : Ring {
  owning_ring() = default;
  owning_ring(owning_ring const&) = delete;
  owning_ring& operator=(owning_ring const&) = delete;
  ~owning_ring() { this->destroy_all(Set::destroy); }
};

template <class D>
D& drain_target(D& d) noexcept {
  return d;
}
template <class D, class Q>
D& drain_target(queued_dispatcher<D, Q>& d) noexcept {
  return d.undeferred();
}
}  // namespace detail::queue

/// A fixed-capacity FIFO of actions of the closed set Actions = nanoflux::actions<A...>.
/// No heap, no locks, no exceptions of its own, no RTTI; each slot holds any one action
/// (storage: the largest action plus a small tag). See the rules at the top of this file.
template <class Actions, std::size_t Capacity, class Producers = single_producer>
class action_queue {
  // An error here means the first argument of action_queue is not nanoflux::actions<...>:
  // a queue holds the actions of a closed set.
  static_assert(detail::never<Actions>,
                "nanoflux: action_queue<Actions, Capacity, Producers> needs Actions = nanoflux::actions<A...>");
};

template <class... A, std::size_t Capacity, class Producers>
class action_queue<actions<A...>, Capacity, Producers> {
  // An error here means the third argument is not nanoflux::single_producer,
  // nanoflux::multi_producer or nanoflux::guarded_producers<Guard>.
  static_assert(detail::queue::is_producers_policy<Producers>,
                "nanoflux: action_queue's third argument must be single_producer, multi_producer or "
                "guarded_producers<Guard>");
  // An error here means guarded_producers' Guard cannot be default-constructed: each
  // post makes one with no arguments (its constructor keeps the other producers out).
  static_assert(detail::queue::producers_traits<Producers>::guard_constructible,
                "nanoflux: guarded_producers<Guard> needs a Guard constructible with no arguments");
  using set = detail::queue::action_set_traits<A...>;

public:
  using action_set = actions<A...>;
  using producers = Producers;

  /// True when A is one of the queue's actions.
  template <class X>
  static constexpr bool holds = set::template holds<X>;

  action_queue() = default;
  action_queue(action_queue const&) = delete;
  action_queue& operator=(action_queue const&) = delete;
  // Destroying the queue destroys the actions still queued (they are not dispatched):
  // owning_ring does it.

  /// Queues a copy (or move) of action. Returns false when the queue is full: nothing
  /// is queued and dropped() counts it. Never blocks, never allocates.
  template <class X>
    requires holds<std::remove_cvref_t<X>>
  NANOFLUX_INLINE bool post(X&& action) {
    using action_type = std::remove_cvref_t<X>;
    return push<action_type>(std::forward<X>(action));
  }
  // An error "use of deleted function" here names the action (X) that is not in the
  // queue's nanoflux::actions<...>.
  template <class X>
    requires(!holds<std::remove_cvref_t<X>>)
  bool post(X&&) = delete;  // error: this action is not in the queue's actions<...>

  /// Queues X built in place from args (X(args...), or X{args...} for an aggregate).
  /// Returns false when the queue is full, like post().
  template <class X, class... Args>
    requires holds<X> && detail::queue::constructible_from<X, Args...>
  NANOFLUX_INLINE bool emplace(Args&&... args) {
    return push<X>(std::forward<Args>(args)...);
  }
  template <class X, class... Args>
    requires(!holds<X>)
  bool emplace(Args&&...) = delete;  // error: this action is not in the queue's actions<...>

  /// Consumer only: dispatches to d, in FIFO order, the actions queued when drain
  /// started (see the rules at the top of this file). Returns how many.
  /// d may be a dispatcher made by with_queue(): the actions then go to its stores
  /// directly (what they dispatch is deferred to this queue).
  template <class D>
  NANOFLUX_INLINE std::size_t drain(D& d) {
    auto& target = detail::queue::drain_target(d);
    using T = std::remove_reference_t<decltype(target)>;
    // Every action of the queue must be accepted by d: check_drain_accepts names the
    // first that is not (checked here, before any dispatch code is instantiated, so
    // that the error is short).
    constexpr bool accepted[] = {can_dispatch<T, A>...};
    if constexpr (!detail::queue::all_of(accepted)) {
      bool const reported[] = {detail::queue::drain_accepts<A, T>()...};  // check_drain_accepts
      (void)reported;
      return 0;
    } else if constexpr (detail::queue::batch_dispatcher<T>) {
      // One check of the nested-dispatch flag for the whole drain: drain(d) from inside
      // a dispatch of d is a nested dispatch (reported before any action is taken).
      if (!target.begin_batch()) {
        detail::report_nested_dispatch();
        return 0;
      }
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      std::size_t n;
      try {
        n = ring_.drain(set::delivery(target));
      } catch (...) {
        target.end_batch();
        throw;
      }
#else
      std::size_t const n = ring_.drain(set::delivery(target));
#endif
      target.end_batch();
      return n;
    } else {
      return ring_.drain(set::delivery(target));
    }
  }

  /// How many actions are queued (with concurrent producers: a snapshot, which may
  /// count posts still in progress).
  std::size_t size() const noexcept { return ring_.size(); }
  bool empty() const noexcept { return size() == 0; }
  /// How many posts were refused because the queue was full.
  std::size_t dropped() const noexcept { return ring_.dropped(); }
  static constexpr std::size_t capacity() noexcept { return Capacity; }

#if NANOFLUX_QUEUE_WAIT
  /// Consumer only: blocks until the next drain() has an action to dispatch (returns
  /// at once if it already has). Sleeps in std::atomic::wait: no spinning, no mutex.
  void wait() const noexcept { ring_.wait(); }
  /// The same as wait().
  void wait_for_actions() const noexcept { ring_.wait(); }
#endif

private:
  template <class Action, class... Args>
  NANOFLUX_INLINE bool push(Args&&... args) {
    // guarded_producers<Guard>: the Guard lives for the whole post (claim, construction,
    // commit or abandon); otherwise an empty object. (Not const: GCC then kept
    // interrupt_mask's saved PRIMASK in a stack slot, a store and a load per post.)
    [[maybe_unused]] typename detail::queue::producers_traits<Producers>::guard held{};
    auto const c = ring_.claim();
    if (c.storage == nullptr) [[unlikely]]
      return false;
    if constexpr (detail::queue::nothrow_construct<Action, Args...>()) {
      detail::queue::construct_at<Action>(c.storage, std::forward<Args>(args)...);
    } else {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      try {
        detail::queue::construct_at<Action>(c.storage, std::forward<Args>(args)...);
      } catch (...) {
        ring_.abandon(c);
        throw;
      }
#else
      detail::queue::construct_at<Action>(c.storage, std::forward<Args>(args)...);
#endif
    }
    ring_.commit(c, set::template tag_of<Action>);
    return true;
  }

  detail::queue::owning_ring<typename detail::queue::ring_for<typename set::layout, Capacity, Producers>::type, set>
      ring_;
};

/// The dispatcher returned by d.with_queue(q): the same stores and middleware, run to
/// completion with the queue q (which it refers to: q must outlive it).
/// - dispatch(x) when not dispatching: dispatches x, then drains q until it is empty
///   (including what was deferred meanwhile), then returns.
/// - dispatch(x) while dispatching (from a handler, middleware or subscriber): posts x
///   to q instead. If q is full: dispatch_error (without exceptions: the error hook);
///   an action is never lost silently.
/// - Order: a deferred action runs after the current action has reached every store,
///   in the order the deferred actions were dispatched, and before anything the caller
///   dispatches after the outermost dispatch() returns.
/// - A handler that throws while draining: the exception reaches the caller of the
///   outermost dispatch() (or drain()); its action is consumed; the actions behind it
///   stay queued (the next dispatch() or drain() runs them); the dispatcher is usable.
/// - Not thread-safe, like every dispatcher: dispatch from one thread. Other threads
///   and interrupt handlers post to q directly; q must then be multi_producer (or
///   guarded_producers), since this dispatcher posts to it too (the deferred actions).
template <class Dispatcher, class Queue>
class queued_dispatcher {
public:
  using dispatcher_type = Dispatcher;
  using queue_type = Queue;
  using action_set = typename Dispatcher::action_set;
  using middleware_type = typename Dispatcher::middleware_type;

  /// True when dispatch(A) compiles: the dispatcher accepts A and the queue holds A.
  template <class A>
  static constexpr bool accepts = Dispatcher::template accepts<A> && Queue::template holds<A>;

  queued_dispatcher(Dispatcher d, Queue& q) : inner_(std::move(d)), queue_(&q) {}
  queued_dispatcher(queued_dispatcher const&) = default;
  queued_dispatcher(queued_dispatcher&&) = default;
  queued_dispatcher& operator=(queued_dispatcher const&) = delete;
  queued_dispatcher& operator=(queued_dispatcher&&) = delete;

  /// See the class comment: dispatches and runs to completion, or defers when called
  /// while dispatching.
  template <class A>
    requires accepts<A>
  NANOFLUX_INLINE void dispatch(A const& action) {
    if (inner_.dispatching()) [[unlikely]] {
      if (!queue_->post(action)) NANOFLUX_DETAIL_REPORT_ABOUT(::nanoflux::error_code::queue_full, A);
      return;
    }
    inner_.dispatch(action);
    drain();
  }
  // An error "use of deleted function" here names the action A and the reason.
  template <class A>
    requires(!Dispatcher::template accepts<A>)
  void dispatch(A const&) = delete;  // error: the dispatcher does not accept this action (no store, or not listed)
  template <class A>
    requires(Dispatcher::template accepts<A> && !Queue::template holds<A>)
  void dispatch(A const&) = delete;  // error: this action is not in the queue's actions<...>

  /// Same as dispatch(action).
  template <class A>
    requires accepts<A>
  NANOFLUX_INLINE void operator()(A const& action) {
    dispatch(action);
  }
  template <class A>
    requires(!Dispatcher::template accepts<A>)
  void operator()(A const&) = delete;  // error: the dispatcher does not accept this action (no store, or not listed)
  template <class A>
    requires(Dispatcher::template accepts<A> && !Queue::template holds<A>)
  void operator()(A const&) = delete;  // error: this action is not in the queue's actions<...>

  /// Drains the queue until it is empty (what other threads or interrupts posted, or
  /// what a throwing handler left); returns how many actions it dispatched. Called
  /// while dispatching, it does nothing (the outermost dispatch drains).
  std::size_t drain() {
    if (inner_.dispatching()) return 0;
    std::size_t total = 0;
    for (std::size_t n; (n = queue_->drain(inner_)) != 0;) total += n;
    return total;
  }

  /// True while a dispatch runs (inside handlers, middleware and subscribers).
  bool dispatching() const noexcept { return inner_.dispatching(); }

  /// The "fluxy" action: f(args...) dispatches A{args...} through this dispatcher.
  template <class A>
    requires accepts<A>
  detail::bound_action<queued_dispatcher, A> bind() noexcept {
    return detail::bound_action<queued_dispatcher, A>(*this);
  }

  /// The connected store of type S.
  template <class S>
  S& get() const noexcept {
    return inner_.template get<S>();
  }

  Queue& queue() const noexcept { return *queue_; }

  /// The dispatcher underneath: dispatches without deferring or draining (a nested
  /// dispatch on it is an error, as on any dispatcher).
  Dispatcher& undeferred() noexcept { return inner_; }

  /// The same with more middleware, on the same queue.
  template <class... Mw>
  auto with_middleware(Mw... mw) const {
    return inner_.with_middleware(std::move(mw)...).with_queue(*queue_);
  }

  /// The same under consistent views (basic_dispatcher::with_consistent_views()), on the
  /// same queue: each action, deferred ones included, notifies after reaching every store.
  auto with_consistent_views() const { return inner_.with_consistent_views().with_queue(*queue_); }

private:
  Dispatcher inner_;
  Queue* queue_;
};

namespace detail {
// basic_dispatcher::with_queue(q), when q is an action_queue.
template <class Dispatcher, class Actions, std::size_t Capacity, class Producers>
struct queue_layer<Dispatcher, action_queue<Actions, Capacity, Producers>> {
  using queue_type = action_queue<Actions, Capacity, Producers>;
  static queued_dispatcher<Dispatcher, queue_type> with_queue(Dispatcher const& d, queue_type& q) {
    return queued_dispatcher<Dispatcher, queue_type>(d, q);
  }
};
}  // namespace detail

}  // namespace nanoflux

#endif
