// nanoflux: why a dispatcher refuses an action, as the type its refused dispatch shows
// as 'Reason'. Two things a store may declare:
// - `template <class A> using why_not_received = R;` (R void: no reason of its own): why
//   it does not receive A, shown only when no connected store receives A (a state_store
//   without history for undo: another store may well take undo);
// - `template <class A> using why_rejected = R;` (R void: it does not reject A): A is
//   an action the store was written to take but cannot (a state_store whose reducer
//   overload for A returns the wrong type). A dispatcher connected to it refuses A even
//   when another store receives A: the mistake is never skipped silently.
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

// Stores declaring why_rejected, found once per dispatcher; for each action, only they
// are asked (most dispatchers have none: one trivial instantiation per action).
struct probe_action {};
template <class S>
concept declares_rejections = requires { typename S::template why_rejected<probe_action>; };

template <class... Stores>
struct store_list {};
template <class... L, class... R>
store_list<L..., R...> operator+(store_list<L...>, store_list<R...>);
template <class... Stores>
using rejecting_stores =
    decltype((store_list<>{} + ... + std::conditional_t<declares_rejections<Stores>, store_list<Stores>, store_list<>>{}));

// The first of Reasons that is not void, or Fallback. Only instantiated for a refused
// dispatch (it asks every store at once).
template <class Fallback, class... Reasons>
struct first_reason {
  using type = Fallback;
};
template <class Fallback, class R, class... Rest>
struct first_reason<Fallback, R, Rest...>
    : std::conditional_t<std::is_void_v<R>, first_reason<Fallback, Rest...>, std::type_identity<R>> {};

// The first rejection of A among List's stores (void: none).
template <class A, class List>
struct rejection_of;
template <class A, class... S>
struct rejection_of<A, store_list<S...>> : first_reason<void, typename S::template why_rejected<A>...> {};
template <class A, class List>
inline constexpr bool rejected_by = false;
template <class A, class... S>
inline constexpr bool rejected_by<A, store_list<S...>> = (!std::is_void_v<typename S::template why_rejected<A>> || ...);

// The first store's own reason, or Fallback. (A class, not an alias: naming it, as the
// dispatcher's refusal does for every refused action, asks no store anything.)
template <class A, class Fallback, class... Stores>
struct stores_reason : first_reason<Fallback, typename reason_of_store<Stores, A>::type...> {};

}  // namespace nanoflux::detail

#endif
