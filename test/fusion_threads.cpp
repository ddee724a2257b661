// Fusion's thread contract, checked under ThreadSanitizer by `./nf test`: with an
// executor, actors may be called from any thread (the fuse is queued to the executor)
// and state() may be read from any thread while fuses happen.
#define BOOST_TEST_MODULE fusion_threads
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion.hpp>

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
