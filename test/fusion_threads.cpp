// Fusion's thread contract, checked under ThreadSanitizer by `./nf test`: with an
// executor, actors may be called from any thread (the fuse is queued to the store's
// strand of the executor, so an io_context run by several threads is fine too) and
// state() may be read from any thread while fuses happen.
#define BOOST_TEST_MODULE fusion_threads
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace fusion = nanoflux::fusion;
namespace asio = boost::asio;

namespace {
struct counters {
  long sync_total = 0;
  long async_total = 0;
  fusion::shared<std::vector<int>> big{std::vector<int>(1000, 1)};
};
}  // namespace

BOOST_AUTO_TEST_CASE(actors_from_many_threads_fuse_on_the_executor) {
  constexpr int threads = 4;
  constexpr int calls_per_thread = 2000;

  asio::io_context io;
  auto work = asio::make_work_guard(io);
  fusion::store<counters> store{counters{}, io.get_executor()};
  auto add = store.fusionator("sync", &counters::sync_total).actor("add", [](long const& t, long n) { return t + n; });
  auto add_later = store.fusionator("async", &counters::async_total)
                       .actor("addLater", [](long const&, long n) -> asio::awaitable<long> {
                         asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::microseconds(10));
                         co_await t.async_wait(asio::use_awaitable);
                         co_return n;  // the last one to complete wins the slice
                       });

  std::thread::id executor_thread;
  long notifications = 0;  // touched only on the executor's thread
  bool notified_elsewhere = false;
  auto sub = store.subscribe([&](counters const&) {
    ++notifications;
    if (std::this_thread::get_id() != executor_thread) notified_elsewhere = true;
  });

  std::thread runner([&] {
    executor_thread = std::this_thread::get_id();
    io.run();
  });
  // Wait until the runner has recorded its id (a fuse posted now runs after that).
  std::atomic<bool> started{false};
  asio::post(io, [&] { started = true; });
  while (!started) std::this_thread::yield();

  std::atomic<long> reads{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t)
    callers.emplace_back([&, t] {
      for (int i = 0; i < calls_per_thread; ++i) {
        add(1);
        if (i % 100 == 0) add_later(t);
        auto const snapshot = store.state();  // reading from another thread is safe
        reads += snapshot->sync_total >= 0;
      }
    });
  for (auto& c : callers) c.join();
  work.reset();  // let run() return once everything queued has run
  runner.join();

  BOOST_TEST(store.state()->sync_total == long{threads} * calls_per_thread);
  BOOST_TEST(store.state()->async_total >= 0);
  BOOST_TEST(store.state()->async_total < threads);
  BOOST_TEST(notifications == long{threads} * calls_per_thread + threads * (calls_per_thread / 100));
  BOOST_TEST(!notified_elsewhere);
  BOOST_TEST(reads.load() == long{threads} * calls_per_thread);
}

// The io_context run by three threads: the store's strand still runs one fuse (and one
// notification) at a time, in each caller's order.
BOOST_AUTO_TEST_CASE(io_context_run_by_several_threads) {
  constexpr int callers = 3;
  constexpr int calls_per_caller = 1500;

  asio::io_context io;
  auto work = asio::make_work_guard(io);
  struct lists {
    std::vector<std::vector<int>> per_caller = std::vector<std::vector<int>>(callers);
    long async_done = 0;
  };
  fusion::store<lists> store{lists{}, io.get_executor()};
  auto append = store.fusionator("lists", &lists::per_caller)
                    .actor("append", [](std::vector<std::vector<int>> const& l, int caller, int value) {
                      auto next = l;
                      next[static_cast<std::size_t>(caller)].push_back(value);
                      return next;
                    });
  auto count_later = store.fusionator("async", &lists::async_done).actor("countLater", [](long const&) -> asio::awaitable<long> {
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
    co_return 0;
  });
  std::atomic<int> in_subscriber{0};
  std::atomic<bool> overlapped{false};
  long notifications = 0;  // plain: the strand serialises the subscribers (TSan checks it)
  auto sub = store.subscribe([&](lists const&) {
    if (in_subscriber.fetch_add(1) != 0) overlapped = true;
    ++notifications;
    in_subscriber.fetch_sub(1);
  });

  std::vector<std::thread> runners;
  for (int r = 0; r < 3; ++r) runners.emplace_back([&] { io.run(); });
  std::vector<std::thread> threads;
  for (int c = 0; c < callers; ++c)
    threads.emplace_back([&, c] {
      for (int i = 0; i < calls_per_caller; ++i) {
        append(c, i);
        if (i % 50 == 0) count_later();
      }
    });
  for (auto& t : threads) t.join();
  work.reset();
  for (auto& r : runners) r.join();

  auto const final_state = store.state();
  for (int c = 0; c < callers; ++c) {
    auto const& l = final_state->per_caller[static_cast<std::size_t>(c)];
    BOOST_TEST_REQUIRE(l.size() == std::size_t{calls_per_caller});
    for (int i = 0; i < calls_per_caller; ++i) BOOST_TEST_REQUIRE(l[static_cast<std::size_t>(i)] == i);  // caller's order
  }
  BOOST_TEST(!overlapped);
  BOOST_TEST(notifications == long{callers} * calls_per_caller + callers * (calls_per_caller / 50));
}
