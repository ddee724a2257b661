// Stress, meant for ThreadSanitizer (./nf test runs it under TSan): producers on
// several threads post while a consumer thread drains concurrently and sleeps in
// wait() when there is nothing (a lost wake-up would hang the test: CTest's timeout
// fails it). Checked: nothing lost, nothing duplicated, each producer's order kept,
// every refused post counted by dropped().
#define BOOST_TEST_MODULE queue_threads
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace {

constexpr int posts_per_producer = 20'000;

struct item {
  int producer;
  int seq;
};
struct note {
  int producer;
  int seq;
};

struct checker {
  std::vector<int> next;  // per producer: the seq expected next
  long received = 0;
  long notes = 0;
  bool in_order = true;
  explicit checker(int producers) : next(std::size_t(producers), 0) {}
  void on(item const& i) {
    in_order = in_order && i.seq == next[std::size_t(i.producer)];
    next[std::size_t(i.producer)] = i.seq + 1;
    ++received;
  }
  void on(note const&) { ++notes; }
};

// Each producer posts 0..posts_per_producer-1 in order; a refused post (full queue) is
// retried after a yield, so nothing is given up; refusals are counted.
template <class Queue>
void produce(Queue& q, int id, std::atomic<long>& refused, std::size_t leave_free = 0) {
  for (int s = 0; s < posts_per_producer; ++s) {
    while (q.size() + leave_free >= Queue::capacity()) std::this_thread::yield();
    while (!q.post(item{id, s})) {
      refused.fetch_add(1, std::memory_order_relaxed);
      std::this_thread::yield();
    }
  }
}

template <class Queue>
void run(int producers) {
  static Queue q;  // large: not on the stack
  checker c(producers);
  auto d = nanoflux::make_dispatcher<typename Queue::action_set>(c);
  std::atomic<long> refused{0};
  long const total = long(producers) * posts_per_producer;
  std::thread consumer([&] {
    while (c.received < total) {
      q.wait();  // sleeps: no spinning
      q.drain(d);
    }
  });
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p) threads.emplace_back([&, p] { produce(q, p, refused); });
  for (auto& t : threads) t.join();
  consumer.join();
  BOOST_TEST(c.received == total);
  BOOST_TEST(c.in_order);
  for (int p = 0; p < producers; ++p) BOOST_TEST(c.next[std::size_t(p)] == posts_per_producer);
  BOOST_TEST(q.empty());
  BOOST_TEST(q.dropped() == std::size_t(refused.load()));
}

// guarded_producers' guard for threads: a mutex (on a microcontroller it would be
// nanoflux::interrupt_mask). With it, the single-producer ring takes several producers.
struct mutex_guard {
  static inline std::mutex m;
  mutex_guard() { m.lock(); }
  ~mutex_guard() { m.unlock(); }
  mutex_guard(mutex_guard const&) = delete;
  mutex_guard& operator=(mutex_guard const&) = delete;
};

}  // namespace

BOOST_AUTO_TEST_CASE(one_producer_thread_single_producer_queue) {
  run<nanoflux::action_queue<nanoflux::actions<item, note>, 64, nanoflux::single_producer>>(1);
}

BOOST_AUTO_TEST_CASE(four_producer_threads_multi_producer_queue) {
  run<nanoflux::action_queue<nanoflux::actions<item, note>, 64, nanoflux::multi_producer>>(4);
}

BOOST_AUTO_TEST_CASE(four_producer_threads_guarded_producers_queue) {
  run<nanoflux::action_queue<nanoflux::actions<item, note>, 64, nanoflux::guarded_producers<mutex_guard>>>(4);
}

BOOST_AUTO_TEST_CASE(a_tiny_queue_is_full_most_of_the_time) {
  run<nanoflux::action_queue<nanoflux::actions<item, note>, 2, nanoflux::multi_producer>>(3);
}

BOOST_AUTO_TEST_CASE(a_capacity_that_is_not_a_power_of_two) {
  run<nanoflux::action_queue<nanoflux::actions<item, note>, 7, nanoflux::multi_producer>>(3);
}

