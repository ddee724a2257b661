// nanoflux: dispatcher_ref — a non-owning, type-erased reference to a dispatcher, for a
// closed action set.
//
//   void add_to_cart(nanoflux::dispatcher_ref<shop_actions> d, item i) { d(add_item{i}); }
//
// A dispatcher's type spells out its stores and middleware, so a function taking one
// must be a template, and every translation unit that dispatches must see every store.
// dispatcher_ref<actions<A...>> names only the actions: a function taking it is a plain
// function, and its translation unit includes only the action types and this header
// (not the stores, not <nanoflux/dispatcher.hpp>).
//
// The contract: it refers to the dispatcher it was made from (which must outlive it);
// dispatch(a) is d.dispatch(a) on that dispatcher, with its middleware, its depends_on
// order and its nested-dispatch rule, through one indirect call (a table of one function
// per action, shared by every reference to dispatchers of the same type); no allocation,
// no RTTI, no exceptions of its own. Two pointers in size, copied freely.
#ifndef NANOFLUX_DISPATCHER_REF_HPP
#define NANOFLUX_DISPATCHER_REF_HPP

#include <nanoflux/concepts.hpp>
#include <nanoflux/fwd.hpp>

#include <cstddef>
#include <type_traits>

namespace nanoflux {

template <class Actions>
class dispatcher_ref;

namespace detail {

// One entry of a dispatcher_ref's table: the function that dispatches A on the referred
// dispatcher.
template <class A>
struct dispatch_entry {
  void (*dispatch)(void* dispatcher, A const& action);
};
template <class... A>
struct dispatch_table : dispatch_entry<A>... {
  bool (*dispatching)(void const* dispatcher) noexcept;
};

template <class D, class A>
void dispatch_through(void* d, A const& action) {
  static_cast<D*>(d)->dispatch(action);
}
template <class D>
bool dispatching_of(void const* d) noexcept {
  return static_cast<D const*>(d)->dispatching();
}
// One table per dispatcher type, built at compile time.
template <class D, class... A>
inline constexpr dispatch_table<A...> dispatch_table_for{{&dispatch_through<D, A>}..., &dispatching_of<D>};

template <class D, class A>
inline constexpr bool dispatcher_takes = can_dispatch<D, A>;
// The readable error for a dispatcher that cannot dispatch some action of the set.
template <class MissingAction, class Dispatcher>
struct check_dispatcher_takes {
  // An error here means: the dispatcher a dispatcher_ref<actions<...>> is made from
  // (second type in 'check_dispatcher_takes<Action, Dispatcher>') cannot dispatch the
  // action of the set named first: no connected store handles it, or the dispatcher's
  // own closed set does not list it.
  static_assert(dispatcher_takes<Dispatcher, MissingAction>,
                "nanoflux: dispatcher_ref<actions<...>>: the dispatcher cannot dispatch an action of the set "
                "(first type in 'check_dispatcher_takes<...>' above)");
  static constexpr bool ok = true;
};

// The index of the first action of the set D cannot dispatch (sizeof...(A) if none).
// An array and a loop, not a fold: clang limits a fold to 256 terms.
template <class D, class... A>
constexpr std::size_t first_action_not_taken() noexcept {
  constexpr bool taken[] = {dispatcher_takes<D, A>..., false};
  std::size_t i = 0;
  while (i < sizeof...(A) && taken[i]) ++i;
  return i;
}
// The I-th type of a list (recursive: used on the error path only).
template <std::size_t I, class T, class... Rest>
struct nth_action {
  using type = typename nth_action<I - 1, Rest...>::type;
};
template <class T, class... Rest>
struct nth_action<0, T, Rest...> {
  using type = T;
};

template <class D, class... A>
struct table_or_error {
  static constexpr std::size_t missing = first_action_not_taken<D, A...>();
  static constexpr dispatch_table<A...> const* get() noexcept {
    if constexpr (missing == sizeof...(A)) {
      return &dispatch_table_for<D, A...>;
    } else {
      // Only this instantiation, of the first missing action: its static_assert.
      using reported [[maybe_unused]] = decltype(check_dispatcher_takes<typename nth_action<missing, A...>::type, D>{});
      return nullptr;
    }
  }
};

// Membership in the set through the table's bases: one built-in test, whatever the
// size of the set (a fold over the set would be one test per action of the set).
template <class Action, class Table>
inline constexpr bool in_table = __is_base_of(dispatch_entry<Action>, Table);

// Why dispatch(A) through a dispatcher_ref does not compile, as a type the compiler prints.
template <class A>
struct not_in_the_dispatcher_refs_actions {};

template <class T, class... A>
inline constexpr bool is_dispatcher_ref_of = false;
template <class... A>
inline constexpr bool is_dispatcher_ref_of<dispatcher_ref<actions<A...>>, A...> = true;

}  // namespace detail

template <class Actions>
class dispatcher_ref {
  // An error here means the argument of dispatcher_ref is not nanoflux::actions<A...>.
  static_assert(sizeof(Actions) == 0, "nanoflux: dispatcher_ref needs a closed set: dispatcher_ref<nanoflux::actions<A...>>");
};

/// A reference to any dispatcher that can dispatch every action of the set A...
template <class... A>
class dispatcher_ref<actions<A...>> {
  using table_type = detail::dispatch_table<A...>;

public:
  using action_set = actions<A...>;

