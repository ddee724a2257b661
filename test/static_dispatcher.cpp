// nanoflux::static_dispatcher: stores named as template arguments (globals), constinit,
// depends_on order, closed sets, bind, get, nested dispatch with and without the
// stores' handlers_never_dispatch promises, throwing handlers; and the constexpr
// constructor of nanoflux::dispatcher (constinit globals).
#define BOOST_TEST_MODULE static_dispatcher
// Queues as on bare metal: without wait() (which, on Linux, registers a membarrier at
// start-up), a global action_queue is constinit.
#define NANOFLUX_QUEUE_WAIT 0
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/static_dispatcher.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace sd_test {  // named: clang warns about an unused handlers_never_dispatch in an unnamed one

struct add {
  int n;
};
struct reset {};
struct ping {};     // handled by a promising store only
struct nest {};     // a non-promising store dispatches from its handler
struct boom {};

std::string trace;  // the order the stores ran in

struct total_store {
  int total = 0;
  void on(add const& a) {
    total += a.n;
    trace += 't';
  }
  void on(reset) { total = 0; }
  void on(boom) { throw std::runtime_error("boom"); }
};

// Runs after total_store (depends_on), whatever the order given.
struct last_store {
  using depends_on = nanoflux::stores<total_store>;
  int seen = -1;
  void on(add const&);
};

struct pinged_store {
  static constexpr bool handlers_never_dispatch = true;
  int pings = 0;
  int adds = 0;
  void on(ping) { ++pings; }
  void on(add const&) { ++adds; }
};

// Dispatches from its handler, on the dispatcher set below (it makes no promise).
struct nesting_store {
  int nests = 0;
  void on(nest);
};

constinit total_store total;
constinit last_store last;
constinit pinged_store pinged;
constinit nesting_store nesting;

void last_store::on(add const&) {
  seen = total.total;
  trace += 'l';
}

// Given last first: depends_on runs total first.
constinit nanoflux::static_dispatcher<last, total, pinged, nesting> app;
constinit auto closed = nanoflux::make_dispatcher<total, last>();
using closed_set_t = nanoflux::basic_static_dispatcher<nanoflux::actions<add>, total, last>;

enum class nested_action { add, ping };
nested_action next_nested = nested_action::add;
void nesting_store::on(nest) {
  ++nests;
  if (next_nested == nested_action::add)
    app.dispatch(add{100});
  else
    app.dispatch(ping{});
}

// Only promising stores: no flag at all.
struct quiet_a {
  static constexpr bool handlers_never_dispatch = true;
  int n = 0;
  void on(add const& a) { n += a.n; }
};
struct quiet_b {
  static constexpr bool handlers_never_dispatch = true;
  using depends_on = nanoflux::stores<quiet_a>;
  int copy = 0;
  void on(add const&);
};
constinit quiet_a qa;
constinit quiet_b qb;
void quiet_b::on(add const&) { copy = qa.n; }
constinit nanoflux::static_dispatcher<qb, qa> quiet;

void reset_all() {
  total = total_store{};
  last = last_store{};
  pinged = pinged_store{};
  nesting = nesting_store{};
  trace.clear();
}

struct counter {
  int n = 0;
  void on(add const& a) { n += a.n; }
};
constinit counter global_counter;
// The pointer-holding dispatcher over a global store: constinit too.
constinit nanoflux::dispatcher global_dispatcher{global_counter};

}  // namespace sd_test
using namespace sd_test;

// Compile-time properties.
static_assert(std::is_empty_v<nanoflux::static_dispatcher<last, total, pinged, nesting>>);
static_assert(!decltype(app)::flag_free);
static_assert(nanoflux::promises_handlers_never_dispatch<pinged_store>);
static_assert(!nanoflux::promises_handlers_never_dispatch<total_store>);
static_assert(nanoflux::can_dispatch<decltype(app) const, add>);
static_assert(!nanoflux::can_dispatch<decltype(app), int>);
static_assert(nanoflux::can_dispatch<closed_set_t, add>);
static_assert(!nanoflux::can_dispatch<closed_set_t, reset>);  // not in the closed set
static_assert(std::is_same_v<decltype(closed), nanoflux::static_dispatcher<total, last> const> ||
              std::is_same_v<decltype(closed), nanoflux::static_dispatcher<total, last>>);
