// nanoflux: the errors nanoflux reports: a dispatch while dispatching, a full
// fixed_subscribers store.
#ifndef NANOFLUX_ERROR_HPP
#define NANOFLUX_ERROR_HPP

#include <nanoflux/config.hpp>

#include <stdexcept>

namespace nanoflux {

/// Thrown by dispatch() when the dispatcher is already dispatching (a handler, a
/// middleware or a subscriber dispatched again). No store sees the nested action.
class dispatch_error : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

/// Thrown by subscribe() on a store with fixed_subscribers<N> whose N slots are in use.
/// Nothing is subscribed.
class capacity_error : public std::length_error {
public:
  using std::length_error::length_error;
};

namespace detail {
inline constexpr char const nested_dispatch_message[] =
    "cannot dispatch while dispatching: a handler, middleware or subscriber "
    "dispatched an action on the dispatcher that is running it";

// Reports a nested dispatch: throws dispatch_error, or, without exceptions, calls the
// error hook (see set_error_handler). Kept out of line of the hot path. With
// exceptions it never returns, and says so: the optimiser then knows that the
// dispatching flag is false after a dispatch and can drop later checks of it.
#ifdef NANOFLUX_NO_EXCEPTIONS
[[gnu::cold, gnu::noinline]] inline void report_nested_dispatch() {
  current_error_handler(nested_dispatch_message);
}
#else
[[noreturn, gnu::cold, gnu::noinline]] inline void report_nested_dispatch() {
  throw dispatch_error(nested_dispatch_message);
}
#endif

inline constexpr char const queue_full_message[] =
    "cannot defer a dispatch: the action_queue given to with_queue() is full";

// Reports a dispatch while dispatching that could not be deferred because the queue of
// a with_queue() dispatcher is full: throws dispatch_error, or, without exceptions,
// calls the error hook (if it returns, the action is dropped; the queue's dropped()
// counted it).
#ifdef NANOFLUX_NO_EXCEPTIONS
[[gnu::cold, gnu::noinline]] inline void report_queue_full() {
  current_error_handler(queue_full_message);
}
#else
[[noreturn, gnu::cold, gnu::noinline]] inline void report_queue_full() {
  throw dispatch_error(queue_full_message);
}
#endif

inline constexpr char const capacity_message[] =
    "cannot subscribe: every slot of this store's fixed_subscribers<N> is in use (a subscriber "
    "unsubscribed during a notify keeps its slot until the notify returns)";

// Reports a subscribe() past the capacity of a fixed_subscribers store: throws
// capacity_error, or, without exceptions, calls the error hook (and the subscribe
// returns an inactive subscription).
#ifdef NANOFLUX_NO_EXCEPTIONS
[[gnu::cold, gnu::noinline]] inline void report_capacity_exceeded() {
  current_error_handler(capacity_message);
}
#else
[[noreturn, gnu::cold, gnu::noinline]] inline void report_capacity_exceeded() {
  throw capacity_error(capacity_message);
}
#endif
}  // namespace detail

}  // namespace nanoflux

#endif
