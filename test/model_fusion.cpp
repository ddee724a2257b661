// Model-based test of Fusion: random actor calls (slice and whole-state actors, some
// throwing), a middleware that rewrites or rejects states, and snapshots held across
// fuses, checked step by step against a plain reference model: the current state, the
// number of notifications, and that every held snapshot is unchanged.
#define BOOST_TEST_MODULE model_fusion
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion.hpp>

#include <deque>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace fusion = nanoflux::fusion;

namespace {

constexpr std::size_t steps_per_seed = 100'000;
constexpr std::size_t held_snapshots = 16;

struct state {
  long a = 0;
  fusion::shared<std::vector<int>> list;
  std::string s;
  long revision = 0;
};
struct plain {  // the model's copy: the same values, no sharing
  long a = 0;
  std::vector<int> list;
  std::string s;
  long revision = 0;
  bool operator==(plain const&) const = default;
};
plain copy_of(state const& x) { return {x.a, *x.list, x.s, x.revision}; }

struct rejected : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The rules, shared by the store's actors and the model.
long next_a(long a, int v) {
  if (v % 13 == 0) throw rejected("actor");
  return (a * 7 + v) % 1'000'003;
}
std::vector<int> next_list(std::vector<int> l, int v) {
  if (v % 3 == 0 && !l.empty())
    l.pop_back();
  else if (l.size() < 64)
    l.push_back(v);
  return l;
}
std::string next_s(std::string const& s, int v) { return v % 5 == 0 ? std::string() : s + char('a' + v % 26); }
bool middleware_rejects(long proposed_a) { return proposed_a % 101 == 0 && proposed_a != 0; }

std::size_t run_seed(unsigned seed) {
  fusion::store<state> store{state{}};
  long notifications = 0;
  auto sub = store.subscribe([&] { ++notifications; });
  store.use([](state const& proposed, state const& current, std::string_view) {
    if (middleware_rejects(proposed.a)) throw rejected("middleware");
    state next = proposed;
    next.revision = current.revision + 1;
    return next;
  });
  auto set_a = store.fusionator("a", &state::a).actor("setA", [](long const& a, int v) { return next_a(a, v); });
  auto edit_list = store.fusionator("list", &state::list).actor("edit", [](std::vector<int> const& l, int v) {
    return next_list(l, v);
  });
  auto append_s = store.fusionator("s", &state::s).actor("append", [](std::string const& s, int v) { return next_s(s, v); });
  auto reset_all = store.fusionator("all").actor("reset", [](state const& x, int v) {
    state next = x;
    next.a = v;
    next.s.clear();
    return next;
  });

  plain model;
  long model_notifications = 0;
  std::deque<std::pair<std::shared_ptr<state const>, plain>> held;
  std::mt19937 rng(seed);
  std::size_t fuses = 0;

  for (std::size_t step = 0; step < steps_per_seed; ++step) {
    int const op = static_cast<int>(rng() % 4);
    int const v = static_cast<int>(rng() % 1000);
    // The model: compute the proposed state; a throw (actor or middleware) changes nothing.
    plain proposed = model;
    bool ok = true;
    try {
      switch (op) {
        case 0: proposed.a = next_a(model.a, v); break;
        case 1: proposed.list = next_list(model.list, v); break;
        case 2: proposed.s = next_s(model.s, v); break;
        case 3:
          proposed.a = v;
          proposed.s.clear();
          break;
      }
      if (middleware_rejects(proposed.a)) throw rejected("middleware");
    } catch (rejected const&) {
      ok = false;
    }
    if (ok) {
      proposed.revision = model.revision + 1;
      model = proposed;
      ++model_notifications;
      ++fuses;
    }
    // The store.
    bool store_ok = true;
    try {
      switch (op) {
        case 0: set_a(v); break;
        case 1: edit_list(v); break;
        case 2: append_s(v); break;
        case 3: reset_all(v); break;
      }
    } catch (rejected const&) {
      store_ok = false;
    }
    std::shared_ptr<state const> const now = store.state();
    if (store_ok != ok || copy_of(*now) != model || notifications != model_notifications) {
      BOOST_ERROR("seed " << seed << ", step " << step << ": the store and the model differ");
      return fuses;
    }
    // Snapshots held across later fuses never change.
    held.emplace_back(now, model);
    if (held.size() > held_snapshots) held.pop_front();
    for (auto const& [snapshot, expected] : held)
      if (copy_of(*snapshot) != expected) {
        BOOST_ERROR("seed " << seed << ", step " << step << ": a held snapshot changed");
        return fuses;
      }
  }
  return fuses;
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_actor_calls_match_the_model) {
  for (unsigned seed : {1u, 2u, 3u}) {
    std::size_t const fuses = run_seed(seed);
    BOOST_TEST_MESSAGE("seed " << seed << ": " << steps_per_seed << " steps, " << fuses << " fuses");
    BOOST_TEST(fuses > steps_per_seed / 2);  // most steps fuse; some are rejected
    BOOST_TEST(fuses < steps_per_seed);
  }
}
