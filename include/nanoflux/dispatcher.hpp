// nanoflux: the compile-time dispatcher.
#ifndef NANOFLUX_DISPATCHER_HPP
#define NANOFLUX_DISPATCHER_HPP

#include <nanoflux/concepts.hpp>
#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/consistent_views.hpp>
#include <nanoflux/detail/fixed_string.hpp>
#include <nanoflux/detail/nested_guard.hpp>
#include <nanoflux/detail/store_order.hpp>
#include <nanoflux/detail/store_reason.hpp>
#include <nanoflux/error.hpp>
#include <nanoflux/fwd.hpp>
#include <nanoflux/middleware.hpp>

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace nanoflux {

namespace detail {

// Pointers to the connected stores, one base per store so that get<I>() is a base
// class lookup (no recursion, no tuple).
template <std::size_t I, class S>
struct store_ref {
  using store_type = S;
  static constexpr std::size_t index = I;
  S* ptr;
};
template <std::size_t I, class S>
NANOFLUX_INLINE S& store_at(store_ref<I, S> const& ref) noexcept {
  return *ref.ptr;
}
template <class Seq, class... Stores>
struct store_refs;
template <std::size_t... I, class... Stores>
struct store_refs<std::index_sequence<I...>, Stores...> : store_ref<I, Stores>... {
  constexpr explicit store_refs(Stores&... s) noexcept : store_ref<I, Stores>{__builtin_addressof(s)}... {}
};

template <class... Refs>
struct ref_list {};

template <std::size_t N>
struct index_list {
  std::size_t size = 0;
  std::size_t at[N > 0 ? N : 1]{};
};
// The positions in run order of the called stores. index: the declaration index of
// the store at each run position.
template <std::size_t N>
constexpr index_list<N> called_positions(bool const (&called)[N], std::size_t const (&index)[N]) {
  index_list<N> found;
  for (std::size_t k = 0; k < N; ++k)
    if (called[index[k]]) found.at[found.size++] = k;
  return found;
}

// The store_ref of each called store, in run order. Flags: receivers_of<A, Stores...>'s
// type (flags<...> const, concepts.hpp); Refs: every store's, in run order.
template <class Flags, class Refs>
struct called_refs;
template <bool... Called, class... Refs>
struct called_refs<flags<Called...> const, ref_list<Refs...>> {
  static constexpr bool called[] = {Called...};
  static constexpr std::size_t index[] = {Refs::index...};
  static constexpr auto positions = called_positions(called, index);
  template <std::size_t... K>
  static ref_list<type_at<positions.at[K], Refs...>...> pick(std::index_sequence<K...>);
  using type = decltype(pick(std::make_index_sequence<positions.size>{}));
};

template <class T, class... Stores>
inline constexpr std::size_t count_of = (std::size_t{std::is_same_v<T, Stores>} + ... + 0);

template <class T, class... Stores>
constexpr std::size_t index_of() {
  constexpr bool match[] = {std::is_same_v<T, Stores>...};
  std::size_t i = 0;
  while (!match[i]) ++i;
  return i;
}

template <class Actions>
inline constexpr bool is_action_set = false;
template <>
inline constexpr bool is_action_set<any_action> = true;
template <class... A>
inline constexpr bool is_action_set<actions<A...>> = true;

template <class A, class... Stores>
inline constexpr bool handled_somewhere = (dispatcher_handles<Stores, A> || ...);

// The condition of the readable error below; clang prints it with the stores of the
// cycle in its first line ("requirement 'no_depends_on_cycle_among<cart, product>'").
template <class... StoresInCycle>
inline constexpr bool no_depends_on_cycle_among = false;

// The readable error. It is instantiated only when there is a cycle, with the stores
// of the cycle as its arguments, so the compiler prints their names next to it.
template <class... StoresInCycle>
struct depends_on_cycle {
  // An error here means the depends_on lists of the stores named in this
  // instantiation wait for each other in a circle; no order can satisfy them.
  static_assert(no_depends_on_cycle_among<StoresInCycle...>,
                "nanoflux: depends_on cycle: the stores named in 'no_depends_on_cycle_among<...>' "
                "wait for each other");
  static constexpr bool ok = true;
};
// The readable error for a closed action set with an action no store handles. It is
// instantiated with that action as its first argument, so the compiler names it.
template <class A, class... Stores>
inline constexpr bool some_store_handles = handled_somewhere<A, Stores...>;
template <class UnhandledAction, class... Stores>
struct check_listed_action_is_handled {
  // An error here means the action named in 'check_listed_action_is_handled<Action, Stores...>'
  // (and 'some_store_handles<Action, Stores...>') is listed in nanoflux::actions<...> but
  // no connected store has on(Action).
  static_assert(some_store_handles<UnhandledAction, Stores...>,
                "nanoflux: an action listed in nanoflux::actions<...> (the first type in "
                "'some_store_handles<...>') is handled by no connected store");
  static constexpr bool ok = true;
};
struct every_action_is_handled {
  static constexpr bool ok = true;
};
// Over the actions of a set: an array, not a fold expression (clang 14 refuses a fold
// of more than 256 operands; sets of 500 actions are common).
template <bool... B>
constexpr bool all_true() noexcept {
  constexpr bool values[] = {B..., true};
  for (bool v : values)
    if (!v) return false;
  return true;
}
template <class Actions, class... Stores>
inline constexpr bool every_listed_action_handled = true;
template <class... A, class... Stores>
inline constexpr bool every_listed_action_handled<actions<A...>, Stores...> =
    all_true<handled_somewhere<A, Stores...>...>();
// static_assert(listed_actions_check<Actions, Stores...>::ok): the check of the first
// unhandled action, named in the static_assert itself so that clang reports it once.
template <class Actions, class... Stores>
struct first_unhandled {
  using type = every_action_is_handled;
};
template <class... A, class... Stores>
  requires(!every_listed_action_handled<actions<A...>, Stores...>)
struct first_unhandled<actions<A...>, Stores...> {
  static constexpr std::size_t index = [] {
    constexpr bool handled[] = {handled_somewhere<A, Stores...>...};
    std::size_t i = 0;
    while (handled[i]) ++i;
    return i;
  }();
  using type = check_listed_action_is_handled<type_at<index, A...>, Stores...>;
};
template <class Actions, class... Stores>
using listed_actions_check = typename first_unhandled<Actions, Stores...>::type;

// With NANOFLUX_CHECK_EXACT_HANDLERS defined, every dispatch(A) verifies that no store
// declaring exact_handlers has an on() that accepts A without being called for it
// (an on(Base const&), an int-returning or const on(), a converting parameter). This
// runs the full overload resolution that exact_handlers saves: meant for one CI build.
template <class Store, class Action>
inline constexpr bool exact_handler_called =
    !declares_exact_handlers<Store> || dispatcher_handles<Store, Action> || !handles<Store, Action>;
template <class Store, class Action>
struct check_exact_handlers {
  // An error here means: Store declares exact_handlers, and s.on(a) accepts Action, but
  // not as void on(Action const&) or void on(Action): the dispatcher will not call it.
  // Declare that on() for Action exactly, or remove exact_handlers from Store.
  static_assert(exact_handler_called<Store, Action>,
                "nanoflux: a store with exact_handlers = true has an on() that accepts this action only "
                "through a conversion (or returns a value, or is const): it is not called for it "
                "(in 'exact_handler_called<Store, Action>': first the store, then the action)");
  static constexpr bool ok = true;
};
// Instantiates the checks given (used in a decltype: the errors, once each, and nothing
// computed from them).
template <class... Checks>
constexpr void instantiate_checks(Checks...) noexcept {}

struct from_parts_t {};

// Why dispatch(A) does not compile, as a type the compiler prints with the error.
template <class A>
struct no_connected_store_has_an_on_for {};
template <class A>
struct not_in_the_dispatchers_actions {};
// (A store's rejection, store_reason.hpp, comes first; a store's own reason is looked
// for only when no store receives A.)
template <class A, class Actions, class... Stores>
using refusal = typename std::conditional_t<
    rejected_by<A, rejecting_stores<Stores...>>, rejection_of<A, rejecting_stores<Stores...>>,
    std::conditional_t<handled_by_a_connected_store<A, Stores...>, std::type_identity<not_in_the_dispatchers_actions<A>>,
                       stores_reason<A, no_connected_store_has_an_on_for<A>, Stores...>>>::type;
// The default of the refused overloads' 'Reason': computed only for a refused action
// (every dispatch substitutes it; for an accepted one it is void, named without any
// instantiation).
template <bool Accepted>
struct refusal_if {
  template <class A, class Actions, class... Stores>
  using type = void;
};
template <>
struct refusal_if<false> {
  template <class A, class Actions, class... Stores>
  using type = refusal<A, Actions, Stores...>;
};

// The name layer's implementation of the by-name members of basic_dispatcher;
// specialised by <nanoflux/names.hpp>, which the core does not include. Without it,
// this one readable error (the members are stubs so that no other error follows).
// The readable errors of the two layers' members used without their header. A member
// of the stub layers below instantiates one in a decltype (not in the layer's class:
// clang would then also report every use of the layer as incomplete).
template <class Dispatcher>
inline constexpr bool names_hpp_included = false;
template <class Dispatcher>
struct names_not_included {
  // An error here means: #include <nanoflux/names.hpp> to use d.dispatch<"name">(),
  // d.dispatch_by_name(), d.action_names() or d.get<"storeName">().
  static_assert(names_hpp_included<Dispatcher>,
                "nanoflux: dispatch<\"name\">(), dispatch_by_name(), action_names() and get<\"name\">() "
                "need #include <nanoflux/names.hpp>");
};
template <class Dispatcher>
inline constexpr bool json_hpp_included = false;
template <class Dispatcher>
struct json_not_included {
  // An error here means: #include <nanoflux/json.hpp> (and link nanoflux::json) to use
  // d.dispatch_json().
  static_assert(json_hpp_included<Dispatcher>, "nanoflux: dispatch_json() needs #include <nanoflux/json.hpp>");
};

// What the stubs return: enough of dispatch_result and of the names' array that the
// usual uses of the result compile, so that no other error follows the readable one.
struct result_without_layer {
  constexpr explicit operator bool() const noexcept { return false; }
  constexpr int error() const noexcept { return 0; }
  constexpr std::string_view message() const noexcept { return {}; }
  constexpr std::string_view detail() const noexcept { return {}; }
};
struct names_without_layer {
  constexpr std::string_view const* begin() const noexcept { return nullptr; }
  constexpr std::string_view const* end() const noexcept { return nullptr; }
  constexpr std::size_t size() const noexcept { return 0; }
  constexpr std::string_view operator[](std::size_t) const noexcept { return {}; }
};

// The name layer's implementation of the by-name members of basic_dispatcher;
// specialised by <nanoflux/names.hpp>, which the core does not include. Without it,
// this one readable error (the members are stubs so that no other error follows).
template <class Dispatcher>
struct name_layer {
  template <fixed_string, class... T>
  static void dispatch(T&&...) {
    using reported [[maybe_unused]] = decltype(names_not_included<Dispatcher>{});
  }
  template <class... T>
  static result_without_layer dispatch_by_name(T&&...) {
    using reported [[maybe_unused]] = decltype(names_not_included<Dispatcher>{});
    return {};
  }
  static constexpr names_without_layer names() noexcept {
    using reported [[maybe_unused]] = decltype(names_not_included<Dispatcher>{});
    return {};
  }
  template <fixed_string, class D>
  static D const& get(D const& d) noexcept {
    using reported [[maybe_unused]] = decltype(names_not_included<Dispatcher>{});
    return d;
  }
};
// The JSON layer's implementation of dispatch_json; specialised by <nanoflux/json.hpp>.
template <class Dispatcher>
struct json_layer {
  template <class... T>
  static result_without_layer dispatch_json(T&&...) {
    using reported [[maybe_unused]] = decltype(json_not_included<Dispatcher>{});
    return {};
  }
};

// The queue layer's d.with_queue(q); specialised by <nanoflux/queue.hpp> for
// nanoflux::action_queue. Without it (or for another q), this one readable error.
// (The error is a separate class, instantiated in a decltype by the stub: a static_assert
// in queue_layer itself would make clang report every use of queue_layer too.)
template <class Dispatcher>
inline constexpr bool queue_hpp_included = false;
template <class Dispatcher, class Queue>
struct queue_not_included {
  // An error here means: #include <nanoflux/queue.hpp> to use d.with_queue(q), and give
  // it a nanoflux::action_queue<...>.
  static_assert(queue_hpp_included<Dispatcher>,
                "nanoflux: with_queue(q) needs #include <nanoflux/queue.hpp> and q a nanoflux::action_queue<...>");
};
template <class Dispatcher, class Queue>
struct queue_layer {
  static Dispatcher const& with_queue(Dispatcher const& d, Queue&) noexcept {
    using reported [[maybe_unused]] = decltype(queue_not_included<Dispatcher, Queue>{});
    return d;
  }
};

// The callable returned by dispatcher::bind<A>().
template <class D, class A>
class bound_action {
public:
  constexpr explicit bound_action(D& d) noexcept : d_(&d) {}
  /// Dispatches A{args...}.
  template <class... Args>
    requires requires(Args&&... args) { A{std::forward<Args>(args)...}; }
  void operator()(Args&&... args) const {
    d_->dispatch(A{std::forward<Args>(args)...});
  }

private:
  D* d_;
};

}  // namespace detail

/// True when the stores' depends_on lists have no cycle (a dispatcher over them then
/// compiles; otherwise its error names the stores of the cycle).
template <class... Stores>
concept acyclic_dependencies = detail::store_order<Stores...>.cycle_size == 0;

/// True when every action of the closed set Actions is handled by one of Stores (what
/// make_dispatcher<Actions>(stores...) checks).
template <class Actions, class... Stores>
concept every_action_handled = detail::every_listed_action_handled<Actions, Stores...>;

/// The dispatcher behind dispatcher<Stores...> (open action set, no middleware),
/// make_dispatcher<actions<A...>>(...) (closed set) and with_middleware(...).
///
/// Holds references to the stores (it owns none) and its middleware by value. Not
/// thread-safe: dispatch from one thread at a time.
template <class Actions, class Middleware, class... Stores>
class basic_dispatcher {
  static_assert(sizeof...(Stores) > 0, "nanoflux: a dispatcher needs at least one store");
  static_assert(detail::is_action_set<Actions>,
                "nanoflux: the action set must be nanoflux::actions<A...> (or any_action)");
  static_assert(detail::dependency_cycle_check<Stores...>::ok);
  static_assert(detail::listed_actions_check<Actions, Stores...>::ok);

  static constexpr auto order_ = detail::store_order<Stores...>.order;
  template <std::size_t... K>
  static std::index_sequence<order_[K]...> run_order(std::index_sequence<K...>);
  using run_order_t = decltype(run_order(std::index_sequence_for<Stores...>{}));
  // The stores' store_ref in run order, computed once per dispatcher type.
  template <std::size_t... I>
  static detail::ref_list<detail::store_ref<I, detail::type_at<I, Stores...>>...> ordered_refs(
      std::index_sequence<I...>);
  using ordered_refs_t = decltype(ordered_refs(run_order_t{}));
  // The store_ref of each store that receives A, in run order.
  template <class A>
  using handlers_t =
      typename detail::called_refs<decltype(detail::receivers_of<A, Stores...>), ordered_refs_t>::type;
  // Stores' handlers_never_dispatch promises (nested_guard.hpp), counted once per
  // dispatcher type: with a middleware (which may dispatch) they do not count.
  static constexpr std::size_t promising_ = Middleware::size == 0 ? detail::promising_count<Stores...> : 0;
  // The stores that may reject an action they were written to take (store_reason.hpp).
  using rejecting_ = detail::rejecting_stores<Stores...>;

public:
  using action_set = Actions;

  /// True when dispatch(A) compiles: some connected store handles A, A is in the
  /// action set, and no connected store rejects A (a state_store's reducer overload for
  /// A with the wrong result).
  template <class A>
  static constexpr bool accepts =
      handled_by_a_connected_store<A, Stores...> && listed_in<A, Actions> && !detail::rejected_by<A, rejecting_>;

private:
  // Why dispatch(A) is refused, as its refused overloads' 'Reason' (void when accepted).
  template <class A>
  using refusal_t = typename detail::refusal_if<accepts<A>>::template type<A, Actions, Stores...>;

public:

  using middleware_type = Middleware;

  /// Connects the stores (by reference: they must outlive the dispatcher). constexpr:
  /// a global dispatcher over global stores can be `constinit` (no start-up code).
  constexpr explicit basic_dispatcher(Stores&... stores) noexcept : refs_(stores...) {}

  constexpr basic_dispatcher(basic_dispatcher const& other)
      : refs_(other.refs_), middleware_(other.middleware_) {}
  constexpr basic_dispatcher(basic_dispatcher&& other) noexcept
      : refs_(other.refs_), middleware_(std::move(other.middleware_)) {}
  basic_dispatcher& operator=(basic_dispatcher const&) = delete;
  basic_dispatcher& operator=(basic_dispatcher&&) = delete;

  /// Runs the middleware, then every connected store with an on(A), synchronously:
  /// dependencies (depends_on) first, otherwise in the order the stores were given.
  /// Dispatching while this dispatcher is dispatching throws dispatch_error (without
  /// exceptions: calls the error hook and drops the action); no store sees it. (While
  /// only stores run that declare handlers_never_dispatch, no dispatch can start, and
  /// dispatching() stays false: see promises_handlers_never_dispatch.)
  // (enable_if rather than a requires-clause: when the call is refused, clang lists this
  // candidate in one line instead of a chain of "because" notes.)
  template <class A>
  NANOFLUX_INLINE std::enable_if_t<accepts<A>> dispatch(A const& action) {
#ifdef NANOFLUX_CHECK_EXACT_HANDLERS
    using checked [[maybe_unused]] = decltype(detail::instantiate_checks(detail::check_exact_handlers<Stores, A>{}...));
#endif
    if constexpr (promising_ == sizeof...(Stores)) {
      // Every store declares handlers_never_dispatch: no dispatch can start while one
      // runs, so there is no flag to check (nested_guard.hpp).
      deliver_to_handlers(action, handlers_t<A>{});
    } else {
      if (dispatching_) [[unlikely]] {
        NANOFLUX_DETAIL_REPORT_ABOUT(::nanoflux::error_code::nested_dispatch, A);
        return;
      }
      if constexpr (promising_ != 0) {
        if constexpr (detail::only_promising_receive<A, Stores...>) {
          deliver_to_handlers(action, handlers_t<A>{});  // nothing it runs can dispatch
          return;
        }
      }
      // The flag is cleared on every way out. A try block rather than a scope object:
      // it costs nothing on the normal path, also at -O0 (the scope object's
      // constructor and destructor did, even inlined).
      dispatching_ = true;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      try {
#endif
        if constexpr (Middleware::size == 0)
          deliver_to_handlers(action, handlers_t<A>{});
        else
          middleware_.template run<0>(action, *this);
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      } catch (...) {
        dispatching_ = false;
        throw;
      }
#endif
      dispatching_ = false;
    }
  }

  // An error "use of deleted function" here names the action type A and the reason, as
  // the type 'Reason': detail::no_connected_store_has_an_on_for<A> (no connected store
  // has on(A)) or detail::not_in_the_dispatchers_actions<A> (A is not in the
  // dispatcher's closed nanoflux::actions<...>).
  // (Deleted rather than static_assert so that can_dispatch<D, A> stays false.)
  template <class A, class Reason = refusal_t<A>>
    requires(!accepts<A>)
  void dispatch(A const&) = delete;  // error: this action cannot be dispatched here: 'Reason' says why

  /// Same as dispatch(action).
#if defined(__clang__)
  // An error here ("substitution failure: call to deleted member function 'dispatch'")
  // names the action A and, as 'Reason', why dispatch(A) does not compile. (clang
  // reports a deleted call operator twice, with every candidate: this form is shorter.)
  template <class A, class Reason = refusal_t<A>>
  NANOFLUX_INLINE auto operator()(A const& action) -> decltype(dispatch(action)) {
    dispatch(action);
  }
#else
  template <class A>
  NANOFLUX_INLINE std::enable_if_t<accepts<A>> operator()(A const& action) {
    dispatch(action);
  }
  template <class A, class Reason = refusal_t<A>>
    requires(!accepts<A>)
  void operator()(A const&) = delete;  // error: this action cannot be dispatched here: 'Reason' says why
#endif

  /// True while a dispatch() runs (inside handlers, middleware and subscribers), but
  /// for one that runs only stores declaring handlers_never_dispatch.
  bool dispatching() const noexcept { return dispatching_; }

  /// The "fluxy" action: a callable f such that f(args...) dispatches A{args...}.
  /// It refers to this dispatcher, which must outlive it.
  template <class A>
    requires accepts<A>
  constexpr detail::bound_action<basic_dispatcher, A> bind() noexcept {
    return detail::bound_action<basic_dispatcher, A>(*this);
  }

  // --- the name layer (#include <nanoflux/names.hpp>; closed action sets) ---------------
  // An error "incomplete type 'nanoflux::detail::name_layer<...>'" in these members
  // means: #include <nanoflux/names.hpp>.

  /// Dispatches the action named Name, built from args: resolved at compile time.
  template <detail::fixed_string Name, class... Args>
  void dispatch(Args&&... args) {
    detail::name_layer<basic_dispatcher>::template dispatch<Name>(*this, std::forward<Args>(args)...);
  }

  /// Dispatches the action called `name` at run time, built as A{args...}. Never throws
  /// for bad input: returns errc::unknown_action or errc::bad_payload, and then no
  /// store saw anything.
  template <class... Args>
  auto dispatch_by_name(std::string_view name, Args&&... args) {
    return detail::name_layer<basic_dispatcher>::dispatch_by_name(*this, name, std::forward<Args>(args)...);
  }

  /// Dispatches a Redux-style JSON action {"type":"addProduct","payload":{...}}
  /// (#include <nanoflux/json.hpp>). Never throws for bad input: returns errc::malformed,
  /// errc::unknown_action or errc::bad_payload, and then no store saw anything.
  auto dispatch_json(std::string_view text) {
    // An error "incomplete type 'nanoflux::detail::json_layer<...>'" here means:
    // #include <nanoflux/json.hpp>.
    return detail::json_layer<basic_dispatcher>::dispatch_json(*this, text);
  }

  /// The names of the closed action set, in declaration order.
  static constexpr auto action_names() noexcept { return detail::name_layer<basic_dispatcher>::names(); }

  /// The connected store whose store_name_v is Name.
  template <detail::fixed_string Name>
  auto& get() const noexcept {
    return detail::name_layer<basic_dispatcher>::template get<Name>(*this);
  }

  /// The connected store of type S.
  template <class S>
  S& get() const noexcept {
    // An error here means S is not among the dispatcher's stores, or is there twice.
    static_assert(detail::count_of<S, Stores...> == 1,
                  "nanoflux: get<S>() needs S to be connected to this dispatcher exactly once");
    if constexpr (detail::count_of<S, Stores...> == 1)
      return detail::store_at<detail::index_of<S, Stores...>()>(refs_);
    else
      return *static_cast<S*>(nullptr);  // not compiled: reported above
  }

  /// A dispatcher over the same stores whose middleware is this one's followed by mw...
  template <class... Mw>
  constexpr auto with_middleware(Mw... mw) const {
    using chain = decltype(middleware_.append(std::move(mw)...));
    return basic_dispatcher<Actions, chain, Stores...>(detail::from_parts_t{}, refs_,
                                                       middleware_.append(std::move(mw)...));
  }

  /// A dispatcher over the same stores and middleware that runs to completion with the
  /// action_queue q: a dispatch while dispatching is deferred to q (#include
  /// <nanoflux/queue.hpp>; the rules are there). It refers to q: q must outlive it.
  template <class Queue>
  auto with_queue(Queue& q) const {
    return detail::queue_layer<basic_dispatcher, Queue>::with_queue(*this, q);
  }

  /// A dispatcher over the same stores under which every subscriber of every store runs
  /// after the action has reached every store: a store's notify() during the dispatch
  /// is deferred, and the stores that notified notify once each, in run order, when
  /// the stores are done (still within the dispatch). See README, "Consistent views".
  auto with_consistent_views() const {
    return with_middleware(detail::make_consistent_views(ordered_refs_t{}, refs_));
  }

  // Runs the stores; the end of the middleware chain. Not for users.
  template <class A>
  NANOFLUX_INLINE void deliver(A const& action) {
    deliver_to_handlers(action, handlers_t<A>{});
  }

  // For action_queue::drain() (queue.hpp): a batch of dispatches under one check of
  // the nested-dispatch flag, which stays set for the whole batch. Not for users.
  bool begin_batch() noexcept {
    if (dispatching_) return false;
    dispatching_ = true;
    return true;
  }
  void end_batch() noexcept { dispatching_ = false; }
  template <class A>
    requires accepts<A>
  NANOFLUX_INLINE void dispatch_in_batch(A const& action) {
    if constexpr (Middleware::size == 0)
      deliver_to_handlers(action, handlers_t<A>{});
    else
      middleware_.template run<0>(action, *this);
  }

  // For with_middleware(). Not for users.
  using refs_type = detail::store_refs<std::index_sequence_for<Stores...>, Stores...>;
  constexpr basic_dispatcher(detail::from_parts_t, refs_type const& refs, Middleware mw)
      : refs_(refs), middleware_(std::move(mw)) {}

private:
  // Refs...: the store_ref of each store that receives A, in run order. Each store is
  // called directly through its base of refs_: no helper function per store, so -O0
  // code has nothing in between.
  // An error "call of overloaded 'on(...)' is ambiguous" here means a store declares
  // on(A const&) and another on() that fits A as well (on(A), say): remove one.
  template <class A, class... Refs>
  NANOFLUX_INLINE void deliver_to_handlers(A const& action, detail::ref_list<Refs...>) {
    (static_cast<Refs const&>(refs_).ptr->on(action), ...);
  }

  refs_type refs_;
  [[no_unique_address]] Middleware middleware_;
  bool dispatching_ = false;
};

/// The dispatcher over an open action set: any action some connected store handles.
///   nanoflux::dispatcher d{products, cart};   // CTAD
template <class... Stores>
class dispatcher : public basic_dispatcher<any_action, middleware<>, Stores...> {
public:
  using basic_dispatcher<any_action, middleware<>, Stores...>::basic_dispatcher;
};
template <class... Stores>
dispatcher(Stores&...) -> dispatcher<Stores...>;

/// A dispatcher over the stores, for the open action set.
template <class... Stores>
constexpr dispatcher<Stores...> make_dispatcher(Stores&... stores) noexcept {
  return dispatcher<Stores...>(stores...);
}

/// A dispatcher for a closed action set: make_dispatcher<nanoflux::actions<A...>>(s...).
/// Every listed action must be handled by some store; other actions do not compile.
template <class Actions, class... Stores>
  requires detail::is_action_set<Actions>
constexpr basic_dispatcher<Actions, middleware<>, Stores...> make_dispatcher(Stores&... stores) noexcept {
  return basic_dispatcher<Actions, middleware<>, Stores...>(stores...);
}

}  // namespace nanoflux

#endif
