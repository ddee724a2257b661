// action_queue on its own: post, emplace, full queues, FIFO drains of a snapshot,
// the wrap-around of the positions, each action destroyed exactly once (also when a
// handler or a constructor throws, and when the queue is destroyed full), a drain
// from inside a drain, wait(). Every test runs for single_producer, multi_producer and
// guarded_producers.
#define BOOST_TEST_MODULE queue_basics
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <boost/mp11/list.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

struct add {
  int n;
};
struct label {
  std::string text;
};
struct reset {};
struct boom {
  int code;
};

using acts = nanoflux::actions<add, label, reset, boom>;

struct recorder {
  std::vector<std::string> log;
  void on(add const& a) { log.push_back("add " + std::to_string(a.n)); }
  void on(label const& l) { log.push_back("label " + l.text); }
  void on(reset) { log.push_back("reset"); }
  void on(boom const& b) {
    log.push_back("boom " + std::to_string(b.code));
    throw b.code;
  }
};

// Counts live instances: every construction and destruction of a tracked action.
struct tracked {
  static inline int live = 0;
  static inline int constructed = 0;
  static inline int destroyed = 0;
  static inline int throw_on_copy = 0;
  std::string payload;
  explicit tracked(std::string p) : payload(std::move(p)) {
    ++live;
    ++constructed;
  }
  tracked(tracked const& o) : payload(o.payload) {
    if (throw_on_copy > 0 && --throw_on_copy == 0) throw std::runtime_error("copy");
    ++live;
    ++constructed;
  }
  tracked(tracked&& o) noexcept : payload(std::move(o.payload)) {
    ++live;
    ++constructed;
  }
  ~tracked() {
    --live;
    ++destroyed;
  }
};
struct tracked_sink {
  std::vector<std::string> seen;
  int throw_at = -1;
  void on(reset) {}
  void on(tracked const& t) {
    seen.push_back(t.payload);
    if (int(seen.size()) == throw_at) throw std::runtime_error("handler");
  }
};

// guarded_producers' guard here records how it is held: never by two posts at once.
struct checked_guard {
  static inline int held = 0;   // guards alive now
  static inline int taken = 0;  // guards constructed so far
  static inline bool overlapped = false;
  checked_guard() {
    overlapped = overlapped || held != 0;
    ++held;
    ++taken;
  }
  ~checked_guard() { --held; }
  checked_guard(checked_guard const&) = delete;
  checked_guard& operator=(checked_guard const&) = delete;
};

using policies = boost::mp11::mp_list<nanoflux::single_producer, nanoflux::multi_producer,
                                      nanoflux::guarded_producers<checked_guard>>;

}  // namespace

