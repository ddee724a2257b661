// nanoflux: what can subscribe to a store (f() or f(Store const&), an object and a
// member function), for every kind of store.
#ifndef NANOFLUX_DETAIL_SUBSCRIBER_FORMS_HPP
#define NANOFLUX_DETAIL_SUBSCRIBER_FORMS_HPP

#include <concepts>
#include <type_traits>

namespace nanoflux {

namespace detail {

// How consistent views reach a store's deferral (consistent_views.hpp).
struct notify_deferral;

// An object and one of its member functions, subscribed together.
template <class T, class M>
struct member_subscriber {
  T* object;
  M member;
  template <class... V>
    requires std::invocable<M const&, T*, V const&...>
  void operator()(V const&... value) const {
    (object->*member)(value...);
  }
};

}  // namespace detail

/// A callable that can subscribe to a store of type S: f(S const&) or f().
template <class F, class S>
concept subscriber_for = std::invocable<std::decay_t<F>&, S const&> || std::invocable<std::decay_t<F>&>;

}  // namespace nanoflux

#endif
