// d.with_queue(q): run to completion. A dispatch while dispatching (from a handler, a
// middleware, a subscriber) is deferred to q, never lost and never nested; the outer
// dispatch drains q until it is empty before it returns; the order of the rules in
// DESIGN.md, "Queued dispatch"; a full queue; throwing handlers while draining.
#define BOOST_TEST_MODULE queue_run_to_completion
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <functional>
#include <string>
#include <vector>

namespace {

struct start {
  int n;
};
struct follow_up {
  int n;
};
struct other {
  int n;
};
struct fail {};
using acts = nanoflux::actions<start, follow_up, other, fail>;
using queue = nanoflux::action_queue<acts, 16>;

std::vector<std::string> calls;

// Two stores that log every action; the first defers follow-ups through `then`.
struct first_store : nanoflux::store<first_store> {
  std::function<void(int)> then;
  void on(start const& s) {
    calls.push_back("first start " + std::to_string(s.n));
    if (then) then(s.n);
    notify();
  }
  void on(follow_up const& f) { calls.push_back("first follow_up " + std::to_string(f.n)); }
  void on(other const& o) { calls.push_back("first other " + std::to_string(o.n)); }
  void on(fail) {
    calls.push_back("first fail");
    throw std::runtime_error("fail");
  }
};
struct second_store {
  void on(start const& s) { calls.push_back("second start " + std::to_string(s.n)); }
  void on(follow_up const& f) { calls.push_back("second follow_up " + std::to_string(f.n)); }
  void on(other const& o) { calls.push_back("second other " + std::to_string(o.n)); }
};

std::vector<std::string> take_log() {
  std::vector<std::string> l;
  l.swap(calls);
  return l;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_dispatch_from_a_handler_runs_after_every_store_saw_the_current_action) {
  queue q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  a.then = [&](int n) {
    if (n < 3) {
      d.dispatch(follow_up{n * 10});  // deferred, in order
      d(follow_up{n * 10 + 1});
      d(start{n + 1});  // which defers its own follow-ups when it runs
    }
  };
  d.dispatch(start{1});
  BOOST_TEST(!d.dispatching());
  BOOST_TEST(q.empty());
  BOOST_TEST(take_log() == (std::vector<std::string>{
                               "first start 1", "second start 1",           // the current action reaches every store
                               "first follow_up 10", "second follow_up 10",  // then the deferred ones, in order
                               "first follow_up 11", "second follow_up 11",  //
                               "first start 2", "second start 2",            //
                               "first follow_up 20", "second follow_up 20",  // deferred by start 2: after it
                               "first follow_up 21", "second follow_up 21",  //
                               "first start 3", "second start 3"}));
}

// lager#106: the actions an effect dispatches interleave with the user's next ones. Here
// the deferred actions have all run when the outermost dispatch returns, before the
// caller's next dispatch.
BOOST_AUTO_TEST_CASE(deferred_actions_run_before_what_the_caller_dispatches_next) {
  queue q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  a.then = [&](int n) {
    d(follow_up{n});
    d(follow_up{n + 1});
  };
  d(start{1});
  d(other{99});  // the caller's next dispatch
  BOOST_TEST(take_log() == (std::vector<std::string>{"first start 1", "second start 1", "first follow_up 1",
                                                     "second follow_up 1", "first follow_up 2", "second follow_up 2",
                                                     "first other 99", "second other 99"}));
}

BOOST_AUTO_TEST_CASE(dispatches_from_middleware_and_subscribers_are_deferred_too) {
  queue q;
  first_store a;
  second_store b;
  using base = decltype(nanoflux::make_dispatcher<acts>(a, b));
  static_assert(std::is_same_v<decltype(nanoflux::make_dispatcher<acts>(a, b).with_queue(q)),
                               nanoflux::queued_dispatcher<base, queue>>);
  std::function<void(other)> dispatch_other;
  auto d_mw = nanoflux::make_dispatcher<acts>(a, b)
                  .with_middleware([&](auto const& action, auto next) {
                    using A = std::remove_cvref_t<decltype(action)>;
                    if constexpr (std::is_same_v<A, start>) {
                      calls.push_back("mw start " + std::to_string(action.n));
                      dispatch_other(other{action.n});
                    }
                    next(action);
                  })
                  .with_queue(q);
  dispatch_other = [&](other o) { d_mw(o); };
  nanoflux::subscription s = a.subscribe([&] {
    calls.push_back("subscriber");
    d_mw(follow_up{7});
  });
  d_mw(start{5});
  BOOST_TEST(take_log() == (std::vector<std::string>{"mw start 5", "first start 5", "subscriber", "second start 5",
                                                     "first other 5", "second other 5", "first follow_up 7",
                                                     "second follow_up 7"}));
}

BOOST_AUTO_TEST_CASE(a_full_queue_is_a_dispatch_error_and_the_action_is_not_lost_silently) {
  nanoflux::action_queue<acts, 2> q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  int attempts = 0;
  a.then = [&](int) {
    d(follow_up{1});
    d(follow_up{2});
    ++attempts;
    d(follow_up{3});  // the queue holds 2: throws
    ++attempts;
  };
  BOOST_CHECK_THROW(d(start{0}), nanoflux::dispatch_error);
  BOOST_TEST(attempts == 1);
  BOOST_TEST(q.dropped() == 1u);
  BOOST_TEST(!d.dispatching());
  take_log();
  // The two deferred actions stayed queued; the next drain runs them.
  a.then = nullptr;
  BOOST_TEST(d.drain() == 2u);
  BOOST_TEST(take_log() == (std::vector<std::string>{"first follow_up 1", "second follow_up 1", "first follow_up 2",
                                                     "second follow_up 2"}));
}

BOOST_AUTO_TEST_CASE(the_full_queue_message) {
  nanoflux::action_queue<acts, 2> q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  a.then = [&](int) {
    for (int i = 0; i < 3; ++i) d(follow_up{i});
  };
  try {
    d(start{0});
    BOOST_FAIL("no exception");
  } catch (nanoflux::dispatch_error const& e) {
    BOOST_TEST(std::string(e.what()).find("action_queue given to with_queue() is full") != std::string::npos);
  }
  take_log();
}

BOOST_AUTO_TEST_CASE(a_handler_throwing_while_draining_consumes_its_action_and_leaves_the_rest_queued) {
  queue q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  a.then = [&](int n) {
    d(follow_up{n});
    d(fail{});  // throws when drained
    d(follow_up{n + 1});
    d(other{n + 2});
  };
  BOOST_CHECK_THROW(d(start{1}), std::runtime_error);  // reaches the outermost caller
  BOOST_TEST(!d.dispatching());
  BOOST_TEST(q.size() == 2u);  // fail was consumed; two stay queued
  BOOST_TEST(take_log() == (std::vector<std::string>{"first start 1", "second start 1", "first follow_up 1",
                                                     "second follow_up 1", "first fail"}));
  // Usable: a dispatch dispatches its action, then drains what stayed queued.
  a.then = nullptr;
  d(other{9});
  BOOST_TEST(take_log() == (std::vector<std::string>{"first other 9", "second other 9", "first follow_up 2",
                                                     "second follow_up 2", "first other 3", "second other 3"}));
  BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(a_throwing_outer_action_keeps_what_it_deferred) {
  queue q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  struct thrower {
    std::function<void()> before;
    void on(other const&) {
      before();
      throw 5;
    }
  };
  thrower t;
  auto d2 = nanoflux::make_dispatcher<acts>(a, b, t).with_queue(q);
  t.before = [&] { d2(follow_up{4}); };
  BOOST_CHECK_THROW(d2(other{1}), int);
  BOOST_TEST(q.size() == 1u);
  take_log();
  BOOST_TEST(d2.drain() == 1u);
  BOOST_TEST(take_log() == (std::vector<std::string>{"first follow_up 4", "second follow_up 4"}));
  (void)d;
}

BOOST_AUTO_TEST_CASE(actions_posted_by_others_are_drained_by_the_next_dispatch_and_by_drain) {
  queue q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  q.post(other{1});  // as an interrupt or another thread would
  q.post(other{2});
  BOOST_TEST(d.drain() == 2u);
  q.post(other{3});
  BOOST_TEST(q.drain(d) == 1u);  // the queue's drain with a queued dispatcher: no nesting
  q.post(other{4});
  d(follow_up{0});  // dispatches its action first, then drains
  BOOST_TEST(take_log() == (std::vector<std::string>{"first other 1", "second other 1", "first other 2", "second other 2",
                                                     "first other 3", "second other 3", "first follow_up 0",
                                                     "second follow_up 0", "first other 4", "second other 4"}));
}

BOOST_AUTO_TEST_CASE(drain_from_inside_a_dispatch_does_nothing) {
  queue q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  std::size_t inner = 99;
  a.then = [&](int) {
    d(other{1});
    inner = d.drain();
  };
  d(start{0});
  BOOST_TEST(inner == 0u);
  BOOST_TEST(take_log().size() == 4u);
}

BOOST_AUTO_TEST_CASE(bind_get_and_the_types) {
  queue q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  auto go = d.bind<other>();
  go(3);
  BOOST_TEST(&d.get<first_store>() == &a);
  BOOST_TEST(&d.queue() == &q);
  BOOST_TEST(take_log() == (std::vector<std::string>{"first other 3", "second other 3"}));
  struct not_in_queue {};
  static_assert(nanoflux::can_dispatch<decltype(d), other>);
  static_assert(!nanoflux::can_dispatch<decltype(d), not_in_queue>);
  static_assert(!nanoflux::can_dispatch<decltype(d), int>);
  // An open-set dispatcher over stores that handle more than the queue holds: only the
  // queue's actions can be dispatched through it (they may have to be deferred).
  nanoflux::action_queue<nanoflux::actions<other>, 4> small;
  auto open = nanoflux::make_dispatcher(a, b).with_queue(small);
  static_assert(nanoflux::can_dispatch<decltype(open), other>);
  static_assert(!nanoflux::can_dispatch<decltype(open), start>);
  open(other{1});
  take_log();
}

BOOST_AUTO_TEST_CASE(a_multi_producer_queue_works_the_same) {
  nanoflux::action_queue<acts, 8, nanoflux::multi_producer> q;
  first_store a;
  second_store b;
  auto d = nanoflux::make_dispatcher<acts>(a, b).with_queue(q);
  a.then = [&](int n) { d(follow_up{n}); };
  q.post(other{0});
  d(start{1});
  BOOST_TEST(take_log() == (std::vector<std::string>{"first start 1", "second start 1", "first other 0",
                                                     "second other 0", "first follow_up 1", "second follow_up 1"}));
}
