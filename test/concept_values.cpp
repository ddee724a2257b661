// The concepts as values: what compiles and what does not, tested without a
// compile-fail test (Mp11's mp_valid / EnTT's ASSERT_FALSE(concept<...>) style).
#define BOOST_TEST_MODULE concept_values
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>

#include <string>

namespace {
struct add {
  int n;
};
struct remove_item {};
struct derived_add : add {};
struct by_value {
  void on(add) {}
};
struct by_const_ref {
  void on(add const&) const {}
};
struct by_mutable_ref {
  void on(add&) {}  // cannot take the const action
};
struct converting {
  void on(long) {}
};
struct none {};
struct counter : nanoflux::store<counter> {
  void on(add const&) {}
};
struct two_handlers : nanoflux::store<two_handlers> {
  int value = 0, resets = 0;
  void on(add const& a) { value += a.n; }
  void on(remove_item) { ++resets; }
};
struct ambiguous {
  void on(add) {}
  void on(add const&) {}
};
struct two_conversions {
  void on(long) {}
  void on(double) {}
};
template <class D, class A>
concept can_bind = requires(D& d) { d.template bind<A>(); };
}  // namespace

BOOST_AUTO_TEST_CASE(handles_is_the_validity_of_s_on_a) {
  static_assert(nanoflux::handles<by_value, add>);
  static_assert(nanoflux::handles<by_const_ref, add>);
  static_assert(nanoflux::handles<by_value, derived_add>);  // ordinary conversions apply
  static_assert(!nanoflux::handles<by_mutable_ref, add>);
  static_assert(!nanoflux::handles<by_value, remove_item>);
  static_assert(!nanoflux::handles<none, add>);
  static_assert(nanoflux::handles<converting, int>);
  static_assert(!nanoflux::handles<converting, std::string>);
  BOOST_TEST((nanoflux::handles<counter, add>));
}

BOOST_AUTO_TEST_CASE(action_is_a_cv_unqualified_object_type) {
  static_assert(nanoflux::action<add>);
  static_assert(nanoflux::action<int>);
  static_assert(!nanoflux::action<add const>);
  static_assert(!nanoflux::action<add&>);
  static_assert(!nanoflux::action<void>);
  static_assert(!nanoflux::action<void()>);
  BOOST_TEST(nanoflux::action<remove_item>);
}

BOOST_AUTO_TEST_CASE(handled_by_a_connected_store_and_listed_in) {
  static_assert(nanoflux::handled_by_a_connected_store<add, none, by_value>);
  static_assert(!nanoflux::handled_by_a_connected_store<remove_item, none, by_value>);
  static_assert(!nanoflux::handled_by_a_connected_store<add>);
  static_assert(nanoflux::listed_in<add, nanoflux::any_action>);
  static_assert(nanoflux::listed_in<add, nanoflux::actions<remove_item, add>>);
  static_assert(!nanoflux::listed_in<add, nanoflux::actions<remove_item>>);
  static_assert(!nanoflux::listed_in<add, nanoflux::actions<>>);
  BOOST_TEST((nanoflux::listed_in<add, nanoflux::actions<add>>));
}

BOOST_AUTO_TEST_CASE(can_dispatch_for_every_kind_of_dispatcher) {
  using open = nanoflux::dispatcher<counter, by_value>;
  static_assert(nanoflux::can_dispatch<open, add>);
  static_assert(!nanoflux::can_dispatch<open, remove_item>);
  static_assert(!nanoflux::can_dispatch<open, int>);

  using closed = nanoflux::basic_dispatcher<nanoflux::actions<add>, nanoflux::middleware<>, counter>;
  static_assert(nanoflux::can_dispatch<closed, add>);
  static_assert(!nanoflux::can_dispatch<closed, remove_item>);
  static_assert(closed::accepts<add>);
  static_assert(!closed::accepts<remove_item>);

  counter c;
  auto with_mw = nanoflux::make_dispatcher(c).with_middleware([](auto const& a, auto next) { next(a); });
  static_assert(nanoflux::can_dispatch<decltype(with_mw), add>);
  static_assert(!nanoflux::can_dispatch<decltype(with_mw), remove_item>);
  // The same through operator() and bind<A>():
  static_assert(std::is_invocable_v<open&, add>);
  static_assert(!std::is_invocable_v<open&, remove_item>);
  static_assert(!can_bind<open, remove_item>);
  static_assert(can_bind<open, add>);
  BOOST_TEST((nanoflux::can_dispatch<open, add>));
}

