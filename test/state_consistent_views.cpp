// d.with_consistent_views() over state_stores: their subscribers and selectors run after
// the action has reached every store (state_store or nanoflux::store), once per store
// that changed, in run order; then the effects of every update, in run order. Also:
// effects dispatching through with_queue (either order), throwing reducers, subscribers
// and effects, history, nested consistent dispatchers, and nothing allocated.
#define BOOST_TEST_MODULE state_consistent_views
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>
#include <nanoflux/state.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using log_t = std::vector<std::string>;

struct post {
  std::string author;
};
struct fail_stats {};  // the stats reducer throws
struct same {};        // messages: unchanged model, with an effect
struct follow_up {};   // dispatched by an effect

struct messages_reducer {
  log_t* log;
  std::vector<std::string> operator()(std::vector<std::string> const& m, post const& p) const {
    auto next = m;
    next.push_back(p.author);
    return next;
  }
  auto operator()(std::vector<std::string> const& m, same) const {
    return nanoflux::with_effects(m, [l = log] { l->push_back("effect of same"); });
  }
  auto operator()(std::vector<std::string> const& m, fail_stats) const {
    auto next = m;
    next.push_back("!");
    return nanoflux::with_effects(next, [l = log] { l->push_back("effect of fail_stats"); });
  }
};
struct stats_reducer {
  log_t* log;
  auto operator()(int posts, post const&) const {
    return nanoflux::with_effects(posts + 1, [l = log] { l->push_back("effect 1 of stats"); },
                                  [l = log] { l->push_back("effect 2 of stats"); });
  }
  int operator()(int, fail_stats) const { throw std::runtime_error("stats failed"); }
};

// A nanoflux::store after both state_stores.
struct feed : nanoflux::store<feed> {
  int posts = 0;
  void on(post const&) {
    ++posts;
    notify();
  }
};

struct app {
  log_t log;
  nanoflux::state_store<std::vector<std::string>, messages_reducer> messages{{}, messages_reducer{&log}};
  nanoflux::state_store<int, stats_reducer> stats{0, stats_reducer{&log}};
  feed f;
};

std::string str(int n) { return std::to_string(n); }

}  // namespace

BOOST_AUTO_TEST_CASE(a_view_of_one_state_store_reads_a_later_one) {
  app a;
  std::vector<int> seen_stats, seen_feed;
  auto view = a.messages.subscribe([&] {
    seen_stats.push_back(a.stats.get());
    seen_feed.push_back(a.f.posts);
  });
  auto plain = nanoflux::make_dispatcher(a.messages, a.stats, a.f);
  plain(post{"alice"});
  BOOST_TEST(seen_stats == std::vector<int>{0});  // without: stats had not run yet
  BOOST_TEST(seen_feed == std::vector<int>{0});
  auto d = nanoflux::make_dispatcher(a.messages, a.stats, a.f).with_consistent_views();
  d(post{"bob"});
  BOOST_TEST(seen_stats == (std::vector<int>{0, 2}));  // with: after every store
  BOOST_TEST(seen_feed == (std::vector<int>{0, 2}));
}

BOOST_AUTO_TEST_CASE(views_once_per_store_that_changed_in_run_order_then_effects) {
  app a;
  auto v1 = a.messages.subscribe([&](std::vector<std::string> const& m) { a.log.push_back("messages " + str(int(m.size()))); });
  auto v2 = a.stats.subscribe([&](int n) { a.log.push_back("stats " + str(n)); });
  auto v3 = a.f.subscribe([&] { a.log.push_back("feed " + str(a.f.posts)); });
  auto d = nanoflux::make_dispatcher(a.messages, a.stats, a.f).with_consistent_views();
  d(post{"alice"});
  BOOST_TEST(a.log == (log_t{"messages 1", "stats 1", "feed 1", "effect 1 of stats", "effect 2 of stats"}));
  a.log.clear();
  d(same{});  // messages unchanged: no view; its effect still runs
  BOOST_TEST(a.log == log_t{"effect of same"});
  // Without consistent views: each store's views, then its effects, store by store.
  a.log.clear();
  auto plain = nanoflux::make_dispatcher(a.messages, a.stats, a.f);
  plain(post{"bob"});
  BOOST_TEST(a.log == (log_t{"messages 2", "stats 2", "effect 1 of stats", "effect 2 of stats", "feed 2"}));
}