  /// Refers to d (a dispatcher of any stores and middleware that dispatches every action
  /// of the set; a closed set may be larger). d must outlive this reference.
  template <class D>
    requires(!detail::is_dispatcher_ref_of<std::remove_cv_t<D>, A...>)
  dispatcher_ref(D& d) noexcept  // NOLINT: implicit, so that any dispatcher passes as a dispatcher_ref
      : dispatcher_(static_cast<void*>(__builtin_addressof(d))),
        table_(detail::table_or_error<D, A...>::get()) {}

  /// d.dispatch(action) on the referred dispatcher: one indirect call.
  /// (enable_if rather than a requires-clause: a refused call lists this candidate in
  /// one line with clang.)
  template <class Action>
  std::enable_if_t<detail::in_table<Action, table_type>> dispatch(Action const& action) const {
    // (A reference cast: no null test, the table always exists.)
    static_cast<detail::dispatch_entry<Action> const&>(*table_).dispatch(dispatcher_, action);
  }
  // An error "use of deleted function" here: the action (A, also shown in 'Reason') is
  // not in the dispatcher_ref's actions<...>.
  template <class Action, class Reason = detail::not_in_the_dispatcher_refs_actions<Action>>
    requires(!detail::in_table<Action, table_type>)
  void dispatch(Action const&) const = delete;  // error: cannot be dispatched through this dispatcher_ref: see 'Reason'

  /// Same as dispatch(action).
#if defined(__clang__)
  // An error here ("substitution failure: call to deleted member function 'dispatch'")
  // names the action and, as 'Reason', why. (clang reports a deleted call operator
  // twice, with every candidate: this form is shorter.)
  template <class Action, class Reason = detail::not_in_the_dispatcher_refs_actions<Action>>
  auto operator()(Action const& action) const -> decltype(dispatch(action)) {
    dispatch(action);
  }
#else
  template <class Action>
  std::enable_if_t<detail::in_table<Action, table_type>> operator()(Action const& action) const {
    dispatch(action);
  }
  template <class Action, class Reason = detail::not_in_the_dispatcher_refs_actions<Action>>
    requires(!detail::in_table<Action, table_type>)
  void operator()(Action const&) const = delete;  // error: cannot be dispatched through this dispatcher_ref: see 'Reason'
#endif

  /// True while the referred dispatcher is dispatching.
  bool dispatching() const noexcept { return table_->dispatching(dispatcher_); }

private:
  void* dispatcher_;
  table_type const* table_;
};

}  // namespace nanoflux

#endif