BOOST_AUTO_TEST_CASE(subscriber_for) {
  static_assert(nanoflux::subscriber_for<void (*)(), counter>);
  static_assert(nanoflux::subscriber_for<void (*)(counter const&), counter>);
  static_assert(!nanoflux::subscriber_for<void (*)(int, int), counter>);
  static_assert(!nanoflux::subscriber_for<void (*)(counter&), counter>);  // must not mutate
  static_assert(!nanoflux::subscriber_for<int, counter>);
  BOOST_TEST((nanoflux::subscriber_for<void (*)(), counter>));
}

namespace {
struct loop_b;
struct loop_a {
  using depends_on = nanoflux::stores<loop_b>;
};
struct loop_b {
  using depends_on = nanoflux::stores<loop_a>;
};
struct self_loop {
  using depends_on = nanoflux::stores<self_loop>;
};
struct after_a {
  using depends_on = nanoflux::stores<by_value>;
};
}  // namespace

BOOST_AUTO_TEST_CASE(dependency_cycles_and_closed_sets_as_values) {
  static_assert(nanoflux::acyclic_dependencies<by_value, after_a>);
  static_assert(nanoflux::acyclic_dependencies<after_a>);  // unconnected dependency
  static_assert(!nanoflux::acyclic_dependencies<loop_a, loop_b>);
  static_assert(!nanoflux::acyclic_dependencies<by_value, loop_b, loop_a>);
  static_assert(nanoflux::acyclic_dependencies<loop_a>);  // loop_b not connected: no cycle
  static_assert(!nanoflux::acyclic_dependencies<self_loop>);
  static_assert(nanoflux::every_action_handled<nanoflux::actions<add>, counter>);
  static_assert(!nanoflux::every_action_handled<nanoflux::actions<add, remove_item>, counter>);
  static_assert(nanoflux::every_action_handled<nanoflux::actions<add, long>, counter, converting>);
  BOOST_TEST((nanoflux::acyclic_dependencies<by_value>));
}

BOOST_AUTO_TEST_CASE(dispatcher_types) {
  counter c;
  nanoflux::dispatcher d{c};
  static_assert(std::is_same_v<decltype(d), nanoflux::dispatcher<counter>>);
  static_assert(std::is_same_v<decltype(d)::action_set, nanoflux::any_action>);
  static_assert(std::is_copy_constructible_v<decltype(d)>);
  static_assert(!std::is_copy_assignable_v<decltype(d)>);
  static_assert(sizeof(d) <= 2 * sizeof(void*));  // a pointer per store and the flag
  BOOST_TEST(!d.dispatching());
}

BOOST_AUTO_TEST_CASE(handles_with_ambiguous_overloads_and_const_stores) {
  static_assert(!nanoflux::handles<ambiguous, add>);         // ambiguous: not "handles"
  static_assert(!nanoflux::handles<two_conversions, int>);   // ambiguous conversion
  static_assert(nanoflux::handles<two_conversions, long>);
  static_assert(!nanoflux::handles<by_value const, add>);    // non-const on() on a const store
  static_assert(nanoflux::handles<by_const_ref const, add>);
  BOOST_TEST((nanoflux::handles<two_conversions, long>));
}

BOOST_AUTO_TEST_CASE(closed_set_refuses_a_handled_but_unlisted_action) {
  two_handlers s;
  auto closed = nanoflux::make_dispatcher<nanoflux::actions<add>>(s);
  using C = decltype(closed);
  static_assert(nanoflux::can_dispatch<C, add>);
  static_assert(!nanoflux::can_dispatch<C, remove_item>);  // handled by s, not listed
  static_assert(!std::is_invocable_v<C&, remove_item>);
  auto with_mw = nanoflux::make_dispatcher<nanoflux::actions<add>>(s).with_middleware(
      [](auto const& a, auto next) { next(a); });
  using M = decltype(with_mw);
  static_assert(nanoflux::can_dispatch<M, add>);
  static_assert(!nanoflux::can_dispatch<M, remove_item>);
  static_assert(!nanoflux::can_dispatch<M, int>);
  static_assert(std::is_same_v<M::action_set, nanoflux::actions<add>>);
  with_mw(add{2});
  closed(add{3});
  BOOST_TEST(s.value == 5);
  BOOST_TEST(s.resets == 0);
}