BOOST_AUTO_TEST_CASE(selectors_are_views_too) {
  app a;
  auto count = nanoflux::select(a.messages, [](std::vector<std::string> const& m) { return m.size(); });
  auto doubled = nanoflux::select(count, [](std::size_t n) { return 2 * n; });
  std::vector<std::string> seen;
  auto s1 = count.subscribe([&](std::size_t n) {
    seen.push_back("count " + str(int(n)) + " doubled " + str(int(doubled.get())) + " stats " + str(a.stats.get()));
  });
  // A later store's handler reads the selector during the dispatch: not yet recomputed.
  struct reader {
    nanoflux::selector<std::size_t>* count;
    std::vector<std::size_t> read;
    void on(post const&) { read.push_back(count->get()); }
  } r{&count, {}};
  auto d = nanoflux::make_dispatcher(a.messages, a.stats, r).with_consistent_views();
  d(post{"alice"});
  d(post{"bob"});
  BOOST_TEST(r.read == (std::vector<std::size_t>{0, 1}));
  BOOST_TEST(seen == (std::vector<std::string>{"count 1 doubled 2 stats 1", "count 2 doubled 4 stats 2"}));
  BOOST_TEST(count.get() == 2u);
}

BOOST_AUTO_TEST_CASE(a_throwing_reducer_the_stores_before_it_run_their_views_and_effects) {
  app a;
  auto v1 = a.messages.subscribe([&] { a.log.push_back("messages"); });
  auto v2 = a.stats.subscribe([&] { a.log.push_back("stats"); });
  auto d = nanoflux::make_dispatcher(a.messages, a.stats).with_consistent_views();
  BOOST_CHECK_THROW(d(fail_stats{}), std::runtime_error);
  BOOST_TEST(a.log == (log_t{"messages", "effect of fail_stats"}));
  BOOST_TEST(a.stats.get() == 0);
  a.log.clear();
  d(post{"alice"});  // usable, and deferring again
  BOOST_TEST(a.log == (log_t{"messages", "stats", "effect 1 of stats", "effect 2 of stats"}));
}

BOOST_AUTO_TEST_CASE(a_throwing_subscriber_ends_the_views_and_no_effect_runs) {
  app a;
  bool fail = true;
  auto v1 = a.messages.subscribe([&] {
    a.log.push_back("messages");
    if (fail) throw std::runtime_error("view failed");
  });
  auto v2 = a.stats.subscribe([&] { a.log.push_back("stats"); });
  auto d = nanoflux::make_dispatcher(a.messages, a.stats).with_consistent_views();
  BOOST_CHECK_THROW(d(post{"alice"}), std::runtime_error);
  BOOST_TEST(a.log == log_t{"messages"});
  BOOST_TEST(a.stats.get() == 1);  // every store handled the action
  fail = false;
  a.log.clear();
  d(post{"bob"});
  BOOST_TEST(a.log == (log_t{"messages", "stats", "effect 1 of stats", "effect 2 of stats"}));
}

BOOST_AUTO_TEST_CASE(a_throwing_effect_stops_the_effects_after_it) {
  struct thrower {
    log_t* log;
    auto operator()(int m, post const&) const {
      return nanoflux::with_effects(m + 1, [] { throw std::runtime_error("effect failed"); },
                                    [l = log] { l->push_back("not run"); });
    }
  };
  app a;
  nanoflux::state_store first{0, thrower{&a.log}};
  auto v = a.stats.subscribe([&] { a.log.push_back("stats"); });
  auto d = nanoflux::make_dispatcher(first, a.stats).with_consistent_views();
  BOOST_CHECK_THROW(d(post{"alice"}), std::runtime_error);
  BOOST_TEST(a.log == log_t{"stats"});  // views first; then the effects, ended by the throw
  BOOST_TEST(first.get() == 1);
  BOOST_TEST(a.stats.get() == 1);
}

