// nanoflux: which nested-dispatch check a dispatch needs, from the stores' promises.
#ifndef NANOFLUX_DETAIL_NESTED_GUARD_HPP
#define NANOFLUX_DETAIL_NESTED_GUARD_HPP

#include <nanoflux/concepts.hpp>

#include <cstddef>

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

// What a dispatch does about nested dispatches. The rule: a nested dispatch must be
// reported, and no store may see it.
//  - Every connected store promises (and no middleware, which may dispatch): nothing
//    that runs inside a dispatch can dispatch, so there is no flag at all.
//  - Otherwise every dispatch checks the flag. One whose receiving stores all promise
//    (only_promising_receive) need not set it: nothing it runs can dispatch.
//  - Otherwise it checks the flag and sets it while the handlers run.
// The first two are decided once per store list, so that a dispatcher whose stores make
// no promise (the usual case) pays nothing per action at compile time.
template <class... Stores>
inline constexpr std::size_t promising_count = (std::size_t{trusted_never_dispatches<Stores>} + ... + 0);

template <class A, class... Stores>
inline constexpr bool only_promising_receive =
    ((trusted_never_dispatches<Stores> || !dispatcher_handles<Stores, A>) && ...);

}  // namespace detail
}  // namespace nanoflux

#endif