namespace {
struct exact_store {
  static constexpr bool exact_handlers = true;
  void on(add const&) {}
  void on(remove_item) {}
  void on(long) {}
};
struct exact_const_handler {
  static constexpr bool exact_handlers = true;
  void on(add const&) const {}
};
}  // namespace

BOOST_AUTO_TEST_CASE(receives_is_handles_or_the_exact_match) {
  // Without exact_handlers the dispatcher calls what handles<> accepts (ambiguous
  // overloads aside: those are called, and the call reports the ambiguity).
  static_assert(nanoflux::receives<by_value, add>);
  static_assert(nanoflux::receives<by_value, derived_add>);
  static_assert(nanoflux::receives<converting, int>);
  static_assert(!nanoflux::receives<none, add>);
  static_assert(nanoflux::receives<ambiguous, add> && !nanoflux::handles<ambiguous, add>);
  // With it: exactly the on() parameter types, by const& or by value.
  static_assert(nanoflux::receives<exact_store, add>);
  static_assert(nanoflux::receives<exact_store, remove_item>);
  static_assert(nanoflux::receives<exact_store, long>);
  static_assert(nanoflux::handles<exact_store, derived_add> && !nanoflux::receives<exact_store, derived_add>);
  static_assert(nanoflux::handles<exact_store, int> && !nanoflux::receives<exact_store, int>);
  static_assert(nanoflux::handles<exact_const_handler, add> && !nanoflux::receives<exact_const_handler, add>);
  BOOST_TEST((nanoflux::receives<exact_store, add>));
}

namespace {
// The shapes of on() the membership probes (concepts.hpp) must tell apart: inherited
// handlers, a single on() of another type (its address then is no overload set), both
// forms for one action, and an on() that is not a member function.
struct exact_base {
  void on(add const&) {}
  void on(remove_item) {}
};
struct exact_inheriting : exact_base {
  static constexpr bool exact_handlers = true;
};
struct exact_single_other {
  static constexpr bool exact_handlers = true;
  void on(remove_item const&) {}
};
struct exact_both_forms {
  static constexpr bool exact_handlers = true;
  void on(add const&) {}
  void on(add) {}
};
struct static_handler {
  static void on(add const&) {}
};
struct exact_static_handler {
  static constexpr bool exact_handlers = true;
  static void on(add const&) {}
};
struct callable_member {
  struct handler {
    void operator()(add const&) const {}
  };
  handler on;
};
}  // namespace

BOOST_AUTO_TEST_CASE(receives_through_the_probes) {
  static_assert(nanoflux::receives<exact_inheriting, add> && nanoflux::receives<exact_inheriting, remove_item>);
  static_assert(!nanoflux::receives<exact_inheriting, long>);
  static_assert(nanoflux::receives<exact_single_other, remove_item> && !nanoflux::receives<exact_single_other, add>);
  static_assert(nanoflux::receives<exact_both_forms, add>);  // received; the call reports the ambiguity
  static_assert(nanoflux::receives<exact_both_forms const, add> == nanoflux::receives<exact_both_forms, add>);
  // Not member functions: handles<> decides for the default stores; an exact store
  // receives only through a member function.
  static_assert(nanoflux::receives<static_handler, add> && !nanoflux::receives<static_handler, remove_item>);
  static_assert(nanoflux::handles<exact_static_handler, add> && !nanoflux::receives<exact_static_handler, add>);
  static_assert(nanoflux::receives<callable_member, add> && !nanoflux::receives<callable_member, remove_item>);
  BOOST_TEST((nanoflux::receives<exact_inheriting, add>));
}
