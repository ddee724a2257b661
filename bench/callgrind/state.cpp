// Instruction counts of typed state (bench/callgrind/state.sh): every scenario twice,
// nanoflux and the code you would write by hand, each in its own noinline function
// (run_<scenario>_<variant>), which callgrind counts alone (--toggle-collect).
//   state <scenario> <variant> <ops> [items]      prints a checksum (equal for both variants)
// Scenarios:
//   todo       a realistic model (a vector of items with strings, a filter, a counter):
//              random add / toggle / set_filter / remove. hw: model = reducer(model, a);
//              on_change(model). nf: a dispatch into a state_store with one subscriber.
//   ints       the same with a model of three integers.
//   effects    ints, where every other update returns an effect (a call to a noinline
//              function). hw: model = reducer(model, a); on_change(model); effect().
//   consistent effects, through d.with_consistent_views() (nf); hw as for effects.
//   selectors  a model of 10 integers, each update changes one; 10 selectors with a
//              subscriber each. hw: 10 cached values compared after each update.
//   history    a state_store<.., history<64>> whose model holds `items` items in a
//              fusion::shared<std::vector<int>> and a counter: one step per op (nf);
//              hw: the same update without history (the reference).
//   undo       the same store: alternating undo and redo, per op.
//   fusion     the counter update through a fusion::store actor (nf) against a
//              state_store dispatch (hw) on the same model.
#include <nanoflux/detail/fusion_shared.hpp>
#include <nanoflux/fusion.hpp>
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

long checksum = 0;

// ---------------------------------------------------------------------------------
// todo
enum class filter { all, active, completed };
struct todo {
  int id;
  std::string text;
  bool done = false;
  bool operator==(todo const&) const = default;
};
struct todo_model {
  std::vector<todo> items;
  filter shown = filter::all;
  int next_id = 1;
  bool operator==(todo_model const&) const = default;
};
struct add_todo {
  std::string_view text;
};
struct toggle_todo {
  int id;
};
struct set_filter {
  filter value;
};
struct remove_todo {
  int id;
};
struct todo_reducer {
  todo_model operator()(todo_model const& m, add_todo const& a) const {
    todo_model next = m;
    next.items.push_back({next.next_id++, std::string(a.text)});
    return next;
  }
  todo_model operator()(todo_model const& m, toggle_todo const& a) const {
    todo_model next = m;
    for (todo& t : next.items)
      if (t.id == a.id) t.done = !t.done;
    return next;
  }
  todo_model operator()(todo_model const& m, set_filter const& a) const {
    todo_model next = m;
    next.shown = a.value;
    return next;
  }
  todo_model operator()(todo_model const& m, remove_todo const& a) const {
    todo_model next = m;
    std::erase_if(next.items, [&](todo const& t) { return t.id == a.id; });
    return next;
  }
};
[[gnu::noinline]] void on_todos(todo_model const& m) { checksum += static_cast<long>(m.items.size()) + m.next_id; }

struct op {
  int kind;
  int value;
};
constexpr std::string_view texts[] = {"buy milk", "write the quarterly report for the board", "call mom",
                                      "review pull request 1234 on the parser", "water plants",
                                      "book flights to the conference in Lisbon"};

template <class Apply>
NANOFLUX_INLINE void play_todo(std::vector<op> const& ops, Apply apply) {
  for (op const& o : ops) {
    switch (o.kind) {
      case 0: apply(add_todo{texts[o.value % 6]}); break;
      case 1: apply(toggle_todo{o.value}); break;
      case 2: apply(set_filter{static_cast<filter>(o.value % 3)}); break;
      default: apply(remove_todo{o.value}); break;
    }
  }
}

long digest(todo_model const& m) {
  long d = m.next_id * 7 + static_cast<long>(m.shown);
  for (todo const& t : m.items) d = d * 31 + t.id * 2 + t.done + static_cast<long>(t.text.size());
  return d;
}

