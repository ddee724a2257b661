// nanoflux: the concepts users meet in error messages.
#ifndef NANOFLUX_CONCEPTS_HPP
#define NANOFLUX_CONCEPTS_HPP

#include <nanoflux/fwd.hpp>

#include <cstddef>
#include <type_traits>

namespace nanoflux {

/// An action: any cv-unqualified object type. No base class, no registration.
template <class A>
concept action = std::is_object_v<A> && !std::is_const_v<A> && !std::is_volatile_v<A>;

/// Store S handles action A when `s.on(a)` is well-formed for `A const& a`.
template <class S, class A>
concept handles = requires(S& s, A const& a) { s.on(a); };

namespace detail {
// The cheap membership probes. The usual handler, `void on(A const&)`, is found by
// taking its address: that compares function types only, where `s.on(a)` ranks
// conversions against every on() of the store, so the full test runs only for the
// other kinds of handler (and for the stores that do not handle A). The two differ
// only for a store whose on() overloads are ambiguous for A: handles<S, A> says no,
// the dispatcher then reports the ambiguity at the dispatch instead of skipping the
// store.
//
// The address is the argument of a call: &S::on converts to the parameter
// `void (S::*)(A const&)` when S (or a base of S) has that on(), noexcept or not, or an
// on() template that deduces to it; otherwise the ellipsis overload is chosen, whose
// incomplete result type makes the sizeof fail. A failed
// `static_cast<void (S::*)(A const&)>(&S::on)`, which selects the same functions,
// costs clang more than twice as much: it prepares a note for every on() of the store
// (bench/README.md, section 4). exact() finds `void on(A const&)` or `void on(A)` in
// one call (the first when S has both: the int argument prefers it).
struct no_such_handler;
struct handler_probe {
  template <class S, class A>
  static char usual(void (S::*)(A const&)) noexcept;
  template <class S, class A>
  static no_such_handler usual(...) noexcept;
  template <class S, class A>
  static char exact(void (S::*)(A const&), int) noexcept;
  template <class S, class A>
  static char exact(void (S::*)(A), long) noexcept;
  template <class S, class A>
  static no_such_handler exact(...) noexcept;
};
#if defined(__clang__)
template <class S, class A>
concept has_usual_handler = requires { sizeof(handler_probe::usual<S, A>(&S::on)); };
template <class S, class A>
concept has_exact_handler = requires { sizeof(handler_probe::exact<S, A>(&S::on, 0)); };
#else
// g++ is faster with the casts (the calls cost it 5% more at 500 actions x 8 stores).
template <class S, class A>
concept has_usual_handler = requires { static_cast<void (S::*)(A const&)>(&S::on); };
template <class S, class A>
concept has_exact_handler = has_usual_handler<S, A> || requires { static_cast<void (S::*)(A)>(&S::on); };
#endif

// A store declaring `static constexpr bool exact_handlers = true;` receives only the
// actions its on() overloads name exactly, so that finding out that it does not
// handle A needs no conversion ranking (see exact_handlers below).
template <class S>
concept declares_exact_handlers = requires { requires(S::exact_handlers == true); };

// Whether the dispatcher calls S for A. Disjunctions short-circuit: for a store with
// exact_handlers one probe; for the others the usual handler's probe first, the full
// handles<S, A> only when it fails.
template <class S, class A>
concept dispatcher_handles = (declares_exact_handlers<S> && has_exact_handler<S, A>) ||
                             (!declares_exact_handlers<S> && (has_usual_handler<S, A> || handles<S, A>));

// Which stores the dispatcher calls for an action, one flag per store in declaration
// order. Many actions share a pattern: what the dispatcher computes from it is
// computed once per pattern (dispatcher.hpp).
template <bool... Called>
struct flags {};
// The pattern of A over Stores, as the type of a variable: computed once per action
// and store list, for the dispatch's constraint and for its delivery list alike.
template <class A, class... Stores>
inline constexpr flags<dispatcher_handles<Stores, A>...> receivers_of{};
template <class Flags>
inline constexpr std::size_t count_of_flags = 0;
template <bool... Called>
inline constexpr std::size_t count_of_flags<flags<Called...> const> = (std::size_t{Called} + ... + 0);

// How many of Stores handle A: one constant per action and store list, which every
// dispatch() overload's constraint reuses.
template <class A, class... Stores>
inline constexpr std::size_t handler_count = count_of_flags<decltype(receivers_of<A, Stores...>)>;
}  // namespace detail

/// True when the dispatcher calls store S for action A. For most stores that is
/// handles<S, A>, except that a store with `void on(A const&)` is called even when
/// another on() makes `s.on(a)` ambiguous (the dispatch then reports the ambiguity).
/// For a store that declares `static constexpr bool exact_handlers = true;` it is: S
/// has an on() for exactly A, `void on(A const&)` or `void on(A)`, noexcept or not, or
/// an on() template that deduces to one of them. Such a store is not called for actions that
/// only convert to an on()'s parameter (a derived action, say), and in exchange the
/// compiler decides "does not handle" by comparing function types instead of ranking
/// conversions against every on() of the store: much faster to compile with many
/// stores and actions (bench/README.md, section 4).
template <class S, class A>
concept receives = detail::dispatcher_handles<S, A>;

/// True when at least one of Stores receives A. A failure here in an error message
/// means: no connected store declares an on() that accepts this action.
template <class A, class... Stores>
concept handled_by_a_connected_store = detail::handler_count<A, Stores...> != 0;

/// The negation, named for the error message it appears in.
template <class A, class... Stores>
concept no_connected_store_handles = !handled_by_a_connected_store<A, Stores...>;

namespace detail {
// Whether A is one of Listed: a base-class lookup, not a fold expression (clang 14
// refuses a fold of more than 256 operands; sets of 500 actions are common).
template <class A>
struct listed {};
// An error "duplicate base type 'listed<...>'" here means that action is listed twice
// in a nanoflux::actions<...>.
template <class... Listed>
struct listing : listed<Listed>... {};
template <class A, class Actions>
inline constexpr bool in_action_set = false;
template <class A>
inline constexpr bool in_action_set<A, any_action> = true;
template <class A, class... Listed>
inline constexpr bool in_action_set<A, actions<Listed...>> = std::is_base_of_v<listed<A>, listing<Listed...>>;
}  // namespace detail

/// True when A is one of the actions of a closed set (always, for the open set).
/// A failure here in an error message means: the action is not listed in the
/// dispatcher's nanoflux::actions<...>.
template <class A, class Actions>
concept listed_in = detail::in_action_set<A, Actions>;

/// The negation, named for the error message it appears in.
template <class A, class Actions>
concept not_listed_in = !detail::in_action_set<A, Actions>;

/// True when dispatcher D accepts action A: `d.dispatch(a)` compiles.
template <class D, class A>
concept can_dispatch = requires(D& d, A const& a) { d.dispatch(a); };

}  // namespace nanoflux

#endif
