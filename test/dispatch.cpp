// The dispatcher: dispatch, closed sets, bind, get, depends_on order, middleware,
// nested dispatch and throwing handlers.
#define BOOST_TEST_MODULE dispatch
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct add {
  int n;
};
struct reset {};
struct log_only {};
struct boom {};

using trace_t = std::vector<std::string>;

// A store that records every on() it runs in a shared trace.
template <char Name>
struct recorder {
  trace_t* trace;
  int adds = 0;
  void on(add const&) {
    ++adds;
    trace->push_back(std::string(1, Name));
  }
};

struct counter : nanoflux::store<counter> {
  int value = 0;
  void on(add const& a) {
    value += a.n;
    notify();
  }
  void on(reset) {
    value = 0;
    notify();
  }
};

struct overloaded_store {
  int exact = 0, generic = 0;
  void on(add const&) { ++exact; }
  template <class A>
  void on(A const&) {
    ++generic;
  }
};

struct count_mw {
  int seen = 0;
  template <class A, class Next>
  void operator()(A const& a, Next next) {
    ++seen;
    next(a);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(dispatching)

BOOST_AUTO_TEST_CASE(ctad_make_dispatcher_and_call_operator) {
  counter c;
  nanoflux::dispatcher d1{c};
  auto d2 = nanoflux::make_dispatcher(c);
  static_assert(std::is_same_v<decltype(d1), decltype(d2)>);
  d1.dispatch(add{2});
  d2(add{3});
  BOOST_TEST(c.value == 5);
}

BOOST_AUTO_TEST_CASE(stores_without_matching_on_are_skipped) {
  trace_t trace;
  recorder<'a'> a{&trace};
  counter c;
  struct other {
    int resets = 0;
    void on(reset) { ++resets; }
  } o;
  nanoflux::dispatcher d{a, o, c};
  d(add{1});
  d(reset{});
  BOOST_TEST(a.adds == 1);
  BOOST_TEST(o.resets == 1);
  BOOST_TEST(c.value == 0);
  static_assert(!nanoflux::can_dispatch<decltype(d), log_only>);
}

BOOST_AUTO_TEST_CASE(const_and_value_returning_handlers) {
  struct s {
    mutable int const_calls = 0;
    int on(add const& a) const {
      ++const_calls;
      return a.n;
    }
  } store;
  nanoflux::dispatcher d{store};
  d(add{7});
  BOOST_TEST(store.const_calls == 1);
}

BOOST_AUTO_TEST_CASE(handler_overloads_pick_the_best_match) {
  overloaded_store store;
  nanoflux::dispatcher d{store};
  d(add{1});
  d(reset{});
  d(log_only{});
  BOOST_TEST(store.exact == 1);
  BOOST_TEST(store.generic == 2);
}

BOOST_AUTO_TEST_CASE(dispatching_flag) {
  struct s {
    nanoflux::dispatcher<s>* d = nullptr;
    bool seen = false;
    void on(add const&) { seen = d->dispatching(); }
  } store;
  nanoflux::dispatcher d{store};
  store.d = &d;
  BOOST_TEST(!d.dispatching());
  d(add{1});
  BOOST_TEST(store.seen);
  BOOST_TEST(!d.dispatching());
}

BOOST_AUTO_TEST_CASE(bind_builds_the_action_from_arguments) {
  counter c;
  nanoflux::dispatcher d{c};
  auto add_n = d.bind<add>();
  auto clear = d.bind<reset>();
  add_n(4);
  add_n(5);
  BOOST_TEST(c.value == 9);
  clear();
  BOOST_TEST(c.value == 0);
  static_assert(!std::is_invocable_v<decltype(add_n), std::string>);
}

BOOST_AUTO_TEST_CASE(get_returns_the_connected_store) {
  counter c;
  trace_t trace;
  recorder<'a'> a{&trace};
  nanoflux::dispatcher d{c, a};
  BOOST_TEST(&d.get<counter>() == &c);
  BOOST_TEST(&d.get<recorder<'a'>>() == &a);
  d.get<counter>().value = 41;
  d(add{1});
  BOOST_TEST(c.value == 42);
}

BOOST_AUTO_TEST_CASE(closed_action_set) {
  counter c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add>>(c);
  d(add{1});
  BOOST_TEST(c.value == 1);
  static_assert(nanoflux::can_dispatch<decltype(d), add>);
  static_assert(!nanoflux::can_dispatch<decltype(d), reset>);  // handled, but not listed
  static_assert(std::is_same_v<decltype(d)::action_set, nanoflux::actions<add>>);
}

BOOST_AUTO_TEST_CASE(copies_share_the_stores_not_the_flag) {
  counter c;
  nanoflux::dispatcher d{c};
  auto copy = d;
  copy(add{2});
  d(add{3});
  BOOST_TEST(c.value == 5);
}

BOOST_AUTO_TEST_CASE(same_store_type_connected_twice) {
  counter a, b;
  nanoflux::dispatcher d{a, b};
  d(add{1});
  BOOST_TEST(a.value == 1);
  BOOST_TEST(b.value == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(nested_dispatch_and_exceptions)

BOOST_AUTO_TEST_CASE(nested_dispatch_from_a_handler_throws_and_no_store_sees_it) {
  struct s {
    nanoflux::dispatcher<s, counter>* d = nullptr;
    int adds = 0;
    bool threw = false;
    void on(add const&) {
      ++adds;
      try {
        d->dispatch(reset{});
      } catch (nanoflux::dispatch_error const&) {
        threw = true;
      }
    }
  } store;
  counter c;
  nanoflux::dispatcher d{store, c};
  store.d = &d;
  d(add{5});
  BOOST_TEST(store.threw);
  BOOST_TEST(store.adds == 1);
  BOOST_TEST(c.value == 5);  // reset never arrived
}

BOOST_AUTO_TEST_CASE(dispatch_error_is_a_logic_error_with_a_message) {
  counter c;
  nanoflux::dispatcher d{c};
  auto s = c.subscribe([&] { d(reset{}); });
  try {
    d(add{1});
    BOOST_FAIL("expected dispatch_error");
  } catch (std::logic_error const& e) {
    BOOST_TEST(std::string(e.what()).find("cannot dispatch while dispatching") != std::string::npos);
    // It names the nested action: its type, and its name in the name layer.
    BOOST_TEST(std::string(e.what()).find("::reset, \"reset\")") != std::string::npos, e.what());
    BOOST_TEST((dynamic_cast<nanoflux::dispatch_error const&>(e).code() == nanoflux::error_code::nested_dispatch));
  }
  BOOST_TEST(c.value == 1);
  BOOST_TEST(!d.dispatching());
}

BOOST_AUTO_TEST_CASE(a_second_dispatcher_may_dispatch_from_a_handler) {
  counter target;
  nanoflux::dispatcher inner{target};
  struct forwarder {
    nanoflux::dispatcher<counter>* inner;
    void on(add const& a) { inner->dispatch(add{a.n * 10}); }
  } f{&inner};
  nanoflux::dispatcher outer{f};
  outer(add{2});
  BOOST_TEST(target.value == 20);
}

// Handler k throws: stores before it ran, stores after it did not, the exception
// reaches the caller, and the dispatcher works afterwards. Checked at every position.
template <int Position>
struct thrower {
  int* calls;
  bool* armed;
  int index;
  void on(add const&) {
    ++calls[index];
    if (*armed && index == Position) throw std::runtime_error("handler failed");
  }
};

template <int K>
void check_throw_at_position() {
  int calls[3] = {0, 0, 0};
  bool armed = true;
  thrower<K> s0{calls, &armed, 0}, s1{calls, &armed, 1}, s2{calls, &armed, 2};
  nanoflux::dispatcher d{s0, s1, s2};
  BOOST_CHECK_THROW(d(add{1}), std::runtime_error);
  for (int i = 0; i < 3; ++i) BOOST_TEST(calls[i] == (i <= K ? 1 : 0));
  BOOST_TEST(!d.dispatching());
  armed = false;
  d(add{1});
  for (int i = 0; i < 3; ++i) BOOST_TEST(calls[i] == (i <= K ? 2 : 1));
}

BOOST_AUTO_TEST_CASE(throwing_handler_at_every_position) {
  check_throw_at_position<0>();
  check_throw_at_position<1>();
  check_throw_at_position<2>();
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
struct base_store {
  trace_t* trace;
  void record(char c) { trace->push_back(std::string(1, c)); }
};
struct s_a : base_store {
  void on(add const&) { record('a'); }
};
struct s_b : base_store {
  using depends_on = nanoflux::stores<s_a>;
  void on(add const&) { record('b'); }
};
struct s_c : base_store {
  using depends_on = nanoflux::stores<s_b>;
  void on(add const&) { record('c'); }
};
struct s_d : base_store {
  using depends_on = nanoflux::stores<s_b, s_c>;
  void on(add const&) { record('d'); }
};
struct s_e : base_store {  // depends on a store that is never connected
  using depends_on = nanoflux::stores<counter>;
  void on(add const&) { record('e'); }
};
struct s_silent : base_store {  // handles nothing, but orders
  using depends_on = nanoflux::stores<s_a>;
};
struct s_after_silent : base_store {
  using depends_on = nanoflux::stores<s_silent>;
  void on(add const&) { record('s'); }
};

std::string joined(trace_t const& t) {
  std::string out;
  for (auto const& s : t) out += s;
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(depends_on)

BOOST_AUTO_TEST_CASE(given_order_without_dependencies) {
  trace_t t;
  recorder<'x'> x{&t};
  recorder<'y'> y{&t};
  nanoflux::dispatcher d{y, x};
  d(add{1});
  BOOST_TEST(joined(t) == "yx");
}

BOOST_AUTO_TEST_CASE(dependency_runs_first) {
  trace_t t;
  s_a a{{&t}};
  s_b b{{&t}};
  nanoflux::dispatcher d{b, a};
  d(add{1});
  BOOST_TEST(joined(t) == "ab");
}

BOOST_AUTO_TEST_CASE(transitive_dependencies) {
  trace_t t;
  s_a a{{&t}};
  s_b b{{&t}};
  s_c c{{&t}};
  nanoflux::dispatcher d{c, b, a};
  d(add{1});
  BOOST_TEST(joined(t) == "abc");
}

BOOST_AUTO_TEST_CASE(diamond_runs_each_store_once) {
  trace_t t;
  s_a a{{&t}};
  s_b b{{&t}};
  s_c c{{&t}};
  s_d dd{{&t}};
  nanoflux::dispatcher d{dd, c, a, b};
  d(add{1});
  BOOST_TEST(joined(t) == "abcd");
}

BOOST_AUTO_TEST_CASE(dependencies_move_right_before_the_dependent) {
  // Depth first, as waitFor would run them: x, then b's dependency a, then b, then y.
  trace_t t;
  recorder<'x'> x{&t};
  recorder<'y'> y{&t};
  s_a a{{&t}};
  s_b b{{&t}};
  nanoflux::dispatcher d{x, b, y, a};
  d(add{1});
  BOOST_TEST(joined(t) == "xaby");
}

BOOST_AUTO_TEST_CASE(unconnected_dependencies_are_ignored) {
  trace_t t;
  s_e e{{&t}};
  recorder<'x'> x{&t};
  nanoflux::dispatcher d{e, x};
  d(add{1});
  BOOST_TEST(joined(t) == "ex");
}

BOOST_AUTO_TEST_CASE(a_store_that_handles_nothing_still_orders) {
  trace_t t;
  s_after_silent after{{&t}};
  s_silent silent{{&t}};
  s_a a{{&t}};
  nanoflux::dispatcher d{after, silent, a};
  d(add{1});
  BOOST_TEST(joined(t) == "as");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(middleware)

BOOST_AUTO_TEST_CASE(middleware_runs_in_order_before_the_stores) {
  trace_t t;
  recorder<'s'> s{&t};
  auto m1 = [&](auto const& a, auto next) {
    t.push_back("1");
    next(a);
    t.push_back("1'");
  };
  auto m2 = [&](auto const& a, auto next) {
    t.push_back("2");
    next(a);
  };
  auto d = nanoflux::make_dispatcher(s).with_middleware(m1, m2);
  d(add{1});
  BOOST_TEST(joined(t) == "12s1'");
  BOOST_TEST(s.adds == 1);
}

BOOST_AUTO_TEST_CASE(next_with_a_modified_action) {
  counter c;
  auto doubler = [](auto const& a, auto next) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, add>)
      next(add{a.n * 2});
    else
      next(a);
  };
  auto d = nanoflux::make_dispatcher(c).with_middleware(doubler);
  d(add{3});
  BOOST_TEST(c.value == 6);
  d(reset{});
  BOOST_TEST(c.value == 0);
}

BOOST_AUTO_TEST_CASE(not_calling_next_drops_the_action) {
  counter c;
  int notified = 0;
  auto sub = c.subscribe([&] { ++notified; });
  auto only_positive = [](auto const& a, auto next) {
    if constexpr (requires { a.n; }) {
      if (a.n <= 0) return;
    }
    next(a);
  };
  auto d = nanoflux::make_dispatcher(c).with_middleware(only_positive);
  d(add{-1});
  d(add{2});
  BOOST_TEST(c.value == 2);
  BOOST_TEST(notified == 1);
}

BOOST_AUTO_TEST_CASE(calling_next_twice_delivers_twice) {
  counter c;
  auto twice = [](auto const& a, auto next) {
    next(a);
    next(a);
  };
  auto d = nanoflux::make_dispatcher(c).with_middleware(twice);
  d(add{2});
  BOOST_TEST(c.value == 4);
}

BOOST_AUTO_TEST_CASE(stateful_middleware_lives_in_the_dispatcher) {
  counter c;
  count_mw original;
  auto d = nanoflux::make_dispatcher(c).with_middleware(original);
  d(add{1});
  d(reset{});
  d(add{4});
  BOOST_TEST(original.seen == 0);  // copied into the dispatcher, by value
  BOOST_TEST(c.value == 4);
  // A dispatcher built from d copies d's middleware with its state so far.
  int outside = 0;
  auto d2 = d.with_middleware([&](auto const& a, auto next) {
    ++outside;
    next(a);
  });
  d2(add{1});
  BOOST_TEST(outside == 1);
  BOOST_TEST(c.value == 5);
}

BOOST_AUTO_TEST_CASE(with_middleware_chains_append) {
  trace_t t;
  recorder<'s'> s{&t};
  auto tag = [&](char c) {
    return [&t, c](auto const& a, auto next) {
      t.push_back(std::string(1, c));
      next(a);
    };
  };
  auto d = nanoflux::make_dispatcher(s).with_middleware(tag('1')).with_middleware(tag('2'), tag('3'));
  d(add{1});
  BOOST_TEST(joined(t) == "123s");
}

BOOST_AUTO_TEST_CASE(middleware_may_dispatch_on_another_dispatcher) {
  counter c;
  auto plain = nanoflux::make_dispatcher(c);
  int attempts = 0;
  auto d = nanoflux::make_dispatcher(c).with_middleware([&](auto const& a, auto next) {
    next(a);
    ++attempts;
    plain(add{100});  // `plain` is not dispatching: allowed
  });
  d(add{1});
  BOOST_TEST(attempts == 1);
  BOOST_TEST(c.value == 101);
}

BOOST_AUTO_TEST_CASE(middleware_dispatching_on_its_own_dispatcher_is_rejected) {
  counter c;
  std::function<void()> redispatch;
  int rejected = 0;
  auto d = nanoflux::make_dispatcher(c).with_middleware([&](auto const& a, auto next) {
    next(a);
    try {
      redispatch();
    } catch (nanoflux::dispatch_error const&) {
      ++rejected;
    }
  });
  redispatch = [&] { d(reset{}); };
  d(add{3});
  BOOST_TEST(rejected == 1);
  BOOST_TEST(c.value == 3);  // the nested reset reached no store
  BOOST_TEST(!d.dispatching());
}

BOOST_AUTO_TEST_CASE(middleware_on_a_closed_set) {
  counter c;
  int seen = 0;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add, reset>>(c).with_middleware(
      [&](auto const& a, auto next) {
        ++seen;
        next(a);
      });
  d(add{1});
  d(reset{});
  BOOST_TEST(seen == 2);
  static_assert(!nanoflux::can_dispatch<decltype(d), log_only>);
}

BOOST_AUTO_TEST_SUITE_END()

// Stores that declare exact_handlers: called for the actions their on() overloads
// name exactly, never through a conversion.
namespace exact {
struct item_event {
  int id;
};
struct item_added : item_event {};
struct cleared {};
struct tick {};
struct renamed {
  int id;
};

struct by_const_ref {
  static constexpr bool exact_handlers = true;
  int added = 0, events = 0;
  void on(item_added const&) { ++added; }
  void on(item_event const&) { ++events; }  // not for item_added: that one is exact
};
struct by_value_and_noexcept {
  static constexpr bool exact_handlers = true;
  int clears = 0, ticks = 0;
  void on(cleared) { ++clears; }
  void on(tick const&) noexcept { ++ticks; }
};
struct generic {
  static constexpr bool exact_handlers = true;
  int seen = 0;
  template <class A>
  void on(A const&) {
    ++seen;
  }
};
struct base_with_on {
  int renames = 0;
  void on(renamed const&) { ++renames; }
};
struct inherited : base_with_on {
  static constexpr bool exact_handlers = true;
  using base_with_on::on;
};
struct converting_exact {  // takes item_event: exact, so item_added does not reach it
  static constexpr bool exact_handlers = true;
  int events = 0;
  void on(item_event const&) { ++events; }
};
struct converting_default {  // the same on(), without exact_handlers: item_added converts
  int events = 0;
  void on(item_event const&) { ++events; }
};
struct switched_off {  // exact_handlers = false is the default behaviour
  static constexpr bool exact_handlers = false;
  int events = 0;
  void on(item_event const&) { ++events; }
};
}  // namespace exact

BOOST_AUTO_TEST_SUITE(exact_handlers)

BOOST_AUTO_TEST_CASE(exact_stores_receive_the_actions_their_on_names) {
  exact::by_const_ref a;
  exact::by_value_and_noexcept b;
  exact::generic g;
  exact::inherited i;
  nanoflux::dispatcher d{a, b, g, i};
  d(exact::item_added{{1}});
  d(exact::item_event{2});
  d(exact::cleared{});
  d(exact::tick{});
  d(exact::renamed{3});
  BOOST_TEST(a.added == 1);
  BOOST_TEST(a.events == 1);
  BOOST_TEST(b.clears == 1);
  BOOST_TEST(b.ticks == 1);
  BOOST_TEST(g.seen == 5);  // a template deduces every action
  BOOST_TEST(i.renames == 1);
}

BOOST_AUTO_TEST_CASE(exact_stores_are_not_called_through_a_conversion) {
  exact::converting_exact e;
  exact::converting_default c;
  exact::switched_off s;
  nanoflux::dispatcher d{e, c, s};
  d(exact::item_added{{1}});
  BOOST_TEST(e.events == 0);
  BOOST_TEST(c.events == 1);
  BOOST_TEST(s.events == 1);
  d(exact::item_event{2});
  BOOST_TEST(e.events == 1);
  BOOST_TEST(c.events == 2);
  BOOST_TEST(s.events == 2);

  // Alone, the exact store makes item_added undispatchable (and says so at compile time).
  exact::converting_exact alone;
  nanoflux::dispatcher only{alone};
  static_assert(!nanoflux::can_dispatch<decltype(only), exact::item_added>);
  static_assert(nanoflux::can_dispatch<decltype(only), exact::item_event>);
}

BOOST_AUTO_TEST_CASE(closed_sets_count_what_exact_stores_receive) {
  exact::converting_exact e;
  static_assert(nanoflux::every_action_handled<nanoflux::actions<exact::item_event>, exact::converting_exact>);
  static_assert(!nanoflux::every_action_handled<nanoflux::actions<exact::item_added>, exact::converting_exact>);
  static_assert(nanoflux::every_action_handled<nanoflux::actions<exact::item_added>, exact::converting_default>);
  auto d = nanoflux::make_dispatcher<nanoflux::actions<exact::item_event>>(e);
  d(exact::item_event{1});
  BOOST_TEST(e.events == 1);
}

BOOST_AUTO_TEST_SUITE_END()