#ifndef NANOFLUX_CHECK_HANDLERS_NEVER_DISPATCH
static_assert(decltype(quiet)::flag_free);
static_assert(nanoflux::detail::promising_count<total_store, pinged_store, quiet_a> == 2);
static_assert(nanoflux::detail::only_promising_receive<ping, total_store, pinged_store>);
static_assert(!nanoflux::detail::only_promising_receive<add, total_store, pinged_store>);
#else
static_assert(!decltype(quiet)::flag_free);
static_assert(nanoflux::detail::promising_count<total_store, pinged_store, quiet_a> == 0);
#endif

BOOST_AUTO_TEST_CASE(runs_stores_in_depends_on_order) {
  reset_all();
  app(add{2});
  app.dispatch(add{3});
  BOOST_TEST(total.total == 5);
  BOOST_TEST(last.seen == 5);  // ran after total in the same dispatch
  BOOST_TEST(trace == "tltl");
  BOOST_TEST(pinged.adds == 2);
  app(reset{});
  BOOST_TEST(total.total == 0);
}

BOOST_AUTO_TEST_CASE(closed_set_make_dispatcher_bind_and_get) {
  reset_all();
  closed_set_t{}.dispatch(add{4});
  closed(add{1});
  auto add_n = app.bind<add>();
  add_n(5);
  BOOST_TEST(total.total == 10);
  BOOST_TEST(&app.get<total_store>() == &total);
  BOOST_TEST(&closed.get<last_store>() == &last);
}

BOOST_AUTO_TEST_CASE(nested_dispatch_is_reported_and_no_store_sees_it) {
  reset_all();
  next_nested = nested_action::add;
  BOOST_CHECK_THROW(app(nest{}), nanoflux::dispatch_error);
  BOOST_TEST(nesting.nests == 1);
  BOOST_TEST(total.total == 0);
  BOOST_TEST(!app.dispatching());
  app(add{1});  // usable afterwards
  BOOST_TEST(total.total == 1);
}

BOOST_AUTO_TEST_CASE(an_action_only_promising_stores_receive_is_still_checked) {
  // ping reaches only pinged_store, which promises: dispatch(ping) does not set the
  // flag, but it checks it, since it may itself be nested (here, inside nest).
  reset_all();
  next_nested = nested_action::ping;
  BOOST_CHECK_THROW(app(nest{}), nanoflux::dispatch_error);
  BOOST_TEST(pinged.pings == 0);
  app(ping{});
  BOOST_TEST(pinged.pings == 1);
}

BOOST_AUTO_TEST_CASE(a_throwing_handler_leaves_the_dispatcher_usable) {
  reset_all();
  BOOST_CHECK_THROW(app(boom{}), std::runtime_error);
  BOOST_TEST(!app.dispatching());
  app(add{7});
  BOOST_TEST(total.total == 7);
}

BOOST_AUTO_TEST_CASE(promising_stores_only_need_no_flag) {
  quiet(add{3});
  quiet.dispatch(add{4});
  BOOST_TEST(qa.n == 7);
  BOOST_TEST(qb.copy == 7);
  BOOST_TEST(!quiet.dispatching());
}

BOOST_AUTO_TEST_CASE(a_dispatcher_over_globals_is_constinit) {
  global_dispatcher(add{2});
  BOOST_TEST(global_counter.n == 2);
}

#ifdef NANOFLUX_CHECK_HANDLERS_NEVER_DISPATCH
// A store that promises but dispatches: the checking build reports it.
namespace sd_test {  // named: clang warns about an unused handlers_never_dispatch in an unnamed one
struct liar_store {
  static constexpr bool handlers_never_dispatch = true;
  int adds = 0;
  void on(add const&);
  void on(reset);
};
constinit liar_store liar;
constinit nanoflux::static_dispatcher<liar> liar_dispatcher;
void liar_store::on(add const&) { ++adds; }
void liar_store::on(reset) { liar_dispatcher(add{1}); }
}  // namespace sd_test

BOOST_AUTO_TEST_CASE(the_checking_build_reports_a_broken_promise) {
  BOOST_CHECK_THROW(liar_dispatcher(reset{}), nanoflux::dispatch_error);
  BOOST_TEST(liar.adds == 0);
}
#endif