// The subscriber is not called for an update that changes nothing in nf (a toggle or a
// remove of an id no longer there, the filter set to its value): compare the models.
[[gnu::noinline]] long run_todo_hw(std::vector<op> const& ops) {
  todo_model model;
  todo_reducer const reducer;
  play_todo(ops, [&](auto const& a) {
    model = reducer(model, a);
    on_todos(model);
  });
  return digest(model);
}
[[gnu::noinline]] long run_todo_nf(std::vector<op> const& ops) {
  nanoflux::state_store store{todo_model{}, todo_reducer{}};
  nanoflux::dispatcher d{store};
  auto s = store.subscribe([](todo_model const& m) { on_todos(m); });
  play_todo(ops, [&](auto const& a) { d(a); });
  return digest(store.get());
}

// ---------------------------------------------------------------------------------
// ints
struct ints {
  int a = 0;
  int b = 0;
  long total = 0;
  bool operator==(ints const&) const = default;
};
struct inc_a {
  int by;
};
struct inc_b {
  int by;
};
struct ints_reducer {
  ints operator()(ints const& m, inc_a x) const { return {m.a + x.by, m.b, m.total + x.by}; }
  ints operator()(ints const& m, inc_b x) const { return {m.a, m.b + x.by, m.total + x.by}; }
};
[[gnu::noinline]] void on_ints(ints const& m) { checksum += m.total; }

[[gnu::noinline]] void run_ints_hw(std::vector<op> const& ops) {
  ints model;
  ints_reducer const reducer;
  for (op const& o : ops) {
    if (o.kind & 1)
      model = reducer(model, inc_a{o.value + 1});
    else
      model = reducer(model, inc_b{o.value + 1});
    on_ints(model);
  }
}
[[gnu::noinline]] void run_ints_nf(std::vector<op> const& ops) {
  nanoflux::state_store store{ints{}, ints_reducer{}};
  nanoflux::dispatcher d{store};
  auto s = store.subscribe([](ints const& m) { on_ints(m); });
  for (op const& o : ops) {
    if (o.kind & 1)
      d(inc_a{o.value + 1});
    else
      d(inc_b{o.value + 1});
  }
}

// ---------------------------------------------------------------------------------
// effects, and the same under consistent views
long effects_run = 0;
[[gnu::noinline]] void on_effect() { ++effects_run; }
struct effects_reducer {
  ints operator()(ints const& m, inc_a x) const { return {m.a + x.by, m.b, m.total + x.by}; }
  auto operator()(ints const& m, inc_b x) const {
    return nanoflux::with_effects(ints{m.a, m.b + x.by, m.total + x.by}, [] { on_effect(); });
  }
};
[[gnu::noinline]] void run_effects_hw(std::vector<op> const& ops) {
  ints model;
  ints_reducer const reducer;
  for (op const& o : ops) {
    if (o.kind & 1) {
      model = reducer(model, inc_a{o.value + 1});
      on_ints(model);
    } else {
      model = reducer(model, inc_b{o.value + 1});
      on_ints(model);
      on_effect();
    }
  }
  checksum += effects_run;
}
template <class D>
void play_effects(std::vector<op> const& ops, D& d) {
  for (op const& o : ops) {
    if (o.kind & 1)
      d(inc_a{o.value + 1});
    else
      d(inc_b{o.value + 1});
  }
  checksum += effects_run;
}
[[gnu::noinline]] void run_effects_nf(std::vector<op> const& ops) {
  nanoflux::state_store store{ints{}, effects_reducer{}};
  nanoflux::dispatcher d{store};
  auto s = store.subscribe([](ints const& m) { on_ints(m); });
  play_effects(ops, d);
}
[[gnu::noinline]] void run_consistent_nf(std::vector<op> const& ops) {
  nanoflux::state_store store{ints{}, effects_reducer{}};
  auto d = nanoflux::make_dispatcher(store).with_consistent_views();
  auto s = store.subscribe([](ints const& m) { on_ints(m); });
  play_effects(ops, d);
}

// ---------------------------------------------------------------------------------
// selectors: 10 fields, one changes per update
struct fields {
  int f[10] = {};
  bool operator==(fields const&) const = default;
};
struct bump_field {
  int k;
};
struct fields_reducer {
  fields operator()(fields const& m, bump_field b) const {
    fields next = m;
    ++next.f[b.k];
    return next;
  }
};
[[gnu::noinline]] void on_field(int k, int v) { checksum += k * 1000 + v; }

