// The cost of one fuse of a small slice, in a state that also holds a large slice of N
// items: as a plain std::vector member (copied on every fuse) and as a
// fusion::shared<std::vector> member (carried over by pointer). The second must not
// depend on N — also with a middleware (which receives and returns whole states) and
// with an executor (the fuse queued to the store's strand and run by the io_context).
#include <nanoflux/fusion.hpp>

#include <benchmark/benchmark.h>

#include <boost/asio/io_context.hpp>

#include <string_view>
#include <vector>

namespace fusion = nanoflux::fusion;

namespace {

struct plain_state {
  std::vector<int> items;
  long counter = 0;
};
struct shared_state {
  fusion::shared<std::vector<int>> items;
  long counter = 0;
};

template <class State>
void check(benchmark::State& state, fusion::store<State> const& store, long notified) {
  benchmark::DoNotOptimize(notified);
  if (store.state()->counter != static_cast<long>(state.iterations()) || notified != store.state()->counter)
    state.SkipWithError("lost a fuse");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

template <class State>
void bm_fuse_small_slice(benchmark::State& state) {
  auto const n = static_cast<std::size_t>(state.range(0));
  fusion::store<State> store{State{std::vector<int>(n, 1), 0}};
  auto inc = store.fusionator("counter", &State::counter).actor("inc", [](long const& c, long by) { return c + by; });
  long notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  for (auto _ : state) inc(1);
  check(state, store, notified);
}

template <class State>
void bm_fuse_small_slice_with_middleware(benchmark::State& state) {
  auto const n = static_cast<std::size_t>(state.range(0));
  fusion::store<State> store{State{std::vector<int>(n, 1), 0}};
  auto inc = store.fusionator("counter", &State::counter).actor("inc", [](long const& c, long by) { return c + by; });
  long seen = 0;
  store.use([&](State const& proposed, State const&, std::string_view) {
    ++seen;
    return proposed;  // a logger: returns the proposed state unchanged (a copy)
  });
  long notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  for (auto _ : state) inc(1);
  benchmark::DoNotOptimize(seen);
  check(state, store, notified);
}

// 1000 actor calls queued from outside the executor, then io_context::run(): per fuse.
template <class State>
void bm_fuse_on_executor(benchmark::State& state) {
  auto const n = static_cast<std::size_t>(state.range(0));
  boost::asio::io_context io;
  fusion::store<State> store{State{std::vector<int>(n, 1), 0}, io.get_executor()};
  auto inc = store.fusionator("counter", &State::counter).actor("inc", [](long const& c, long by) { return c + by; });
  long notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  constexpr int batch = 1000;
  for (auto _ : state) {
    for (int i = 0; i < batch; ++i) inc(1);
    io.restart();
    io.run();
  }
  benchmark::DoNotOptimize(notified);
  if (store.state()->counter != static_cast<long>(state.iterations()) * batch) state.SkipWithError("lost a fuse");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * batch);
}

BENCHMARK_TEMPLATE(bm_fuse_small_slice, plain_state)->Arg(1'000)->Arg(10'000)->Arg(100'000);
BENCHMARK_TEMPLATE(bm_fuse_small_slice, shared_state)->Arg(1'000)->Arg(10'000)->Arg(100'000);
BENCHMARK_TEMPLATE(bm_fuse_small_slice_with_middleware, plain_state)->Arg(1'000)->Arg(100'000);
BENCHMARK_TEMPLATE(bm_fuse_small_slice_with_middleware, shared_state)->Arg(1'000)->Arg(100'000);
BENCHMARK_TEMPLATE(bm_fuse_on_executor, shared_state)->Arg(1'000)->Arg(100'000);

}  // namespace

BENCHMARK_MAIN();