// A with_queue dispatcher on the consumer thread: its handlers defer notes to the same
// multi_producer queue the producer threads post to. The producers leave room for the
// deferred notes (a deferral that finds the queue full is a dispatch_error).
BOOST_AUTO_TEST_CASE(run_to_completion_while_threads_post) {
  using queue = nanoflux::action_queue<nanoflux::actions<item, note>, 256, nanoflux::multi_producer>;
  static queue q;
  constexpr int producers = 3;
  checker c(producers);
  struct deferrer {
    std::function<void(note)> defer;
    void on(item const& i) {
      if (i.seq % 10 == 0) defer(note{i.producer, i.seq});
    }
  } f;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<item, note>>(c, f).with_queue(q);
  f.defer = [&](note n) { d(n); };
  std::atomic<long> refused{0};
  long const total = long(producers) * posts_per_producer;
  std::thread consumer([&] {
    while (c.received < total) {
      q.wait();
      d.drain();
    }
    d.drain();
  });
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p) threads.emplace_back([&, p] { produce(q, p, refused, 128); });
  for (auto& t : threads) t.join();
  consumer.join();
  BOOST_TEST(c.received == total);
  BOOST_TEST(c.in_order);
  BOOST_TEST(c.notes == total / 10);
  BOOST_TEST(q.empty());
}

// --- which posts a multi_producer drain takes (DESIGN.md: "the actions queued when
// drain() started (later posts wait for the next drain)") ---------------------------------

namespace {

// An action whose move (the construction in its slot) waits at a gate: a post held there
// has claimed its position but is not complete.
struct gated {
  int n;
  std::atomic<bool>* entered = nullptr;  // set when the move started
  std::atomic<bool>* open = nullptr;     // the move waits until it is set
  gated(int value, std::atomic<bool>* e, std::atomic<bool>* o) : n(value), entered(e), open(o) {}
  gated(gated&& other) noexcept : n(other.n) {
    if (other.entered) {
      other.entered->store(true);
      while (!other.open->load()) std::this_thread::yield();
    }
  }
};
struct gated_log {
  std::vector<int> seen;
  std::function<void(int)> during;  // called in on(), with the action's value
  void on(gated const& g) {
    seen.push_back(g.n);
    if (during) during(g.n);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_drain_stops_at_an_unfinished_post_and_leaves_what_is_behind_it) {
  static nanoflux::action_queue<nanoflux::actions<gated>, 8, nanoflux::multi_producer> q;
  gated_log log;
  auto d = nanoflux::make_dispatcher(log);
  BOOST_TEST(q.post(gated{1, nullptr, nullptr}));
  std::atomic<bool> entered{false}, open{false};
  std::thread slow([&] { BOOST_CHECK(q.post(gated{2, &entered, &open})); });
  while (!entered.load()) std::this_thread::yield();
  BOOST_TEST(q.post(gated{3, nullptr, nullptr}));  // complete, behind the unfinished post
  BOOST_TEST(q.drain(d) == 1u);  // 1; stops at 2
  BOOST_TEST(log.seen == (std::vector<int>{1}));
  BOOST_TEST(q.drain(d) == 0u);
  open.store(true);
  slow.join();
  BOOST_TEST(q.drain(d) == 2u);
  BOOST_TEST(log.seen == (std::vector<int>{1, 2, 3}));
}

// A post that another thread completes while the drain runs (after the drain started,
// ordered by the handshake) waits for the next drain, also when a slot for it is free
// and nothing is in the way.
BOOST_AUTO_TEST_CASE(a_post_completed_while_a_drain_runs_waits_for_the_next_drain) {
  static nanoflux::action_queue<nanoflux::actions<gated>, 8, nanoflux::multi_producer> q;
  gated_log log;
  std::atomic<bool> go{false}, posted{false};
  std::thread producer([&] {
    while (!go.load()) std::this_thread::yield();
    BOOST_CHECK(q.post(gated{10, nullptr, nullptr}));
    posted.store(true);
  });
  log.during = [&](int n) {
    if (n != 1) return;
    go.store(true);
    while (!posted.load()) std::this_thread::yield();
  };
  auto d = nanoflux::make_dispatcher(log);
  BOOST_TEST(q.post(gated{1, nullptr, nullptr}));
  BOOST_TEST(q.post(gated{2, nullptr, nullptr}));
  BOOST_TEST(q.drain(d) == 2u);
  producer.join();
  BOOST_TEST(log.seen == (std::vector<int>{1, 2}));
  BOOST_TEST(q.size() == 1u);
  BOOST_TEST(q.drain(d) == 1u);
  BOOST_TEST(log.seen == (std::vector<int>{1, 2, 10}));
}
