// nanoflux: a dispatcher whose stores are global objects named at compile time, as
// firmware is laid out. It holds no pointers: each call goes to a fixed address.
#ifndef NANOFLUX_STATIC_DISPATCHER_HPP
#define NANOFLUX_STATIC_DISPATCHER_HPP

#include <nanoflux/concepts.hpp>
#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/nested_guard.hpp>
#include <nanoflux/detail/store_order.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/error.hpp>
#include <nanoflux/fwd.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace nanoflux {

namespace detail {
// The type of a store given as a template argument (an object with static storage
// duration: a global, a static data member, a function's static local).
template <auto& Store>
using static_store_type = std::remove_reference_t<decltype(Store)>;

// A store known at compile time, at declaration index I: nothing stored, the address
// is a constant of the program.
template <std::size_t I, auto& Store>
struct static_store_ref {
  using store_type = static_store_type<Store>;
  static constexpr std::size_t index = I;
  NANOFLUX_INLINE static store_type& get() noexcept { return Store; }
};
template <class Seq, auto&... Stores>
struct static_store_refs;
template <std::size_t... I, auto&... Stores>
struct static_store_refs<std::index_sequence<I...>, Stores...> {
  using type = ref_list<static_store_ref<I, Stores>...>;
};

template <class Refs>
struct ref_types;
template <class... Refs>
struct ref_types<ref_list<Refs...>> {
  template <std::size_t I>
  using at = type_at<I, Refs...>;
};

// One nested-dispatch flag per dispatcher type (a static_dispatcher has no state of
// its own): zero-initialised, so it costs one byte of .bss and no start-up code, and
// only when some store may dispatch from a handler (see nested_guard.hpp).
template <class Dispatcher>
inline bool static_dispatching = false;
}  // namespace detail

/// A dispatcher over stores known at compile time:
///   constinit sensor_store sensor;  constinit heater_store heater;
///   constinit nanoflux::static_dispatcher<sensor, heater> dispatcher;
///   dispatcher(temperature_read{215});   // sensor.on(...), then heater.on(...)
/// The stores are objects with static storage duration; the dispatcher holds nothing
/// (an empty object: constinit, no start-up code, no pointer in RAM), and calls them
/// at their fixed addresses, in depends_on order, then in the order given, like
/// nanoflux::dispatcher. Closed action set: basic_static_dispatcher<actions<A...>, s...>.
/// No middleware (use nanoflux::dispatcher for that).
///
/// Nested dispatch is reported as by nanoflux::dispatcher, with a flag shared by every
/// object of this type; when every store declares `handlers_never_dispatch = true`, no
/// dispatch can be nested and there is no flag (see promises_handlers_never_dispatch).
template <class Actions, auto&... Stores>
class basic_static_dispatcher {
  static_assert(sizeof...(Stores) > 0, "nanoflux: a dispatcher needs at least one store");
  // An error here means a store given to static_dispatcher<...> is const: its on()
  // members change it, so it must be a modifiable object.
  static_assert(((!std::is_const_v<detail::static_store_type<Stores>>) && ...),
                "nanoflux: the stores of a static_dispatcher must not be const");
  static_assert(detail::is_action_set<Actions>,
                "nanoflux: the action set must be nanoflux::actions<A...> (or any_action)");
  static_assert(detail::dependency_cycle_check<detail::static_store_type<Stores>...>::ok);
  static_assert(detail::listed_actions_check<Actions, detail::static_store_type<Stores>...>::ok);

  using decl_refs_t = typename detail::static_store_refs<std::make_index_sequence<sizeof...(Stores)>, Stores...>::type;
  static constexpr auto order_ = detail::store_order<detail::static_store_type<Stores>...>.order;
  template <std::size_t... K>
  static detail::ref_list<typename detail::ref_types<decl_refs_t>::template at<order_[K]>...> run_order(
      std::index_sequence<K...>);
  // Every store's ref in run order, then those that receive A.
  using ordered_refs_t = decltype(run_order(std::make_index_sequence<sizeof...(Stores)>{}));
  template <class A>
  using handlers_t = typename detail::called_refs<
      decltype(detail::receivers_of<A, detail::static_store_type<Stores>...>), ordered_refs_t>::type;

  static constexpr std::size_t promising_ = detail::promising_count<detail::static_store_type<Stores>...>;
  using rejecting_ = detail::rejecting_stores<detail::static_store_type<Stores>...>;

public:
  using action_set = Actions;

  /// True when dispatch(A) compiles: some connected store handles A, A is in the
  /// action set, and no connected store rejects A (store_reason.hpp).
  template <class A>
  static constexpr bool accepts = handled_by_a_connected_store<A, detail::static_store_type<Stores>...> &&
                                  listed_in<A, Actions> && !detail::rejected_by<A, rejecting_>;

private:
  // Why dispatch(A) is refused, as its refused overloads' 'Reason' (void when accepted).
  template <class A>
  using refusal_t =
      typename detail::refusal_if<accepts<A>>::template type<A, Actions, detail::static_store_type<Stores>...>;

public:

  /// True when no dispatch through this dispatcher can be nested: every store declares
  /// `handlers_never_dispatch = true`. Then there is no nested-dispatch flag.
  static constexpr bool flag_free = promising_ == sizeof...(Stores);

  constexpr basic_static_dispatcher() noexcept = default;

