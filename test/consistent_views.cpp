// d.with_consistent_views(): every subscriber of every store runs after the action has
// reached every store, once per store that notified, in run order; for both kinds of
// store (dynamic_subscribers, fixed_subscribers). Also: nested dispatch from a
// subscriber, throwing handlers and subscribers, stores shared by two dispatchers.
#define BOOST_TEST_MODULE consistent_views
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <boost/mpl/list.hpp>

#include <functional>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct post {
  std::string author;
  int times = 1;  // how many times the messages store notifies for it
};
struct fail {
  int at;  // 0: the messages store throws, 1: the stats store
};
struct ping {};

template <class Kind>
struct app {
  // Run order: messages, then stats (stats depends on messages).
  struct messages : nanoflux::store<messages, Kind> {
    std::vector<std::string> log;
    void on(post const& p) {
      log.push_back(p.author);
      for (int i = 0; i < p.times; ++i) this->notify();
    }
    void on(fail const& f) {
      log.push_back("!");
      this->notify();
      if (f.at == 0) throw std::runtime_error("messages failed");
    }
  };
  struct stats : nanoflux::store<stats, Kind> {
    using depends_on = nanoflux::stores<messages>;
    int posts = 0;
    void on(post const&) {
      ++posts;
      this->notify();
    }
    void on(fail const& f) {
      ++posts;
      this->notify();
      if (f.at == 1) throw std::runtime_error("stats failed");
    }
  };
  struct quiet {  // no nanoflux::store base: nothing to defer
    int pings = 0;
    void on(ping) { ++pings; }
  };
  messages m;
  stats s;
  quiet q;
};

using kinds = boost::mpl::list<nanoflux::dynamic_subscribers, nanoflux::fixed_subscribers<8, 64>>;

}  // namespace

BOOST_AUTO_TEST_CASE_TEMPLATE(a_view_reads_every_store_updated, Kind, kinds) {
  app<Kind> a;
  std::vector<int> seen;
  auto sub = a.m.subscribe([&] { seen.push_back(a.s.posts); });
  auto plain = nanoflux::make_dispatcher(a.s, a.m);
  plain(post{"alice"});
  BOOST_TEST(seen == std::vector<int>{0});  // without: the stats store has not run yet
  auto d = nanoflux::make_dispatcher(a.s, a.m).with_consistent_views();
  d(post{"bob"});
  BOOST_TEST(seen == (std::vector<int>{0, 2}));  // with: after every store
}

