// nanoflux: which nested-dispatch check a dispatch needs, from the stores' promises.
#ifndef NANOFLUX_DETAIL_NESTED_GUARD_HPP
#define NANOFLUX_DETAIL_NESTED_GUARD_HPP

#include <nanoflux/concepts.hpp>

namespace nanoflux {

/// True when store S promises that its handlers never dispatch, on any dispatcher, and
/// neither does anything they call (its subscribers included):
///   struct heater_store { static constexpr bool handlers_never_dispatch = true; ... };
/// A dispatcher (without middleware) whose stores all promise needs no nested-dispatch
/// flag: no dispatch can start while one runs. An action only promising stores receive
/// checks the flag but does not set it. Built with NANOFLUX_CHECK_HANDLERS_NEVER_DISPATCH
/// (one test build, say), promises are ignored and a broken one is reported as the
/// nested dispatch it is. A promise is the store author's: the compiler cannot see
/// whether a handler, or a subscriber it notifies, dispatches.
template <class S>
concept promises_handlers_never_dispatch = requires { requires(S::handlers_never_dispatch == true); };

namespace detail {

#ifdef NANOFLUX_CHECK_HANDLERS_NEVER_DISPATCH
template <class S>
inline constexpr bool trusted_never_dispatches = false;
#else
template <class S>
inline constexpr bool trusted_never_dispatches = promises_handlers_never_dispatch<S>;
#endif

// What dispatch(A) does about nested dispatches. The rule: a nested dispatch must be
// reported, and no store may see it.
enum class nested_guard {
  // Every connected store promises: nothing that runs inside a dispatch can dispatch,
  // so there is nothing to check and no flag at all.
  none,
  // The stores that receive A promise, others do not: this dispatch can be nested
  // (inside another action's handler), so it checks the flag; nothing it runs can
  // dispatch, so it need not set it.
  check,
  // Some store receiving A may dispatch: check the flag, set it while the handlers run.
  check_and_set,
};

template <class A, class... Stores>
inline constexpr nested_guard guard_for =
    (trusted_never_dispatches<Stores> && ...)
        ? nested_guard::none
        : ((trusted_never_dispatches<Stores> || !dispatcher_handles<Stores, A>) && ...) ? nested_guard::check
                                                                                         : nested_guard::check_and_set;

}  // namespace detail
}  // namespace nanoflux

#endif