  /// Runs every connected store with an on(A), synchronously: dependencies (depends_on)
  /// first, otherwise in the order given. Dispatching while a dispatch whose handlers
  /// may dispatch is running reports a nested dispatch (dispatch_error, or the error
  /// hook without exceptions) and drops the action: no store sees it.
  // (enable_if rather than a requires-clause: a refused call lists this candidate in
  // one line with clang.)
  template <class A>
  NANOFLUX_INLINE std::enable_if_t<accepts<A>> dispatch(A const& action) const {
    if constexpr (flag_free) {
      deliver_to_handlers(action, handlers_t<A>{});
    } else {
      bool& dispatching = detail::static_dispatching<basic_static_dispatcher>;
      if (dispatching) [[unlikely]] {
        NANOFLUX_DETAIL_REPORT_ABOUT(::nanoflux::error_code::nested_dispatch, A);
        return;
      }
      if constexpr (promising_ != 0) {
        if constexpr (detail::only_promising_receive<A, detail::static_store_type<Stores>...>) {
          deliver_to_handlers(action, handlers_t<A>{});  // nothing it runs can dispatch
          return;
        }
      }
      dispatching = true;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      try {
#endif
        deliver_to_handlers(action, handlers_t<A>{});
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      } catch (...) {
        dispatching = false;
        throw;
      }
#endif
      dispatching = false;
    }
  }

  // An error "use of deleted function" here names the action type A and the reason, as
  // the type 'Reason': detail::no_connected_store_has_an_on_for<A> or
  // detail::not_in_the_dispatchers_actions<A> (see basic_dispatcher::dispatch).
  template <class A, class Reason = refusal_t<A>>
    requires(!accepts<A>)
  void dispatch(A const&) const = delete;  // error: this action cannot be dispatched here: 'Reason' says why

  /// Same as dispatch(action).
#if defined(__clang__)
  // (clang reports a deleted call operator twice, with every candidate: this form is
  // shorter; the error names A and 'Reason'.)
  template <class A, class Reason = refusal_t<A>>
  NANOFLUX_INLINE auto operator()(A const& action) const -> decltype(dispatch(action)) {
    dispatch(action);
  }
#else
  template <class A>
  NANOFLUX_INLINE std::enable_if_t<accepts<A>> operator()(A const& action) const {
    dispatch(action);
  }
  template <class A, class Reason = refusal_t<A>>
    requires(!accepts<A>)
  void operator()(A const&) const = delete;  // error: this action cannot be dispatched here: 'Reason' says why
#endif

  /// True while a dispatch runs whose handlers may dispatch (one that sets the flag).
  /// Always false when flag_free, and while only stores that promise run.
  bool dispatching() const noexcept {
    if constexpr (flag_free)
      return false;
    else
      return detail::static_dispatching<basic_static_dispatcher>;
  }

  /// The "fluxy" action: a callable f such that f(args...) dispatches A{args...}.
  template <class A>
    requires accepts<A>
  constexpr detail::bound_action<basic_static_dispatcher const, A> bind() const noexcept {
    return detail::bound_action<basic_static_dispatcher const, A>(*this);
  }

  /// The connected store of type S.
  template <class S>
  S& get() const noexcept {
    // An error here means S is not among the dispatcher's stores, or is there twice.
    static_assert(detail::count_of<S, detail::static_store_type<Stores>...> == 1,
                  "nanoflux: get<S>() needs S to be connected to this dispatcher exactly once");
    return detail::ref_types<decl_refs_t>::template at<
        detail::index_of<S, detail::static_store_type<Stores>...>()>::get();
  }

  // For action_queue::drain() (queue.hpp): a batch of dispatches under one check of
  // the nested-dispatch flag, which stays set for the whole batch. Not for users.
  bool begin_batch() const noexcept {
    if constexpr (flag_free) {
      return true;
    } else {
      bool& dispatching = detail::static_dispatching<basic_static_dispatcher>;
      if (dispatching) return false;
      dispatching = true;
      return true;
    }
  }
  void end_batch() const noexcept {
    if constexpr (!flag_free) detail::static_dispatching<basic_static_dispatcher> = false;
  }
  template <class A>
    requires accepts<A>
  NANOFLUX_INLINE void dispatch_in_batch(A const& action) const {
    deliver_to_handlers(action, handlers_t<A>{});
  }

private:
  // Refs...: the static_store_ref of each store that receives A, in run order.
  // An error "call of overloaded 'on(...)' is ambiguous" here means a store declares
  // on(A const&) and another on() that fits A as well (on(A), say): remove one.
  template <class A, class... Refs>
  NANOFLUX_INLINE static void deliver_to_handlers(A const& action, detail::ref_list<Refs...>) {
    (Refs::get().on(action), ...);
  }
};

/// The dispatcher over global stores, for the open action set (any action some store
/// handles): `constinit nanoflux::static_dispatcher<sensor, heater> dispatcher;`
template <auto&... Stores>
class static_dispatcher : public basic_static_dispatcher<any_action, Stores...> {};

/// make_dispatcher<a, b>(): a static_dispatcher<a, b> (the stores named as template
/// arguments, not passed by reference).
template <auto&... Stores>
  requires(sizeof...(Stores) > 0)
constexpr static_dispatcher<Stores...> make_dispatcher() noexcept {
  return {};
}

}  // namespace nanoflux

#endif
