// nanoflux: consistent views, d.with_consistent_views(): every subscriber runs after
// the action has reached every store (lager's two phases: the stores, then the views).
#ifndef NANOFLUX_DETAIL_CONSISTENT_VIEWS_HPP
#define NANOFLUX_DETAIL_CONSISTENT_VIEWS_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/fwd.hpp>

#include <boost/hana/at.hpp>
#include <boost/hana/basic_tuple.hpp>

#include <cstddef>
#include <utility>

namespace nanoflux::detail {

// The deferral of a nanoflux::store (either kind of subscribers); a friend of both.
struct notify_deferral {
  // True when the store has subscribers to defer (then end() must follow).
  template <class D, class X>
  static bool begin(store<D, X>& s) noexcept {
    return s.begin_deferral();
  }
  // True when this ended the store's last deferral and it notified meanwhile.
  template <class D, class X>
  static bool end(store<D, X>& s) noexcept {
    return s.end_deferral();
  }
};

// A store whose notify() can be deferred: one derived from nanoflux::store.
template <class S>
concept defers_notify = requires(S& s) { notify_deferral::begin(s); };

// The middleware behind with_consistent_views(), first in the dispatcher's chain.
// Stores: every connected store, in run order. Per dispatch:
//  1. every store deriving from nanoflux::store starts deferring: its notify() only
//     records that it was called;
//  2. the action goes on (the rest of the middleware, then the stores);
//  3. every store stops deferring, then those that notified meanwhile notify, once
//     each, in run order. Also when a handler throws (then the exception goes on).
// Deferrals nest: a store connected to two such dispatchers, one dispatching inside
// the other's dispatch, notifies when the outer one ends.
template <class... Stores>
class consistent_views {
public:
  explicit consistent_views(Stores*... stores) noexcept : stores_(stores...) {}

  template <class A, class Next>
  NANOFLUX_INLINE void operator()(A const& action, Next next) {
    run(action, next, std::index_sequence_for<Stores...>{});
  }

private:
  template <class A, class Next, std::size_t... I>
  NANOFLUX_INLINE void run(A const& action, Next& next, std::index_sequence<I...> order) {
    bool const deferred[] = {begin(*boost::hana::at_c<I>(stores_))...};
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
#endif
      next(action);
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    } catch (...) {
      // The stores before the throwing handler ran: their views are told, as they
      // would have been without deferral. A subscriber throwing here replaces the
      // handler's exception.
      end_and_flush(deferred, order);
      throw;
    }
#endif
    end_and_flush(deferred, order);
  }

  template <std::size_t... I>
  NANOFLUX_INLINE void end_and_flush(bool const (&deferred)[sizeof...(Stores)], std::index_sequence<I...>) {
    // Every store stops deferring before any subscriber runs (a subscriber's own
    // notifies then run at once), then the flushes, in run order.
    bool const notified[] = {(deferred[I] && end(*boost::hana::at_c<I>(stores_)))...};
    (flush(*boost::hana::at_c<I>(stores_), notified[I]), ...);
  }

  template <class S>
  NANOFLUX_INLINE static bool begin(S& s) noexcept {
    if constexpr (defers_notify<S>)
      return notify_deferral::begin(s);
    else
      return false;
  }
  template <class S>
  NANOFLUX_INLINE static void flush(S& s, bool notified) {
    if constexpr (defers_notify<S>)
      if (notified) s.notify();
  }
  template <class S>
  NANOFLUX_INLINE static bool end(S& s) noexcept {
    if constexpr (defers_notify<S>)
      return notify_deferral::end(s);
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