BOOST_AUTO_TEST_CASE_TEMPLATE(post_and_drain_in_fifo_order, P, policies) {
  nanoflux::action_queue<acts, 4, P> q;
  static_assert(decltype(q)::capacity() == 4);
  recorder r;
  auto d = nanoflux::make_dispatcher<acts>(r);
  BOOST_TEST(q.empty());
  BOOST_TEST(q.post(add{1}));
  label l{"x"};
  BOOST_TEST(q.post(l));  // a copy
  BOOST_TEST(l.text == "x");
  BOOST_TEST(q.template emplace<add>(2));
  BOOST_TEST(q.template emplace<label>("y"));
  BOOST_TEST(q.size() == 4u);
  BOOST_TEST(!q.post(reset{}));  // full
  BOOST_TEST(!q.template emplace<add>(3));
  BOOST_TEST(q.dropped() == 2u);
  BOOST_TEST(q.size() == 4u);
  BOOST_TEST(q.drain(d) == 4u);
  BOOST_TEST(q.empty());
  BOOST_TEST(r.log == (std::vector<std::string>{"add 1", "label x", "add 2", "label y"}));
  BOOST_TEST(q.drain(d) == 0u);
  BOOST_TEST(q.dropped() == 2u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(drain_takes_a_snapshot, P, policies) {
  // Actions posted during a drain (here by a handler) wait for the next drain.
  nanoflux::action_queue<nanoflux::actions<add>, 8, P> q;
  struct poster {
    nanoflux::action_queue<nanoflux::actions<add>, 8, P>* q;
    std::vector<int> seen;
    void on(add const& a) {
      seen.push_back(a.n);
      if (a.n < 3) q->post(add{a.n + 10});
    }
  } p{&q, {}};
  auto d = nanoflux::make_dispatcher(p);
  q.post(add{1});
  q.post(add{2});
  BOOST_TEST(q.drain(d) == 2u);
  BOOST_TEST(p.seen == (std::vector<int>{1, 2}));
  BOOST_TEST(q.size() == 2u);
  BOOST_TEST(q.drain(d) == 2u);
  BOOST_TEST(p.seen == (std::vector<int>{1, 2, 11, 12}));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(wraps_around_with_any_capacity, P, policies) {
  // 3 is not a power of two: positions wrap at a multiple of 3. Thousands of laps.
  nanoflux::action_queue<nanoflux::actions<add>, 3, P> q;
  struct sum {
    long total = 0;
    int last = -1;
    bool ordered = true;
    void on(add const& a) {
      ordered = ordered && a.n == last + 1;
      last = a.n;
      total += a.n;
    }
  } s;
  auto d = nanoflux::make_dispatcher(s);
  int next = 0;
  for (int round = 0; round < 10000; ++round) {
    int const k = 1 + round % 3;
    for (int i = 0; i < k; ++i) BOOST_REQUIRE(q.post(add{next++}));
    BOOST_REQUIRE(q.drain(d) == std::size_t(k));
  }
  BOOST_TEST(s.ordered);
  BOOST_TEST(s.last == next - 1);
  BOOST_TEST(q.dropped() == 0u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_throwing_handler_consumes_its_action_and_leaves_the_rest, P, policies) {
  nanoflux::action_queue<acts, 8, P> q;
  recorder r;
  auto d = nanoflux::make_dispatcher<acts>(r);
  q.post(add{1});
  q.post(boom{7});
  q.post(add{2});
  q.post(label{"z"});
  BOOST_CHECK_EXCEPTION(q.drain(d), int, [](int c) { return c == 7; });
  BOOST_TEST(!d.dispatching());
  BOOST_TEST(q.size() == 2u);
  BOOST_TEST(q.drain(d) == 2u);
  BOOST_TEST(r.log == (std::vector<std::string>{"add 1", "boom 7", "add 2", "label z"}));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(each_action_is_destroyed_exactly_once, P, policies) {
  tracked::live = tracked::constructed = tracked::destroyed = 0;
  {
    nanoflux::action_queue<nanoflux::actions<tracked, reset>, 4, P> q;
    tracked_sink sink;
    auto d = nanoflux::make_dispatcher(sink);
    tracked t{"a long string that does not fit the small string buffer"};
    BOOST_TEST(q.post(t));             // copied
    BOOST_TEST(q.post(tracked{"b"}));  // moved
    BOOST_TEST(q.template emplace<tracked>("c"));
    BOOST_TEST(tracked::live == 4);  // t and three queued
    BOOST_TEST(q.drain(d) == 3u);
    BOOST_TEST(tracked::live == 1);
    BOOST_TEST(sink.seen.size() == 3u);
    BOOST_TEST(sink.seen[0] == t.payload);

    // A throwing handler: its action is consumed (destroyed), the rest stay queued.
    sink.throw_at = 5;
    q.template emplace<tracked>("d");
    q.template emplace<tracked>("e");
    q.template emplace<tracked>("f");
    BOOST_CHECK_THROW(q.drain(d), std::runtime_error);
    BOOST_TEST(tracked::live == 2);  // t and "f"
    // A full queue refuses without constructing anything.
    q.template emplace<tracked>("g");
    q.template emplace<tracked>("h");
    q.template emplace<tracked>("i");
    BOOST_TEST(tracked::live == 5);
    BOOST_TEST(!q.template emplace<tracked>("j"));
    BOOST_TEST(!q.post(t));
    BOOST_TEST(tracked::live == 5);
    // Destroyed with four actions queued: each destroyed once.
  }
  BOOST_TEST(tracked::live == 0);
  BOOST_TEST(tracked::constructed == tracked::destroyed);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_throwing_constructor_queues_nothing, P, policies) {
  tracked::live = tracked::constructed = tracked::destroyed = 0;
  {
    nanoflux::action_queue<nanoflux::actions<tracked>, 4, P> q;
    tracked_sink sink;
    auto d = nanoflux::make_dispatcher(sink);
    tracked t{"x"};
    q.post(t);
    tracked::throw_on_copy = 1;
    BOOST_CHECK_THROW(q.post(t), std::runtime_error);
    q.post(tracked{"y"});
    BOOST_TEST(q.drain(d) == 2u);  // the failed post is not an action
    BOOST_TEST(sink.seen == (std::vector<std::string>{"x", "y"}));
    BOOST_TEST(q.dropped() == 0u);
    for (int i = 0; i < 4; ++i) BOOST_TEST(q.post(t));  // every slot usable again
    BOOST_TEST(!q.post(t));
    BOOST_TEST(q.size() == 4u);
    BOOST_TEST(q.drain(d) == 4u);
  }
  BOOST_TEST(tracked::live == 0);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_drain_inside_a_drain_dispatches_nothing, P, policies) {
  using queue = nanoflux::action_queue<nanoflux::actions<add>, 4, P>;
  queue q;
  struct nested {
    queue* q;
    std::vector<int> seen;
    std::size_t inner = 99;
    void on(add const& a) {
      seen.push_back(a.n);
      struct other {
        void on(add const&) {}
      } o;
      auto d2 = nanoflux::make_dispatcher(o);
      inner = q->drain(d2);
    }
  } n{&q, {}};
  auto d = nanoflux::make_dispatcher(n);
  q.post(add{1});
  q.post(add{2});
  BOOST_TEST(q.drain(d) == 2u);
  BOOST_TEST(n.inner == 0u);
  BOOST_TEST(n.seen == (std::vector<int>{1, 2}));
}

BOOST_AUTO_TEST_CASE(slots_are_the_largest_action_plus_a_tag) {
  struct big {
    char bytes[40];
  };
  nanoflux::action_queue<nanoflux::actions<add, big, reset>, 10> q;
  // 10 slots of 40 + 1 (rounded to 4), plus on hosts the tail's, the producer's, the
  // consumer's and the sleeping flag's cache lines.
  BOOST_TEST(sizeof(q) <= 10 * 44 + 5 * 64);
  (void)q;
}

#if NANOFLUX_QUEUE_WAIT
BOOST_AUTO_TEST_CASE_TEMPLATE(wait_sleeps_until_a_post, P, policies) {
  nanoflux::action_queue<nanoflux::actions<add>, 4, P> q;
  q.post(add{1});
  q.wait();  // returns at once: there is an action
  struct sum {
    int total = 0;
    void on(add const& a) { total += a.n; }
  } s;
  auto d = nanoflux::make_dispatcher(s);
  q.drain(d);
  std::atomic<bool> posted{false};
  std::thread producer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    posted = true;
    q.post(add{5});
  });
  q.wait_for_actions();
  BOOST_TEST(posted.load());
  BOOST_TEST(q.drain(d) == 1u);
  BOOST_TEST(s.total == 6);
  producer.join();
}
#endif

BOOST_AUTO_TEST_CASE(draining_into_a_dispatcher_that_is_dispatching_is_a_nested_dispatch) {
  // The drain checks the dispatcher's nested-dispatch flag once, before taking any
  // action: nothing is consumed.
  using queue = nanoflux::action_queue<nanoflux::actions<add, reset>, 4>;
  queue q;
  struct drainer {
    queue* q;
    std::function<void()> drain;
    int adds = 0;
    void on(add const&) { ++adds; }
    void on(reset) { drain(); }
  } s{&q, {}};
  auto d = nanoflux::make_dispatcher(s);
  s.drain = [&] { q.drain(d); };
  q.post(add{1});
  BOOST_CHECK_THROW(d(reset{}), nanoflux::dispatch_error);
  BOOST_TEST(q.size() == 1u);
  BOOST_TEST(!d.dispatching());
  BOOST_TEST(q.drain(d) == 1u);
  BOOST_TEST(s.adds == 1);
}

// guarded_producers<G>: each post holds one G from before its claim until after its
// commit: while the action is constructed, also when the queue is full or the
// constructor throws; the consumer takes none.
BOOST_AUTO_TEST_CASE(a_guarded_post_holds_its_guard_for_the_whole_post) {
  struct probe {
    int held_while_built;
    bool fail;
    probe(int, bool f) : held_while_built(checked_guard::held), fail(f) {
      if (fail) throw std::runtime_error("probe");
    }
  };
  struct sink {
    std::vector<int> held;
    void on(probe const& p) { held.push_back(p.held_while_built + 10 * checked_guard::held); }
  } s;
  nanoflux::action_queue<nanoflux::actions<probe>, 2, nanoflux::guarded_producers<checked_guard>> q;
  int const before = checked_guard::taken;
  BOOST_TEST(q.emplace<probe>(0, false));
  BOOST_TEST(checked_guard::held == 0);
  BOOST_CHECK_THROW(q.emplace<probe>(0, true), std::runtime_error);
  BOOST_TEST(checked_guard::held == 0);
  BOOST_TEST(q.emplace<probe>(0, false));
  BOOST_TEST(!q.emplace<probe>(0, false));  // full
  BOOST_TEST(checked_guard::held == 0);
  BOOST_TEST(checked_guard::taken - before == 4);
  auto d = nanoflux::make_dispatcher(s);
  BOOST_TEST(q.drain(d) == 2u);
  BOOST_TEST(checked_guard::taken - before == 4);  // the drain took none
  BOOST_TEST(s.held == (std::vector<int>{1, 1}));  // held while built; not while dispatched
  BOOST_TEST(!checked_guard::overlapped);
}

// A with_queue dispatcher over a guarded queue: its deferrals are posts, and hold the
// guard like any other.
BOOST_AUTO_TEST_CASE(with_queue_defers_through_the_guard) {
  using queue = nanoflux::action_queue<nanoflux::actions<add, reset>, 4, nanoflux::guarded_producers<checked_guard>>;
  queue q;
  struct chain {
    std::function<void(reset)> follow_up;
    std::vector<std::string> log;
    void on(add const& a) {
      log.push_back("add " + std::to_string(a.n));
      follow_up(reset{});
    }
    void on(reset) { log.push_back("reset"); }
  } c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add, reset>>(c).with_queue(q);
  c.follow_up = [&](reset r) { d(r); };
  int const before = checked_guard::taken;
  d(add{1});
  d(add{2});
  BOOST_TEST(checked_guard::taken - before == 2);  // one deferral each
  BOOST_TEST(checked_guard::held == 0);
  BOOST_TEST(c.log == (std::vector<std::string>{"add 1", "reset", "add 2", "reset"}));
  BOOST_TEST(q.empty());
}