// nanoflux::dispatcher (pointers) honours the same promises.
namespace sd_test {
struct promising_counter {
  static constexpr bool handlers_never_dispatch = true;
  int n = 0;
  bool saw_dispatching = false;
  std::function<bool()> dispatching;  // asks the dispatcher running it
  void on(add const& a) {
    n += a.n;
    saw_dispatching = dispatching();
  }
};
struct nester {
  nanoflux::dispatcher<promising_counter, nester>* d = nullptr;
  void on(nest) { d->dispatch(add{1}); }
};
}  // namespace sd_test

BOOST_AUTO_TEST_CASE(nanoflux_dispatcher_honours_the_promises) {
  promising_counter c;
  nanoflux::dispatcher<promising_counter> only_promising{c};
  c.dispatching = [&] { return only_promising.dispatching(); };
  only_promising(add{2});
  BOOST_TEST(c.n == 2);
#ifndef NANOFLUX_CHECK_HANDLERS_NEVER_DISPATCH
  BOOST_TEST(!c.saw_dispatching);  // no flag: nothing inside can dispatch
#else
  BOOST_TEST(c.saw_dispatching);
#endif
  // With a middleware (which may dispatch) the flag is set again.
  auto with_mw = only_promising.with_middleware([](auto const& a, auto next) { next(a); });
  c.dispatching = [&] { return with_mw.dispatching(); };
  with_mw(add{1});
  BOOST_TEST(c.saw_dispatching);
  BOOST_TEST(c.n == 3);

  // add reaches only the promising store, but may be nested in nest's handler: checked.
  promising_counter c2;
  c2.dispatching = [] { return false; };
  nester n;
  nanoflux::dispatcher<promising_counter, nester> mixed{c2, n};
  n.d = &mixed;
  BOOST_CHECK_THROW(mixed(nest{}), nanoflux::dispatch_error);
  BOOST_TEST(c2.n == 0);
  mixed(add{1});
  BOOST_TEST(c2.n == 1);
}

// Firmware globals: a queue of trivially destructible actions and a store with
// fixed_subscribers are constinit, and the queue has no destructor to register.
#include <nanoflux/fixed_subscribers.hpp>
#include <nanoflux/queue.hpp>

namespace sd_test {
struct shown_store : nanoflux::store<shown_store, nanoflux::fixed_subscribers<1>> {
  static constexpr bool handlers_never_dispatch = true;  // its subscriber only counts
  int n = 0;
  void on(add const& a) {
    n += a.n;
    notify();
  }
};
constinit shown_store shown;
constinit nanoflux::action_queue<nanoflux::actions<add>, 4> global_queue;
constinit nanoflux::action_queue<nanoflux::actions<add>, 4, nanoflux::single_producer> const* queue_address =
    &global_queue;
}  // namespace sd_test
static_assert(std::is_trivially_destructible_v<decltype(sd_test::global_queue)>);
static_assert(!std::is_trivially_destructible_v<nanoflux::action_queue<nanoflux::actions<std::string>, 4>>);

BOOST_AUTO_TEST_CASE(a_global_queue_drains_into_a_static_dispatcher) {
  int shows = 0;
  auto sub = shown.subscribe([&] { ++shows; });
  global_queue.post(add{2});
  global_queue.post(add{3});
  nanoflux::static_dispatcher<shown> d;  // empty: made where it is used
  BOOST_TEST(global_queue.drain(d) == 2u);
  BOOST_TEST(shown.n == 5);
  BOOST_TEST(shows == 2);
  BOOST_TEST(queue_address->empty());
}

// A drain into a static_dispatcher from inside one of its dispatches is a nested
// dispatch: reported, nothing consumed.
namespace sd_test {
struct drained_store {
  int n = 0;
  void on(add const& a) { n += a.n; }
  void on(nest);
};
constinit drained_store drained;
constinit nanoflux::action_queue<nanoflux::actions<add>, 4> drain_queue;
constinit nanoflux::static_dispatcher<drained> drained_dispatcher;
void drained_store::on(nest) { drain_queue.drain(drained_dispatcher); }
}  // namespace sd_test

BOOST_AUTO_TEST_CASE(a_drain_inside_a_dispatch_is_a_nested_dispatch) {
  drain_queue.post(add{4});
  BOOST_CHECK_THROW(drained_dispatcher(nest{}), nanoflux::dispatch_error);
  BOOST_TEST(drained.n == 0);
  BOOST_TEST(drain_queue.size() == 1u);
  BOOST_TEST(drain_queue.drain(drained_dispatcher) == 1u);  // one check for the batch
  BOOST_TEST(drained.n == 4);
  BOOST_TEST(!drained_dispatcher.dispatching());
}
