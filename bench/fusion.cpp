// The cost of one fuse of a small slice, in a state that also holds a large slice of N
// items: as a plain std::vector member (copied on every fuse) and as a
// fusion::shared<std::vector> member (carried over by pointer). The second must not
// depend on N.
#include <nanoflux/fusion.hpp>

#include <benchmark/benchmark.h>

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
void bm_fuse_small_slice(benchmark::State& state) {
  auto const n = static_cast<std::size_t>(state.range(0));
  fusion::store<State> store{State{std::vector<int>(n, 1), 0}};
  auto inc = store.fusionator("counter", &State::counter).actor("inc", [](long const& c, long by) { return c + by; });
  long notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  for (auto _ : state) inc(1);
  benchmark::DoNotOptimize(notified);
  if (store.state()->counter != static_cast<long>(state.iterations())) state.SkipWithError("lost a fuse");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

BENCHMARK_TEMPLATE(bm_fuse_small_slice, plain_state)->Arg(1'000)->Arg(10'000)->Arg(100'000);
BENCHMARK_TEMPLATE(bm_fuse_small_slice, shared_state)->Arg(1'000)->Arg(10'000)->Arg(100'000);

}  // namespace

BENCHMARK_MAIN();
