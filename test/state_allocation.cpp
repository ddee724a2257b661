// A state_store without history allocates nothing per update (the model is replaced in
// place), also with selectors and effects; with history, one allocation per recorded
// update (the snapshot) and none for undo, redo and jump_to. Every global operator new
// is replaced by a counting one.
#define BOOST_TEST_MODULE state_allocation
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>

#include <vector>

#include "counting_new.hpp"

using counting_new::allocations;

namespace {

// A model of a few integers: the reducer itself allocates nothing, so whatever is
// counted is the store's.
struct counters {
  int a = 0;
  int b = 0;
  long total = 0;
  bool operator==(counters const&) const = default;
};
struct inc_a {};
struct inc_b {};
struct same {};
struct counters_reducer {
  long* effects_run;
  counters operator()(counters const& m, inc_a) const { return {m.a + 1, m.b, m.total + 1}; }
  counters operator()(counters const& m, same) const { return m; }
  auto operator()(counters const& m, inc_b) const {
    long* n = effects_run;
    return nanoflux::with_effects(counters{m.a, m.b + 1, m.total + 1}, [n] { ++*n; }, [n] { ++*n; });
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_counter_counts) {
  std::size_t const before = allocations;
  int* p = new int(1);
  delete p;
  BOOST_TEST(allocations == before + 1);
}

BOOST_AUTO_TEST_CASE(updates_without_history_do_not_allocate) {
  long effects_run = 0;
  nanoflux::state_store store{counters{}, counters_reducer{&effects_run}};
  nanoflux::dispatcher d{store};
  long seen = 0;
  auto s1 = store.subscribe([&](counters const& m) { seen += m.total; });
  auto a = nanoflux::select(store, &counters::a);
  auto b = nanoflux::select(store, [](counters const& m) { return m.b * 2; });
  auto a_and_b = nanoflux::select(a, [](int v) { return v + 1; });
  long selected = 0;
  auto s2 = a.subscribe([&](int v) { selected += v; });
  auto s3 = a_and_b.subscribe([&](int v) { selected += v; });

  std::size_t const before = allocations;
  for (int i = 0; i < 1000; ++i) {
    d(inc_a{});
    d(inc_b{});  // with two effects
    d(same{});   // unchanged
  }
  BOOST_TEST(allocations == before);
  BOOST_TEST(store.get().total == 2000);
  BOOST_TEST(effects_run == 2000);
  BOOST_TEST(b.get() == 2000);
  BOOST_TEST(seen > 0);
  BOOST_TEST(selected > 0);
}

BOOST_AUTO_TEST_CASE(consistent_views_defer_views_and_effects_without_allocating) {
  long effects_run = 0;
  nanoflux::state_store store{counters{}, counters_reducer{&effects_run}};
  nanoflux::state_store other{counters{}, counters_reducer{&effects_run}};
  auto d = nanoflux::make_dispatcher(store, other).with_consistent_views();
  long seen = 0;
  auto s1 = store.subscribe([&](counters const& m) { seen += m.total + other.get().total; });
  auto a = nanoflux::select(other, &counters::a);
  long selected = 0;
  auto s2 = a.subscribe([&](int v) { selected += v; });

  std::size_t const before = allocations;
  for (int i = 0; i < 1000; ++i) {
    d(inc_a{});
    d(inc_b{});  // with two effects per store, deferred
    d(same{});
  }
  BOOST_TEST(allocations == before);
  BOOST_TEST(effects_run == 4000);
  BOOST_TEST(a.get() == 1000);
  BOOST_TEST(seen > 0);
  BOOST_TEST(selected > 0);
}

BOOST_AUTO_TEST_CASE(history_allocates_one_snapshot_per_recorded_update_only) {
  long effects_run = 0;
  nanoflux::state_store<counters, counters_reducer, nanoflux::history<8>> store{counters{}, {&effects_run}};
  nanoflux::dispatcher d{store};
  auto s = store.subscribe([](counters const&) {});
  auto a = nanoflux::select(store, &counters::a);
  std::size_t const before = allocations;
  for (int i = 0; i < 100; ++i) d(inc_a{});
  BOOST_TEST(allocations == before + 100);  // the snapshots (make_shared: one each)
  d(same{});
  BOOST_TEST(allocations == before + 100);
  std::size_t const moved = allocations;
  for (int i = 0; i < 5; ++i) d(nanoflux::undo{});
  for (int i = 0; i < 3; ++i) d(nanoflux::redo{});
  BOOST_TEST(store.jump_to(0));
  BOOST_TEST(allocations == moved);
  BOOST_TEST(a.get() == 92);
}
