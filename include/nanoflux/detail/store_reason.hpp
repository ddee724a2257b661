// nanoflux: why no connected store receives an action, as the type a dispatcher's
// refused dispatch shows as 'Reason'. A store may say why it does not receive A by
// declaring `template <class A> using why_not_received = R;` (R void: no reason of its
// own); the state_store does, for a reducer overload with the wrong result type.
#ifndef NANOFLUX_DETAIL_STORE_REASON_HPP
#define NANOFLUX_DETAIL_STORE_REASON_HPP

#include <type_traits>

namespace nanoflux::detail {

template <class S, class A>
struct reason_of_store {
  using type = void;
};
template <class S, class A>
  requires requires { typename S::template why_not_received<A>; }
struct reason_of_store<S, A> {
  using type = typename S::template why_not_received<A>;
};

// The first store's own reason, or Fallback. Only instantiated for a refused dispatch.
template <class A, class Fallback, class... Stores>
struct stores_reason {
  using type = Fallback;
};
template <class A, class Fallback, class S, class... Rest>
struct stores_reason<A, Fallback, S, Rest...> {
  using own = typename reason_of_store<S, A>::type;
  using type = typename std::conditional_t<std::is_void_v<own>, stores_reason<A, Fallback, Rest...>,
                                           std::type_identity<own>>::type;
};

}  // namespace nanoflux::detail

#endif
