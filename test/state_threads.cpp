// Typed state across threads, checked under ThreadSanitizer by `./nf test`:
// - a state_store with history hands its snapshots (shared immutable models) to reader
//   threads while it goes on updating and dropping old snapshots;
// - selectors over a fusion::store whose fuses run on an io_context run by two threads
//   (the selectors are updated on the store's strand) and over a fusion::store without
//   an executor.
#define BOOST_TEST_MODULE state_threads
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion.hpp>
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <thread>
#include <vector>

namespace fusion = nanoflux::fusion;
namespace asio = boost::asio;

namespace {
struct model {
  fusion::shared<std::vector<int>> items;  // large and shared between snapshots
  long sum = 0;                            // always the sum of items
  bool operator==(model const&) const = default;
};
struct push {
  int v;
};
struct reducer {
  model operator()(model const& m, push p) const {
    std::vector<int> next = *m.items;
    next.push_back(p.v);
    return {std::move(next), m.sum + p.v};
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(history_snapshots_read_on_other_threads) {
  nanoflux::state_store<model, reducer, nanoflux::history<4>> store{model{}};
  auto d = nanoflux::make_dispatcher(store);
  std::mutex m;
  std::shared_ptr<model const> latest = store.snapshot();
  std::atomic<bool> done{false};
  std::atomic<long> checked{0}, wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      while (!done) {
        std::shared_ptr<model const> s;
        {
          std::lock_guard<std::mutex> const lock(m);
          s = latest;
        }
        long const sum = std::accumulate(s->items->begin(), s->items->end(), 0L);
        if (sum != s->sum) ++wrong;
        ++checked;
      }
    });
  // At least 2000 updates, and on until the readers have read a few hundred snapshots.
  for (int i = 0; i < 2000 || checked < 300; ++i) {
    d(push{i % 7});
    if (i % 5 == 4) d(nanoflux::undo{});
    std::shared_ptr<model const> s = store.snapshot();
    std::lock_guard<std::mutex> const lock(m);
    latest.swap(s);  // the previous one may be the last reference: released outside the lock
  }
  done = true;
  for (auto& r : readers) r.join();
  BOOST_TEST(wrong == 0);
  BOOST_TEST(checked > 0);
}

namespace {
struct shop {
  long count = 0;
  long other = 0;
};
}  // namespace

BOOST_AUTO_TEST_CASE(selectors_over_a_fusion_store_on_an_executor) {
  constexpr int threads = 3;
  constexpr int calls_per_thread = 1000;
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  fusion::store<shop> store{shop{}, io.get_executor()};
  auto add = store.fusionator("count", &shop::count).actor("add", [](long const& c, long n) { return c + n; });
  auto poke = store.fusionator("other", &shop::other).actor("poke", [](long const& o) { return o + 1; });
  // Created before the executor runs (or on its strand): the contract for subscribe().
  auto count = nanoflux::select(store, &shop::count);
  auto parity = nanoflux::select(count, [](long c) { return c % 2; });
  long count_changes = 0, parity_changes = 0, stale = 0;  // on the strand only
  auto s1 = count.subscribe([&](long c) {
    ++count_changes;
    if (parity.get() != c % 2) ++stale;
  });
  auto s2 = parity.subscribe([&] { ++parity_changes; });
  std::vector<std::thread> runners;
  for (int r = 0; r < 2; ++r) runners.emplace_back([&] { io.run(); });
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t)
    callers.emplace_back([&] {
      for (int i = 0; i < calls_per_thread; ++i) {
        add(1);
        if (i % 10 == 0) poke();
      }
    });
  for (auto& c : callers) c.join();
  work.reset();
  for (auto& r : runners) r.join();
  BOOST_TEST(store.state()->count == long{threads} * calls_per_thread);
  BOOST_TEST(count.get() == long{threads} * calls_per_thread);
  BOOST_TEST(count_changes == long{threads} * calls_per_thread);  // poke changes no count
  BOOST_TEST(parity_changes == long{threads} * calls_per_thread);
  BOOST_TEST(stale == 0);
  BOOST_TEST(store.subscriber_count() == 0u);  // the fuse updates the selectors itself
}

BOOST_AUTO_TEST_CASE(selectors_over_a_fusion_store_without_executor) {
  fusion::store<shop> store{shop{}};
  auto add = store.fusionator("count", &shop::count).actor("add", [](long const& c, long n) { return c + n; });
  auto poke = store.fusionator("other", &shop::other).actor("poke", [](long const& o) { return o + 1; });
  int runs = 0;
  auto count = nanoflux::select(store, [&](shop const& s) {
    ++runs;
    return s.count;
  });
  int changes = 0;
  auto s = count.subscribe([&] { ++changes; });
  long stale = 0;  // a subscriber of the store reads the selector: never behind
  auto view = store.subscribe([&](shop const& st) { stale += count.get() != st.count; });
  add(2);
  poke();
  add(3);
  BOOST_TEST(count.get() == 5);
  BOOST_TEST(runs == 4);  // at select, then once per fuse
  BOOST_TEST(changes == 2);
  BOOST_TEST(stale == 0);
  std::optional<nanoflux::selector<long>> outliving;
  {
    fusion::store<shop> gone{shop{7, 0}};
    outliving.emplace(nanoflux::select(gone, &shop::count));
  }
  BOOST_TEST(outliving->get() == 7);
}
