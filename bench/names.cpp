// Dispatch by name at run time: nanoflux's compile-time sorted name table against the
// JavaScript original's way, a std::unordered_map<std::string, std::function> from
// action name to handler. Same 16 actions, same store, same random name sequence.
#include <nanoflux/names.hpp>

#include <benchmark/benchmark.h>

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

std::vector<std::string> const& name_sequence() {
  static std::vector<std::string> const names = [] {
    constexpr auto known = decltype(nanoflux::make_dispatcher<all_actions>(std::declval<sink&>()))::action_names();
    std::mt19937 rng(7);
    std::vector<std::string> out;
    for (int i = 0; i < 4096; ++i) out.emplace_back(known[rng() % known.size()]);
    return out;
  }();
  return names;
}

void bm_nanoflux_dispatch_by_name(benchmark::State& state) {
  sink s;
  auto d = nanoflux::make_dispatcher<all_actions>(s);
  auto const& names = name_sequence();
  long failures = 0;
  for (auto _ : state)
    for (std::string const& n : names) failures += !d.dispatch_by_name(n, 1);
  benchmark::DoNotOptimize(s.total);
  if (failures) state.SkipWithError("a name was not found");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
}
BENCHMARK(bm_nanoflux_dispatch_by_name);

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
  auto const& names = name_sequence();
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
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
}
BENCHMARK(bm_unordered_map_of_functions);

// The lookup alone (name -> action), without the call: the part the table replaces.
void bm_nanoflux_lookup_only(benchmark::State& state) {
  auto const& names = name_sequence();
  constexpr auto const& table = nanoflux::detail::action_set_names<all_actions>::table;
  std::size_t sum = 0;
  for (auto _ : state)
    for (std::string const& n : names) sum += table.find(n);
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
}
BENCHMARK(bm_nanoflux_lookup_only);

void bm_unordered_map_lookup_only(benchmark::State& state) {
  sink s;
  std::unordered_map<std::string, std::function<void(int)>> handlers;
  register_all(handlers, s, all_actions{});
  auto const& names = name_sequence();
  std::size_t sum = 0;
  for (auto _ : state)
    for (std::string const& n : names) sum += handlers.find(n) != handlers.end();
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
}
BENCHMARK(bm_unordered_map_lookup_only);

}  // namespace

BENCHMARK_MAIN();