BOOST_AUTO_TEST_CASE_TEMPLATE(once_per_store_in_run_order, Kind, kinds) {
  app<Kind> a;
  std::string order;
  auto s1 = a.s.subscribe([&] { order += 's'; });
  auto m1 = a.m.subscribe([&] { order += 'm'; });
  auto m2 = a.m.subscribe([&] { order += 'M'; });
  auto d = nanoflux::make_dispatcher(a.s, a.q, a.m).with_consistent_views();  // runs m, s, q
  d(post{"alice", 3});
  BOOST_TEST(order == "mMs");  // messages notified 3 times: its subscribers once
  order.clear();
  d(ping{});
  BOOST_TEST(order == "");  // nobody notified
  a.m.notify();  // outside a dispatch: at once
  BOOST_TEST(order == "mM");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(subscribers_run_inside_the_dispatch, Kind, kinds) {
  app<Kind> a;
  auto d = nanoflux::make_dispatcher(a.s, a.m, a.q).with_consistent_views();
  bool was_dispatching = false, rejected = false;
  auto sub = a.s.subscribe([&] {
    was_dispatching = d.dispatching();
    try {
      d(ping{});
    } catch (nanoflux::dispatch_error const&) {
      rejected = true;  // the nested-dispatch rule holds in the flush too
    }
  });
  typename app<Kind>::quiet q2;
  auto d2 = nanoflux::make_dispatcher(q2);
  auto sub2 = a.m.subscribe([&] { d2(ping{}); });  // another dispatcher: fine
  d(post{"alice"});
  BOOST_TEST(was_dispatching);
  BOOST_TEST(rejected);
  BOOST_TEST(a.q.pings == 0);
  BOOST_TEST(q2.pings == 1);
  BOOST_TEST(!d.dispatching());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_throwing_handler_flushes_the_stores_that_notified, Kind, kinds) {
  app<Kind> a;
  std::string order;
  auto m1 = a.m.subscribe([&] { order += 'm'; });
  auto s1 = a.s.subscribe([&] { order += 's'; });
  auto d = nanoflux::make_dispatcher(a.s, a.m).with_consistent_views();
  BOOST_CHECK_THROW(d(fail{1}), std::runtime_error);  // stats throws after notifying
  BOOST_TEST(order == "ms");  // both notified before the throw: both told
  order.clear();
  BOOST_CHECK_THROW(d(fail{0}), std::runtime_error);  // messages throws; stats never ran
  BOOST_TEST(order == "m");
  order.clear();
  a.s.notify();  // no deferral left behind
  BOOST_TEST(order == "s");
  order.clear();
  d(post{"alice"});
  BOOST_TEST(order == "ms");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_throwing_subscriber_ends_the_flush, Kind, kinds) {
  app<Kind> a;
  std::string order;
  bool armed = true;
  auto m1 = a.m.subscribe([&] {
    order += 'm';
    if (armed) throw std::runtime_error("view failed");
  });
  auto s1 = a.s.subscribe([&] { order += 's'; });
  auto d = nanoflux::make_dispatcher(a.s, a.m).with_consistent_views();
  BOOST_CHECK_THROW(d(post{"alice"}), std::runtime_error);
  BOOST_TEST(order == "m");  // the flushes after it are dropped, as a notify's later subscribers
  armed = false;
  order.clear();
  d(post{"bob"});
  BOOST_TEST(order == "ms");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(stores_connected_to_two_dispatchers, Kind, kinds) {
  app<Kind> a;
  typename app<Kind>::messages other;  // connected to the inner dispatcher only
  std::string order;
  auto m1 = a.m.subscribe([&] { order += 'm'; });
  auto o1 = other.subscribe([&] { order += 'o'; });
  auto s1 = a.s.subscribe([&] { order += 's'; });
  auto inner = nanoflux::make_dispatcher(a.m, other).with_consistent_views();
  struct relay {  // dispatches on the inner dispatcher from inside the outer one
    decltype(inner)* to;
    void on(post const& p) { (*to)(post{p.author + "'"}); }
  } r{&inner};
  auto outer = nanoflux::make_dispatcher(r, a.m, a.s).with_consistent_views();
  outer(post{"alice"});
  // inner's end flushes `other` (inner's alone); `m` is connected to outer too, which is
  // still delivering: it is flushed once, with `s`, when outer ends.
  BOOST_TEST(order == "oms");
  BOOST_TEST(a.m.log == (std::vector<std::string>{"alice'", "alice"}));
  order.clear();
  auto plain = nanoflux::make_dispatcher(a.m);  // the same store, plain: at once
  plain(post{"bob", 2});
  BOOST_TEST(order == "mm");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(later_middleware_runs_inside_the_deferral, Kind, kinds) {
  app<Kind> a;
  std::string order;
  auto m1 = a.m.subscribe([&] { order += 'm'; });
  auto d = nanoflux::make_dispatcher(a.m, a.s).with_consistent_views().with_middleware([&](auto const& x, auto next) {
    order += '<';
    next(x);
    order += '>';
  });
  d(post{"alice"});
  BOOST_TEST(order == "<>m");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_chained_store_notifies_during_the_flush, Kind, kinds) {
  app<Kind> a;
  struct counter : nanoflux::store<counter, Kind> {
    int count = 0;
  } chained;
  std::string order;
  auto link = a.m.subscribe([&] {
    ++chained.count;
    order += 'm';
    chained.notify();  // the deferral is over: at once
  });
  auto c1 = chained.subscribe([&] { order += 'c'; });
  auto s1 = a.s.subscribe([&] { order += 's'; });
  auto d = nanoflux::make_dispatcher(a.m, a.s).with_consistent_views();
  d(post{"alice"});
  BOOST_TEST(order == "mcs");
}

BOOST_AUTO_TEST_CASE(first_subscriber_added_during_the_dispatch) {
  // A default store that had never had a subscriber has no list to defer when the
  // dispatch begins: a subscriber it gets from a handler is notified at once.
  struct lazy : nanoflux::store<lazy> {
    std::function<void()> hook;
    void on(ping) {
      if (hook) hook();
      notify();
    }
  } l;
  int calls = 0;
  nanoflux::subscription sub;
  l.hook = [&] { sub = l.subscribe([&] { ++calls; }); };
  auto d = nanoflux::make_dispatcher(l).with_consistent_views();
  d(ping{});
  BOOST_TEST(calls == 1);
  l.hook = nullptr;
  d(ping{});  // from now on deferred, as any other
  BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(with_a_queue_a_subscriber_dispatch_runs_after_the_flush, Kind, kinds) {
  // Run to completion: a dispatch from a subscriber during the flush is deferred, and
  // runs (with its own deferred notifies) after the flush.
  app<Kind> a;
  nanoflux::action_queue<nanoflux::actions<post, fail, ping>, 4> q;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<post, fail, ping>>(a.s, a.q, a.m).with_queue(q);
  auto consistent = d.with_consistent_views();
  auto consistent_too = nanoflux::make_dispatcher<nanoflux::actions<post, fail, ping>>(a.s, a.q, a.m)
                            .with_consistent_views()
                            .with_queue(q);
  std::vector<std::string> seen;
  bool replied = false;
  auto sub = a.m.subscribe([&] {
    seen.push_back(a.m.log.back() + ":" + std::to_string(a.s.posts));
    if (!std::exchange(replied, true)) consistent(post{"bot"});
  });
  consistent(post{"alice"});
  BOOST_TEST(seen == (std::vector<std::string>{"alice:1", "bot:2"}));
  replied = false;
  seen.clear();
  consistent_too(post{"carol"});
  BOOST_TEST(seen == (std::vector<std::string>{"carol:3", "bot:4"}));
  BOOST_TEST(q.empty());
}