[[gnu::noinline]] void run_selectors_hw(std::vector<op> const& ops) {
  fields model;
  fields_reducer const reducer;
  int cache[10] = {};
  for (op const& o : ops) {
    model = reducer(model, bump_field{o.value % 10});
    for (int k = 0; k < 10; ++k)
      if (model.f[k] != cache[k]) {
        cache[k] = model.f[k];
        on_field(k, cache[k]);
      }
  }
}
template <int K>
struct field_k {
  int operator()(fields const& m) const { return m.f[K]; }
};
template <int K>
struct field_subscriber {
  void operator()(int v) const { on_field(K, v); }
};
template <int... K>
[[gnu::always_inline]] inline void with_selectors(std::integer_sequence<int, K...>, std::vector<op> const& ops) {
  nanoflux::state_store store{fields{}, fields_reducer{}};
  nanoflux::dispatcher d{store};
  nanoflux::selector<int> sel[] = {nanoflux::select(store, field_k<K>{})...};
  nanoflux::subscription subs[] = {sel[K].subscribe(field_subscriber<K>{})...};
  for (op const& o : ops) d(bump_field{o.value % 10});
}
[[gnu::noinline]] void run_selectors_nf(std::vector<op> const& ops) {
  with_selectors(std::make_integer_sequence<int, 10>{}, ops);
}

// ---------------------------------------------------------------------------------
// history: a large shared slice and a counter
struct big_model {
  nanoflux::fusion::shared<std::vector<int>> items;
  long counter = 0;
};
// No ==: the shared vector would be compared element by element when equal by pointer
// only; the model changes on every update anyway.
struct inc {
  long by;
};
struct big_reducer {
  big_model operator()(big_model const& m, inc x) const { return {m.items, m.counter + x.by}; }
};
[[gnu::noinline]] void on_big(big_model const& m) { checksum += m.counter; }

std::size_t items = 1000;

extern "C" [[gnu::noinline]] void count_history_hw(std::vector<op> const& ops, nanoflux::state_store<big_model, big_reducer>& store) {
  nanoflux::dispatcher d{store};
  for (op const& o : ops) d(inc{o.value + 1});
}
extern "C" [[gnu::noinline]] void count_fusion_hw(std::vector<op> const& ops, nanoflux::state_store<big_model, big_reducer>& store) {
  count_history_hw(ops, store);
}
using history_store = nanoflux::state_store<big_model, big_reducer, nanoflux::history<64>>;
extern "C" [[gnu::noinline]] void count_history_nf(std::vector<op> const& ops, history_store& store) {
  nanoflux::dispatcher d{store};
  for (op const& o : ops) d(inc{o.value + 1});
}
extern "C" [[gnu::noinline]] void count_undo_nf(std::vector<op> const& ops, history_store& store) {
  nanoflux::dispatcher d{store};
  for (op const& o : ops) {
    if (o.kind & 1)
      d(nanoflux::undo{});
    else
      d(nanoflux::redo{});
  }
}

// fusion: the same counter update through an actor
extern "C" [[gnu::noinline]] void count_fusion_nf(std::vector<op> const& ops, std::function<void(long)> const& inc_actor) {
  for (op const& o : ops) inc_actor(o.value + 1);
}

}  // namespace

// What callgrind counts: one extern "C" entry per scenario and variant (a plain name, so
// that --toggle-collect matches it exactly and none of the lambdas inside it).
#define NANOFLUX_BENCH_ENTRY(name, call) \
  extern "C" [[gnu::noinline]] void name(std::vector<op> const& ops) { call; }
