// nanoflux: forward declarations of the public types, and the two type lists.
#ifndef NANOFLUX_FWD_HPP
#define NANOFLUX_FWD_HPP

#include <cstddef>

namespace nanoflux {

/// A store's dependencies (Flux waitFor, resolved at compile time):
/// `struct cart_store { using depends_on = nanoflux::stores<product_store>; };`
/// In one dispatch, every store listed runs before the store that lists it.
template <class... S>
struct stores {};

/// A closed action set: `nanoflux::make_dispatcher<nanoflux::actions<add, remove>>(s...)`.
template <class... A>
struct actions {};

/// The open action set: any action some connected store handles.
struct any_action {};

/// The middleware list of a dispatcher (see middleware.hpp).
template <class... Mw>
class middleware;

class subscription;
class dispatch_error;

/// A store's subscriber storage (the second argument of nanoflux::store): the default,
/// a list on the heap that grows as needed.
struct dynamic_subscribers {};

/// A store's subscriber storage: at most N subscribers, each a callable of at most
/// SlotBytes bytes, held in the store itself (no heap). See fixed_subscribers.hpp.
template <std::size_t N, std::size_t SlotBytes = 3 * sizeof(void*)>
struct fixed_subscribers {};

/// A store's subscriber storage: as fixed_subscribers, but subscribers stay for the
/// store's lifetime (no handles), and the store is trivially destructible (firmware).
/// See permanent_subscribers.hpp.
template <std::size_t N, std::size_t SlotBytes = 3 * sizeof(void*)>
struct permanent_subscribers {};

class capacity_error;

template <class Derived, class Subscribers = dynamic_subscribers>
class store;

template <class Actions, class Middleware, class... Stores>
class basic_dispatcher;

template <class... Stores>
class dispatcher;

}  // namespace nanoflux

#endif
