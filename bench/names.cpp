// Dispatch by name at run time: nanoflux's compile-time perfect hash against the
// JavaScript original's way, a std::unordered_map<std::string, std::function> from
// action name to handler. Same 16 actions, same store, same name sequences; and the
// lookup alone (name to action), without the call.
//   cmake --build build --target bench_names && build/bench/bench_names
#include <nanoflux/names.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

template <int I>
struct act {
  int value;
};
// Sixteen distinct, realistic names.
#define NF_ACTION(I, NAME) \
  struct NAME : act<I> {}
NF_ACTION(0, add_product);
NF_ACTION(1, remove_product);
NF_ACTION(2, load_products);
NF_ACTION(3, clear_cart);
NF_ACTION(4, add_to_cart);
NF_ACTION(5, remove_from_cart);
NF_ACTION(6, checkout);
NF_ACTION(7, apply_coupon);
NF_ACTION(8, set_filter);
NF_ACTION(9, sort_by_price);
NF_ACTION(10, login);
NF_ACTION(11, logout);
NF_ACTION(12, update_profile);
NF_ACTION(13, show_details);
NF_ACTION(14, hide_details);
NF_ACTION(15, refresh);
#undef NF_ACTION

struct sink {
  long total = 0;
  template <class A>
    requires std::is_base_of_v<act<0>, A> || requires(A a) { a.value; }
  void on(A const& a) {
    total += a.value;
  }
};

using all_actions = nanoflux::actions<add_product, remove_product, load_products, clear_cart, add_to_cart,
                                      remove_from_cart, checkout, apply_coupon, set_filter, sort_by_price, login, logout,
                                      update_profile, show_details, hide_details, refresh>;

// The name sequences dispatched: 4096 names of the set, drawn
//   0 "random":   uniformly at random (each dispatch's handler unpredictable: the
//                 mispredicted indirect call to it dominates both ways of dispatching),
//   1 "cycle":    the 16 names in turn (a pattern the branch predictor learns),
//   2 "bursts":   each name 256 times in a row, the 16 names in turn (bursts of one
//                 action, as a text field's keystrokes give).
enum sequence_kind { random_names = 0, cycling_names = 1, bursts = 2 };
std::vector<std::string> const& name_sequence(int kind) {
  static std::array<std::vector<std::string>, 3> const sequences = [] {
    constexpr auto known = decltype(nanoflux::make_dispatcher<all_actions>(std::declval<sink&>()))::action_names();
    std::mt19937 rng(7);
    std::vector<std::string> out[3];
    for (std::size_t i = 0; i < 4096; ++i) {
      out[random_names].emplace_back(known[rng() % known.size()]);
      out[cycling_names].emplace_back(known[i % known.size()]);
      out[bursts].emplace_back(known[i / 256 % known.size()]);
    }
    return std::array<std::vector<std::string>, 3>{out[0], out[1], out[2]};
  }();
  return sequences[kind];
}
void name_the_sequence(benchmark::State& state) {
  static char const* const labels[] = {"random", "cycle", "bursts"};
  state.SetLabel(labels[state.range(0)]);
}

void bm_nanoflux_dispatch_by_name(benchmark::State& state) {
  sink s;
  auto d = nanoflux::make_dispatcher<all_actions>(s);
  auto const& names = name_sequence(static_cast<int>(state.range(0)));
  long failures = 0;
  for (auto _ : state)
    for (std::string const& n : names) failures += !d.dispatch_by_name(n, 1);
  benchmark::DoNotOptimize(s.total);
  if (failures) state.SkipWithError("a name was not found");
  if (s.total != static_cast<long>(state.iterations() * names.size())) state.SkipWithError("a dispatch was lost");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
  name_the_sequence(state);
}
BENCHMARK(bm_nanoflux_dispatch_by_name)->Arg(random_names)->Arg(cycling_names)->Arg(bursts);

template <class A>
void register_handler(std::unordered_map<std::string, std::function<void(int)>>& m, sink& s) {
  m.emplace(std::string(nanoflux::action_name_v<A>), [&s](int v) { s.on(A{{v}}); });
}
template <class... A>
void register_all(std::unordered_map<std::string, std::function<void(int)>>& m, sink& s, nanoflux::actions<A...>) {
  (register_handler<A>(m, s), ...);
}

void bm_unordered_map_of_functions(benchmark::State& state) {
  sink s;
  std::unordered_map<std::string, std::function<void(int)>> handlers;
  register_all(handlers, s, all_actions{});
  auto const& names = name_sequence(static_cast<int>(state.range(0)));
  long failures = 0;
  for (auto _ : state)
    for (std::string const& n : names) {
      auto it = handlers.find(n);
      if (it == handlers.end())
        ++failures;
      else
        it->second(1);
    }
  benchmark::DoNotOptimize(s.total);
  if (failures) state.SkipWithError("a name was not found");
  if (s.total != static_cast<long>(state.iterations() * names.size())) state.SkipWithError("a dispatch was lost");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
  name_the_sequence(state);
}
BENCHMARK(bm_unordered_map_of_functions)->Arg(random_names)->Arg(cycling_names)->Arg(bursts);

// The lookup alone (name -> action), without the call: the index in the name table
// (what dispatch_json uses) against unordered_map::find.
void bm_nanoflux_lookup_only(benchmark::State& state) {
  constexpr auto const& table = nanoflux::detail::action_set_names<all_actions>::table;
  auto const& names = name_sequence(static_cast<int>(state.range(0)));
  std::size_t sum = 0;
  for (auto _ : state)
    for (std::string const& n : names) sum += table.find(n);
  benchmark::DoNotOptimize(sum);
  for (std::string const& n : names)
    if (table.find(n) == table.names.size()) state.SkipWithError("a name was not found");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
  name_the_sequence(state);
}
BENCHMARK(bm_nanoflux_lookup_only)->Arg(random_names)->Arg(cycling_names)->Arg(bursts);

void bm_unordered_map_lookup_only(benchmark::State& state) {
  sink s;
  std::unordered_map<std::string, std::function<void(int)>> handlers;
  register_all(handlers, s, all_actions{});
  auto const& names = name_sequence(static_cast<int>(state.range(0)));
  std::size_t sum = 0;
  for (auto _ : state)
    for (std::string const& n : names) sum += handlers.find(n) != handlers.end();
  benchmark::DoNotOptimize(sum);
  if (sum != state.iterations() * names.size()) state.SkipWithError("a name was not found");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
  name_the_sequence(state);
}
BENCHMARK(bm_unordered_map_lookup_only)->Arg(random_names)->Arg(cycling_names)->Arg(bursts);

}  // namespace

BENCHMARK_MAIN();