BOOST_AUTO_TEST_CASE(effects_dispatching_through_a_queue_run_after_views_and_effects) {
  using acts = nanoflux::actions<post, follow_up>;
  struct chained_reducer {
    log_t* log;
    std::function<void()>* dispatch_follow_up;
    auto operator()(int m, post const&) const {
      log->push_back("reduce post");
      return nanoflux::with_effects(m + 1, [l = log, f = dispatch_follow_up] {
        l->push_back("effect: dispatch follow_up");
        (*f)();
      });
    }
    int operator()(int m, follow_up) const {
      log->push_back("reduce follow_up");
      return m + 100;
    }
  };
  struct later {
    log_t* log;
    void on(post const&) { log->push_back("later store: post"); }
    void on(follow_up const&) { log->push_back("later store: follow_up"); }
  };
  for (int order = 0; order < 2; ++order) {
    log_t log;
    std::function<void()> dispatch_follow_up;
    nanoflux::state_store s{0, chained_reducer{&log, &dispatch_follow_up}};
    later l{&log};
    auto view = s.subscribe([&](int m) { log.push_back("view " + str(m)); });
    nanoflux::action_queue<acts, 4> q;
    auto run = [&](auto d) {
      dispatch_follow_up = [&d] { d.dispatch(follow_up{}); };
      d.dispatch(post{"alice"});
      BOOST_TEST(s.get() == 101);
      BOOST_TEST(log == (log_t{"reduce post", "later store: post", "view 1", "effect: dispatch follow_up",
                               "reduce follow_up", "later store: follow_up", "view 101"}),
                 "order " << order);
    };
    if (order == 0)
      run(nanoflux::make_dispatcher<acts>(s, l).with_consistent_views().with_queue(q));
    else
      run(nanoflux::make_dispatcher<acts>(s, l).with_queue(q).with_consistent_views());
  }
}

BOOST_AUTO_TEST_CASE(undo_and_redo_are_deferred_like_updates) {
  struct counter {
    int operator()(int m, post const&) const { return m + 1; }
  };
  nanoflux::state_store<int, counter, nanoflux::history<4>> s{0};
  app a;
  std::vector<int> seen;
  auto v = s.subscribe([&](int m) { seen.push_back(m * 100 + a.stats.get()); });
  auto d = nanoflux::make_dispatcher(s, a.stats).with_consistent_views();
  d(post{"alice"});
  d(nanoflux::undo{});
  d(nanoflux::redo{});
  BOOST_TEST(seen == (std::vector<int>{101, 1, 101}));
}

BOOST_AUTO_TEST_CASE(a_first_subscriber_added_during_the_dispatch_is_deferred_too) {
  app a;
  nanoflux::subscription late;
  std::vector<int> seen;
  struct subscriber_maker {
    app* a;
    nanoflux::subscription* late;
    std::vector<int>* seen;
    void on(post const&) {
      if (!late->active()) *late = a->stats.subscribe([s = seen, st = &a->f] { s->push_back(st->posts); });
    }
  } maker{&a, &late, &seen};
  // Run order: maker, stats (updated after its first subscriber came), feed.
  auto d = nanoflux::make_dispatcher(maker, a.stats, a.f).with_consistent_views();
  d(post{"alice"});
  BOOST_TEST(seen == std::vector<int>{1});  // after the feed too
}

BOOST_AUTO_TEST_CASE(nested_consistent_dispatchers_views_wait_for_the_outer_one) {
  struct ping {};
  struct ping_reducer {
    log_t* log;
    auto operator()(int m, ping) const {
      return nanoflux::with_effects(m + 1, [l = log] { l->push_back("effect of ping"); });
    }
  };
  app a;
  nanoflux::state_store pings{0, ping_reducer{&a.log}};
  auto v1 = pings.subscribe([&](int n) { a.log.push_back("pings " + str(n) + " stats " + str(a.stats.get())); });
  auto inner = nanoflux::make_dispatcher(pings).with_consistent_views();
  struct relay {
    decltype(inner)* d;
    void on(post const&) { (*d)(ping{}); }
  } r{&inner};
  auto outer = nanoflux::make_dispatcher(r, pings, a.stats).with_consistent_views();
  outer(post{"alice"});
  // The effect of an inner update runs at once (its slot belongs to the outer action's
  // type); the view waits for the outer dispatch.
  BOOST_TEST(a.log == (log_t{"effect of ping", "pings 1 stats 1", "effect 1 of stats", "effect 2 of stats"}));
}

BOOST_AUTO_TEST_CASE(a_first_selector_created_during_the_dispatch_is_deferred_too) {
  app a;
  std::vector<int> seen;
  nanoflux::selector<int>* made = nullptr;
  nanoflux::subscription sub;
  struct selector_maker {
    app* a;
    std::vector<int>* seen;
    nanoflux::selector<int>** made;
    nanoflux::subscription* sub;
    void on(post const&) {
      if (*made != nullptr) return;
      static nanoflux::selector<int> s = nanoflux::select(a->stats, [](int n) { return n * 10; });
      *made = &s;
      *sub = s.subscribe([v = seen, f = &a->f](int n) { v->push_back(n + f->posts); });
    }
  } maker{&a, &seen, &made, &sub};
  auto d = nanoflux::make_dispatcher(maker, a.stats, a.f).with_consistent_views();
  d(post{"alice"});
  BOOST_TEST(seen == std::vector<int>{11});  // recomputed and told after the feed ran
  sub.unsubscribe();
}
