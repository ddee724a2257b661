// Model-based test of state_store history: random updates (changing, unchanged,
// throwing), undo, redo and jumps (in and out of range), on a store with history<16>
// and a selector, checked step by step against a plain reference: a vector of models
// and an index. Also checks the notifications (only when the model changed), the
// selector's value and its recomputations, and that held snapshots never change.
// model_state_consistent: the same through d.with_consistent_views().
#define BOOST_TEST_MODULE model_state
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>

#include <deque>
#include <memory>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

constexpr std::size_t steps_per_seed = 100'000;
constexpr std::size_t depth = 16;

struct model {
  std::vector<int> list;
  long a = 0;
  bool operator==(model const&) const = default;
};

struct push {
  int v;
};
struct pop {};
struct set_a {
  long a;
};
struct fail {
  int where;
};
struct rejected : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct reducer {
  model operator()(model const& m, push p) const {
    model next = m;
    next.list.push_back(p.v);
    return next;
  }
  model operator()(model const& m, pop) const {
    model next = m;
    if (!next.list.empty()) next.list.pop_back();
    return next;  // unchanged when empty
  }
  model operator()(model const& m, set_a s) const { return {m.list, s.a}; }
  model operator()(model const& m, fail f) const {
    if (f.where >= 0) throw rejected("rejected");
    return m;
  }
};

// The reference: every kept model by value, and the current index.
struct reference {
  std::vector<model> kept{model{}};
  std::size_t index = 0;
  model const& current() const { return kept[index]; }
  bool record(model next) {  // true when it notifies
    if (next == current()) return false;
    kept.resize(index + 1);
    kept.push_back(std::move(next));
    if (kept.size() > depth + 1) kept.erase(kept.begin());
    index = kept.size() - 1;
    return true;
  }
  bool move_to(std::size_t k) {
    if (k == index) return false;
    bool const changed = !(kept[k] == kept[index]);
    index = k;
    return changed;
  }
};

void run(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  nanoflux::state_store<model, reducer, nanoflux::history<depth>> store{model{}};
#ifdef NANOFLUX_TEST_CONSISTENT_VIEWS
  // The views deferred to the end of each dispatch: the same observations.
  auto d = nanoflux::make_dispatcher(store).with_consistent_views();
#else
  auto d = nanoflux::make_dispatcher(store);
#endif
  reference ref;
  long notified = 0, expected_notified = 0;
  auto sub = store.subscribe([&](model const& m) {
    ++notified;
    if (!(m == ref.current())) throw std::logic_error("subscriber saw another model");
  });
  long projections = 0, expected_projections = 1;
  auto size = nanoflux::select(store, [&](model const& m) {
    ++projections;
    return m.list.size();
  });
  std::deque<std::pair<std::shared_ptr<model const>, model>> held;  // snapshot, its value then

  for (std::size_t step = 0; step < steps_per_seed; ++step) {
    int const op = pick(100);
    if (op < 35) {
      int const v = pick(5);
      model next = ref.current();
      next.list.push_back(v);
      bool const n = ref.record(next);  // before dispatch: the subscriber checks against it
      expected_notified += n;
      expected_projections += n;
      d(push{v});
    } else if (op < 45) {
      model next = ref.current();
      if (!next.list.empty()) next.list.pop_back();
      bool const n = ref.record(next);
      expected_notified += n;
      expected_projections += n;
      d(pop{});
    } else if (op < 55) {
      long const a = pick(3);
      bool const n = ref.record(model{ref.current().list, a});
      expected_notified += n;
      expected_projections += n;
      d(set_a{a});
    } else if (op < 62) {
      int const where = pick(2) == 0 ? -1 : 1;
      if (where >= 0) {
        BOOST_CHECK_THROW(d(fail{where}), rejected);
      } else {
        d(fail{where});  // unchanged model: nothing recorded, nobody notified
      }
    } else if (op < 77) {
      if (ref.index > 0) {
        bool const n = ref.move_to(ref.index - 1);
        expected_notified += n;
        expected_projections += n;
      }
      d(nanoflux::undo{});
    } else if (op < 90) {
      if (ref.index + 1 < ref.kept.size()) {
        bool const n = ref.move_to(ref.index + 1);
        expected_notified += n;
        expected_projections += n;
      }
      d(nanoflux::redo{});
    } else if (op < 97) {
      std::size_t const k = static_cast<std::size_t>(pick(static_cast<int>(depth) + 3));
      bool const in_range = k < ref.kept.size();
      if (in_range) {
        bool const n = ref.move_to(k);
        expected_notified += n;
        expected_projections += n;
      }
      BOOST_REQUIRE(store.jump_to(k) == in_range);
    } else {
      held.emplace_back(store.snapshot(), store.get());
      if (held.size() > 8) held.pop_front();
    }
    // The store against the reference, every step.
    BOOST_REQUIRE(store.get() == ref.current());
    BOOST_REQUIRE_EQUAL(store.history_size(), ref.kept.size());
    BOOST_REQUIRE_EQUAL(store.history_index(), ref.index);
    BOOST_REQUIRE_EQUAL(store.can_undo(), ref.index > 0);
    BOOST_REQUIRE_EQUAL(store.can_redo(), ref.index + 1 < ref.kept.size());
    BOOST_REQUIRE_EQUAL(notified, expected_notified);
    BOOST_REQUIRE_EQUAL(size.get(), ref.current().list.size());
    BOOST_REQUIRE_EQUAL(projections, expected_projections);
    if (step % 97 == 0)
      for (auto const& [snapshot, value] : held) BOOST_REQUIRE(*snapshot == value);
  }
  for (auto const& [snapshot, value] : held) BOOST_REQUIRE(*snapshot == value);
  // Every kept model, by jumping to it.
  for (std::size_t k = 0; k < ref.kept.size(); ++k) {
    ref.move_to(k);
    BOOST_REQUIRE(store.jump_to(k));
    BOOST_REQUIRE(store.get() == ref.kept[k]);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(seed_1) { run(1); }
BOOST_AUTO_TEST_CASE(seed_2) { run(2); }
BOOST_AUTO_TEST_CASE(seed_3) { run(3); }
