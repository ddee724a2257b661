// nanoflux: consistent views, d.with_consistent_views(): every subscriber runs after
// the action has reached every store (lager's phases: the stores, then the views; then,
// for state_stores, the effects).
#ifndef NANOFLUX_DETAIL_CONSISTENT_VIEWS_HPP
#define NANOFLUX_DETAIL_CONSISTENT_VIEWS_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/deferred_calls.hpp>
#include <nanoflux/detail/notify_deferral.hpp>
#include <nanoflux/fwd.hpp>

#include <boost/hana/at.hpp>
#include <boost/hana/basic_tuple.hpp>

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace nanoflux::detail {

// A store whose notify() can be deferred: one derived from nanoflux::store.
template <class S>
concept defers_notify = requires(S& s) { notify_deferral::begin(s); };

// A store whose views (subscribers, selectors) and effects can be deferred: a
// state_store. begin_deferring_views(): true for the outermost deferral (which then
// points the store's target at the slot for its effects); end_deferring_views(): true
// when this ended the last deferral and the store changed meanwhile (then
// run_deferred_views() follows). deferred_effects<A>: the tuple of effects an update
// by A may return (void: none).
template <class S>
concept defers_views = requires(S& s) {
  { s.begin_deferring_views() } -> std::same_as<bool>;
  { s.end_deferring_views() } -> std::same_as<bool>;
  { s.deferred_effects_target() } -> std::same_as<deferred_calls_target&>;
  s.run_deferred_views();
};

// The slot for what store S may defer while handling A: its effects, if any.
template <class S, class A>
struct deferred_slot {
  using type = no_deferred_calls;
};
template <class S, class A>
  requires defers_views<S> && (!std::is_void_v<typename S::template deferred_effects<A>>)
struct deferred_slot<S, A> {
  using type = deferred_calls<typename S::template deferred_effects<A>>;
};
template <std::size_t I, class Slot>
struct slot_at {
  Slot slot;
};
template <class Seq, class... Slots>
struct slots;
template <std::size_t... I, class... Slots>
struct slots<std::index_sequence<I...>, Slots...> : slot_at<I, Slots>... {};
template <std::size_t I, class Slot>
NANOFLUX_INLINE Slot& slot_of(slot_at<I, Slot>& s) noexcept {
  return s.slot;
}

// The middleware behind with_consistent_views(), first in the dispatcher's chain.
// Stores: every connected store, in run order. Per dispatch:
//  1. every store deriving from nanoflux::store starts deferring: its notify() only
//     records that it was called; every state_store starts deferring its views (its
//     subscribers and selectors: an update only records that the model changed) and
//     its effects (put in a slot on this frame, one per state_store);
//  2. the action goes on (the rest of the middleware, then the stores);
//  3. every store stops deferring, then those that notified or changed meanwhile run
//     their views, once each, in run order;
//  4. then the deferred effects, in run order (each update's in the order given).
// Steps 3 and 4 also run when a handler throws (then the exception goes on).
// Deferrals nest: a store connected to two such dispatchers, one dispatching inside
// the other's dispatch, runs its views (and effects) when the outer one ends.
template <class... Stores>
class consistent_views {
  template <class A>
  using slots_for = slots<std::index_sequence_for<Stores...>, typename deferred_slot<Stores, A>::type...>;

public:
  explicit consistent_views(Stores*... stores) noexcept : stores_(stores...) {}

  template <class A, class Next>
  NANOFLUX_INLINE void operator()(A const& action, Next next) {
    run(action, next, std::index_sequence_for<Stores...>{});
  }

private:
  template <class A, class Next, std::size_t... I>
  NANOFLUX_INLINE void run(A const& action, Next& next, std::index_sequence<I...> order) {
    slots_for<A> slots;  // the effects deferred meanwhile (empty for stores of no kind)
    bool const deferred[] = {begin(*boost::hana::at_c<I>(stores_), slot_of<I>(slots))...};
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
#endif
      next(action);
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    } catch (...) {
      // The stores before the throwing handler ran: their views are told and their
      // effects run, as they would have without deferral. A subscriber or effect
      // throwing here replaces the handler's exception.
      end_and_flush(deferred, slots, order);
      throw;
    }
#endif
    end_and_flush(deferred, slots, order);
  }

  template <class Slots, std::size_t... I>
  NANOFLUX_INLINE void end_and_flush(bool const (&deferred)[sizeof...(Stores)], Slots& slots,
                                     std::index_sequence<I...>) {
    // Every store stops deferring before any subscriber runs (a subscriber's own
    // notifies then run at once), then the views, in run order, then the effects.
    bool const notified[] = {(deferred[I] && end(*boost::hana::at_c<I>(stores_)))...};
    (flush(*boost::hana::at_c<I>(stores_), notified[I]), ...);
    (slot_of<I>(slots).run(), ...);
  }

  template <class S, class Slot>
  NANOFLUX_INLINE static bool begin(S& s, Slot& slot) noexcept {
    if constexpr (defers_notify<S>) {
      return notify_deferral::begin(s);
    } else if constexpr (defers_views<S>) {
      if (s.begin_deferring_views()) s.deferred_effects_target().point_to(slot);
      return true;
    } else {
      return false;
    }
  }
  template <class S>
  NANOFLUX_INLINE static void flush(S& s, bool notified) {
    if constexpr (defers_notify<S>) {
      if (notified) s.notify();
    } else if constexpr (defers_views<S>) {
      if (notified) s.run_deferred_views();
    }
  }
  template <class S>
  NANOFLUX_INLINE static bool end(S& s) noexcept {
    if constexpr (defers_notify<S>)
      return notify_deferral::end(s);
    else if constexpr (defers_views<S>)
      return s.end_deferring_views();
    else
      return false;
  }

  boost::hana::basic_tuple<Stores*...> stores_;
};

template <class... Refs>
struct ref_list;  // dispatcher.hpp

// The middleware for a dispatcher's stores, from its store_refs in run order.
template <class... Refs, class AllRefs>
consistent_views<typename Refs::store_type...> make_consistent_views(ref_list<Refs...>, AllRefs const& refs) noexcept {
  return consistent_views<typename Refs::store_type...>(static_cast<Refs const&>(refs).ptr...);
}

}  // namespace nanoflux::detail

#endif