NANOFLUX_BENCH_ENTRY(count_todo_hw, checksum = run_todo_hw(ops))
NANOFLUX_BENCH_ENTRY(count_todo_nf, checksum = run_todo_nf(ops))
NANOFLUX_BENCH_ENTRY(count_ints_hw, run_ints_hw(ops))
NANOFLUX_BENCH_ENTRY(count_ints_nf, run_ints_nf(ops))
NANOFLUX_BENCH_ENTRY(count_effects_hw, run_effects_hw(ops))
NANOFLUX_BENCH_ENTRY(count_effects_nf, run_effects_nf(ops))
NANOFLUX_BENCH_ENTRY(count_consistent_hw, run_effects_hw(ops))
NANOFLUX_BENCH_ENTRY(count_consistent_nf, run_consistent_nf(ops))
NANOFLUX_BENCH_ENTRY(count_selectors_hw, run_selectors_hw(ops))
NANOFLUX_BENCH_ENTRY(count_selectors_nf, run_selectors_nf(ops))

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: state <todo|ints|effects|consistent|selectors|history|undo|fusion> <hw|nf> <ops> [items]\n");
    return 2;
  }
  std::string_view const scenario = argv[1], variant = argv[2];
  std::size_t const n = static_cast<std::size_t>(std::atol(argv[3]));
  if (argc > 4) items = static_cast<std::size_t>(std::atol(argv[4]));
  std::mt19937 rng(7);
  std::vector<op> ops(n);
  // todo: about 30% adds, 40% toggles, 15% filters, 15% removes, of live ids mostly (a
  // few of ids already removed); the list stays between 20 and 60 items.
  std::vector<int> live;
  int next_id = 1;
  for (op& o : ops) {
    int const r = static_cast<int>(rng() % 100);
    o.kind = r < 30 ? 0 : r < 70 ? 1 : r < 85 ? 2 : 3;
    if (live.size() < 20) o.kind = 0;
    if (live.size() >= 60 && o.kind == 0) o.kind = 3;
    if (o.kind == 0) {
      o.value = static_cast<int>(rng() % 6);
      live.push_back(next_id++);
    } else if (o.kind == 2) {
      o.value = static_cast<int>(rng() % 3);
    } else {
      std::size_t const i = rng() % live.size();
      o.value = rng() % 20 == 0 ? next_id + 5 : live[i];  // 5%: an id that is not there
      if (o.kind == 3 && o.value == live[i]) live.erase(live.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  bool const hw = variant == "hw";
  if (scenario == "todo") {
    hw ? count_todo_hw(ops) : count_todo_nf(ops);
  } else if (scenario == "ints") {
    hw ? count_ints_hw(ops) : count_ints_nf(ops);
  } else if (scenario == "effects") {
    hw ? count_effects_hw(ops) : count_effects_nf(ops);
  } else if (scenario == "consistent") {
    hw ? count_consistent_hw(ops) : count_consistent_nf(ops);
  } else if (scenario == "selectors") {
    hw ? count_selectors_hw(ops) : count_selectors_nf(ops);
  } else if (scenario == "history" || scenario == "undo") {
    big_model const initial{std::vector<int>(items, 1), 0};
    if (hw) {
      nanoflux::state_store<big_model, big_reducer> store{initial};
      auto s = store.subscribe([](big_model const& m) { on_big(m); });
      count_history_hw(ops, store);
    } else {
      history_store store{initial};
      auto s = store.subscribe([](big_model const& m) { on_big(m); });
      std::vector<op> const warm(100, op{0, 0});
      {
        nanoflux::dispatcher d{store};
        for (op const& o : warm) d(inc{o.value + 1});  // the ring full: steady state
      }
      if (scenario == "history")
        count_history_nf(ops, store);
      else
        count_undo_nf(ops, store);
    }
  } else if (scenario == "fusion") {
    big_model const initial{std::vector<int>(items, 1), 0};
    if (hw) {
      nanoflux::state_store<big_model, big_reducer> store{initial};
      auto s = store.subscribe([](big_model const& m) { on_big(m); });
      count_fusion_hw(ops, store);
    } else {
      nanoflux::fusion::store<big_model> store{initial};
      auto s = store.subscribe([](big_model const& m) { on_big(m); });
      auto actor = store.fusionator("counter", &big_model::counter).actor("inc", [](long const& c, long by) {
        return c + by;
      });
      count_fusion_nf(ops, actor);
    }
  } else {
    std::fprintf(stderr, "unknown scenario\n");
    return 2;
  }
  std::printf("%ld\n", checksum);
}
