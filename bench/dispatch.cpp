// Run-time cost of one dispatch: nanoflux against hand-written calls and the usual
// peers, on the same random action sequence (bench/workload.hpp). Compare the ratios
// within one run: the machine may be shared.
#include "workload.hpp"

#include <nanoflux/nanoflux.hpp>

#include <benchmark/benchmark.h>
#include <boost/signals2/signal.hpp>
#include <sigc++/sigc++.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>

using namespace bench;

namespace {

void report(benchmark::State& state, stores const& s) {
  benchmark::DoNotOptimize(s.checksum());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * sequence().size()));
}

// The limit: the handlers called directly, by hand.
struct direct {
  stores& s;
  void operator()(inc const& a) const { s.a.on(a), s.b.on(a), s.d.on(a); }
  void operator()(dec const& a) const { s.a.on(a), s.c.on(a), s.d.on(a); }
  void operator()(scale const& a) const { s.b.on(a), s.d.on(a); }
  void operator()(clear a) const { s.c.on(a), s.d.on(a); }
};

void bm_direct(benchmark::State& state) {
  stores s;
  for (auto _ : state) run_sequence(sequence(), direct{s});
  report(state, s);
}
BENCHMARK(bm_direct);

// Hand-written with the guarantee nanoflux gives: a dispatch while dispatching throws.
struct direct_guarded {
  stores& s;
  bool& dispatching;
  template <class A>
  void operator()(A const& a) const {
    if (dispatching) throw std::logic_error("nested dispatch");
    dispatching = true;
    struct reset {
      bool& f;
      ~reset() { f = false; }
    } r{dispatching};
    direct{s}(a);
  }
};

void bm_direct_guarded(benchmark::State& state) {
  stores s;
  bool dispatching = false;
  for (auto _ : state) run_sequence(sequence(), direct_guarded{s, dispatching});
  report(state, s);
}
BENCHMARK(bm_direct_guarded);

void bm_nanoflux(benchmark::State& state) {
  stores s;
  nanoflux::dispatcher d{s.a, s.b, s.c, s.d};
  for (auto _ : state) run_sequence(sequence(), d);
  report(state, s);
}
BENCHMARK(bm_nanoflux);

void bm_nanoflux_middleware(benchmark::State& state) {
  stores s;
  auto d = nanoflux::make_dispatcher(s.a, s.b, s.c, s.d).with_middleware([](auto const& a, auto next) { next(a); });
  for (auto _ : state) run_sequence(sequence(), d);
  report(state, s);
}
BENCHMARK(bm_nanoflux_middleware);

// A classic observer interface: one virtual function per action, no-ops by default.
struct observer {
  virtual ~observer() = default;
  virtual void on(inc const&) {}
  virtual void on(dec const&) {}
  virtual void on(scale const&) {}
  virtual void on(clear) {}
};
template <class S>
struct observer_of : observer {
  S* s;
  explicit observer_of(S* store) : s(store) {}
  void on(inc const& a) override {
    if constexpr (nanoflux::handles<S, inc>) s->on(a);
  }
  void on(dec const& a) override {
    if constexpr (nanoflux::handles<S, dec>) s->on(a);
  }
  void on(scale const& a) override {
    if constexpr (nanoflux::handles<S, scale>) s->on(a);
  }
  void on(clear a) override {
    if constexpr (nanoflux::handles<S, clear>) s->on(a);
  }
};

void bm_virtual(benchmark::State& state) {
  stores s;
  observer_of<s0> o0(&s.a);
  observer_of<s1> o1(&s.b);
  observer_of<s2> o2(&s.c);
  observer_of<s3> o3(&s.d);
  std::vector<observer*> observers{&o0, &o1, &o2, &o3};
  benchmark::DoNotOptimize(observers.data());
  auto deliver = [&](auto const& a) {
    for (observer* o : observers) o->on(a);
  };
  for (auto _ : state) run_sequence(sequence(), deliver);
  report(state, s);
}
BENCHMARK(bm_virtual);

// std::variant + std::visit: the action sequence is a vector of variants.
using any_action = std::variant<inc, dec, scale, clear>;

void bm_variant_visit(benchmark::State& state) {
  stores s;
  std::vector<any_action> actions;
  run_sequence(sequence(), [&](auto const& a) { actions.emplace_back(a); });
  auto to_all = [&](auto const& a) {
    auto one = [&](auto& store) {
      if constexpr (nanoflux::handles<std::decay_t<decltype(store)>, std::decay_t<decltype(a)>>) store.on(a);
    };
    one(s.a), one(s.b), one(s.c), one(s.d);
  };
  for (auto _ : state)
    for (any_action const& a : actions) std::visit(to_all, a);
  report(state, s);
}
BENCHMARK(bm_variant_visit);

// How the JavaScript original works: handlers found by the action's name.
void bm_string_map(benchmark::State& state) {
  stores s;
  std::unordered_map<std::string, std::vector<std::function<void(int)>>> handlers;
  handlers["inc"] = {[&](int v) { s.a.on(inc{v}); }, [&](int v) { s.b.on(inc{v}); }, [&](int v) { s.d.on(inc{v}); }};
  handlers["dec"] = {[&](int v) { s.a.on(dec{v}); }, [&](int v) { s.c.on(dec{v}); }, [&](int v) { s.d.on(dec{v}); }};
  handlers["scale"] = {[&](int v) { s.b.on(scale{v}); }, [&](int v) { s.d.on(scale{v}); }};
  handlers["clear"] = {[&](int) { s.c.on(clear{}); }, [&](int) { s.d.on(clear{}); }};
  struct named {
    std::string name;
    int value;
  };
  std::vector<named> actions;
  for (step const& x : sequence()) {
    static char const* const names[] = {"inc", "dec", "scale", "clear"};
    actions.push_back({names[x.kind], x.value});
  }
  for (auto _ : state)
    for (named const& a : actions)
      for (auto const& f : handlers.find(a.name)->second) f(a.value);
  report(state, s);
}
BENCHMARK(bm_string_map);

void bm_boost_signals2(benchmark::State& state) {
  stores s;
  boost::signals2::signal<void(inc const&)> on_inc;
  boost::signals2::signal<void(dec const&)> on_dec;
  boost::signals2::signal<void(scale const&)> on_scale;
  boost::signals2::signal<void(clear)> on_clear;
  on_inc.connect([&](inc const& a) { s.a.on(a); });
  on_inc.connect([&](inc const& a) { s.b.on(a); });
  on_inc.connect([&](inc const& a) { s.d.on(a); });
  on_dec.connect([&](dec const& a) { s.a.on(a); });
  on_dec.connect([&](dec const& a) { s.c.on(a); });
  on_dec.connect([&](dec const& a) { s.d.on(a); });
  on_scale.connect([&](scale const& a) { s.b.on(a); });
  on_scale.connect([&](scale const& a) { s.d.on(a); });
  on_clear.connect([&](clear a) { s.c.on(a); });
  on_clear.connect([&](clear a) { s.d.on(a); });
  struct emit {
    decltype(on_inc)& i;
    decltype(on_dec)& d;
    decltype(on_scale)& sc;
    decltype(on_clear)& c;
    void operator()(inc const& a) const { i(a); }
    void operator()(dec const& a) const { d(a); }
    void operator()(scale const& a) const { sc(a); }
    void operator()(clear a) const { c(a); }
  };
  for (auto _ : state) run_sequence(sequence(), emit{on_inc, on_dec, on_scale, on_clear});
  report(state, s);
}
BENCHMARK(bm_boost_signals2);

void bm_libsigcxx(benchmark::State& state) {
  stores s;
  sigc::signal<void(inc const&)> on_inc;
  sigc::signal<void(dec const&)> on_dec;
  sigc::signal<void(scale const&)> on_scale;
  sigc::signal<void(clear)> on_clear;
  on_inc.connect([&](inc const& a) { s.a.on(a); });
  on_inc.connect([&](inc const& a) { s.b.on(a); });
  on_inc.connect([&](inc const& a) { s.d.on(a); });
  on_dec.connect([&](dec const& a) { s.a.on(a); });
  on_dec.connect([&](dec const& a) { s.c.on(a); });
  on_dec.connect([&](dec const& a) { s.d.on(a); });
  on_scale.connect([&](scale const& a) { s.b.on(a); });
  on_scale.connect([&](scale const& a) { s.d.on(a); });
  on_clear.connect([&](clear a) { s.c.on(a); });
  on_clear.connect([&](clear a) { s.d.on(a); });
  auto emit = [&](auto const& a) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, inc>) on_inc.emit(a);
    else if constexpr (std::is_same_v<std::decay_t<decltype(a)>, dec>) on_dec.emit(a);
    else if constexpr (std::is_same_v<std::decay_t<decltype(a)>, scale>) on_scale.emit(a);
    else on_clear.emit(a);
  };
  for (auto _ : state) run_sequence(sequence(), emit);
  report(state, s);
}
BENCHMARK(bm_libsigcxx);

// --- dispatch and notify: the store notifies its subscribers after each action ----------
struct observed : nanoflux::store<observed> {
  long value = 0;
  void on(inc const& a) {
    value += a.by;
    notify();
  }
  void on(dec const& a) {
    value -= a.by;
    notify();
  }
};

// The sequence's steps as inc (kind 0) or dec (the others), through `deliver`: the same
// loop for nanoflux and the hand-written list.
template <class Deliver>
void run_inc_dec(benchmark::State& state, Deliver deliver) {
  auto const& steps = sequence();
  for (auto _ : state)
    for (step const& s : steps) {
      if (s.kind == 0)
        deliver(inc{s.value});
      else
        deliver(dec{s.value});
    }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * steps.size()));
}

void bm_notify_nanoflux(benchmark::State& state) {
  observed store;
  long seen = 0;
  std::vector<nanoflux::subscription> subs;
  for (int i = 0; i < state.range(0); ++i) subs.push_back(store.subscribe([&](observed const& o) { seen += o.value; }));
  nanoflux::dispatcher d{store};
  run_inc_dec(state, [&](auto const& action) { d(action); });
  benchmark::DoNotOptimize(seen);
}
BENCHMARK(bm_notify_nanoflux)->Arg(1)->Arg(10);

// The same with store<S, fixed_subscribers<16>> (no heap), and either store dispatched
// through with_consistent_views() (every notify deferred to the end of the dispatch).
template <class Kind>
struct observed_as : nanoflux::store<observed_as<Kind>, Kind> {
  long value = 0;
  void on(inc const& a) {
    value += a.by;
    this->notify();
  }
  void on(dec const& a) {
    value -= a.by;
    this->notify();
  }
};
template <class Kind, bool Consistent>
void notify_nanoflux_as(benchmark::State& state) {
  observed_as<Kind> store;
  long seen = 0;
  std::vector<nanoflux::subscription> subs;
  for (int i = 0; i < state.range(0); ++i)
    subs.push_back(store.subscribe([&](observed_as<Kind> const& o) { seen += o.value; }));
  if constexpr (Consistent) {
    auto d = nanoflux::make_dispatcher(store).with_consistent_views();
    run_inc_dec(state, [&](auto const& action) { d(action); });
  } else {
    nanoflux::dispatcher d{store};
    run_inc_dec(state, [&](auto const& action) { d(action); });
  }
  benchmark::DoNotOptimize(seen);
}
void bm_notify_nanoflux_fixed(benchmark::State& state) {
  notify_nanoflux_as<nanoflux::fixed_subscribers<16>, false>(state);
}
void bm_notify_nanoflux_consistent(benchmark::State& state) {
  notify_nanoflux_as<nanoflux::dynamic_subscribers, true>(state);
}
void bm_notify_nanoflux_fixed_consistent(benchmark::State& state) {
  notify_nanoflux_as<nanoflux::fixed_subscribers<16>, true>(state);
}
BENCHMARK(bm_notify_nanoflux_fixed)->Arg(1)->Arg(10);
BENCHMARK(bm_notify_nanoflux_consistent)->Arg(1)->Arg(10);
BENCHMARK(bm_notify_nanoflux_fixed_consistent)->Arg(1)->Arg(10);

// The hand-written baseline: a vector of {context, function} pairs. Guarded: the same
// list marking itself busy while it notifies (a flag set before the calls and cleared
// after them), the least a list must do before it can let a subscriber unsubscribe
// itself safely; nanoflux's list does that and more (see bench/README.md).
template <bool Guarded>
struct plain_store {
  long value = 0;
  struct subscriber {
    void* ctx;
    void (*fn)(void*, plain_store const&);
  };
  std::vector<subscriber> subscribers;
  mutable bool notifying = false;
  void notify() const {
    if constexpr (Guarded) notifying = true;
    for (subscriber const& s : subscribers) s.fn(s.ctx, *this);
    if constexpr (Guarded) notifying = false;
  }
  void on(inc const& a) {
    value += a.by;
    notify();
  }
  void on(dec const& a) {
    value -= a.by;
    notify();
  }
};

template <bool Guarded>
void notify_hand_written(benchmark::State& state) {
  plain_store<Guarded> store;
  long seen = 0;
  for (int i = 0; i < state.range(0); ++i)
    store.subscribers.push_back(
        {&seen, [](void* ctx, plain_store<Guarded> const& s) { *static_cast<long*>(ctx) += s.value; }});
  run_inc_dec(state, [&](auto const& action) { store.on(action); });
  benchmark::DoNotOptimize(seen);
  benchmark::DoNotOptimize(store.notifying);
}
void bm_notify_hand_written(benchmark::State& state) { notify_hand_written<false>(state); }
void bm_notify_hand_written_guarded(benchmark::State& state) { notify_hand_written<true>(state); }
BENCHMARK(bm_notify_hand_written)->Arg(1)->Arg(10);
BENCHMARK(bm_notify_hand_written_guarded)->Arg(1)->Arg(10);

// --- the JavaScript original's perf scenario, in C++ (see bench/js) -----------------------
// One op = two actions; each: dispatch -> store -> notify -> one subscriber.
struct js_store : nanoflux::store<js_store> {
  long count = 0;
  void on(inc const&) {
    ++count;
    notify();
  }
  void on(dec const&) {
    --count;
    notify();
  }
};

void bm_js_scenario(benchmark::State& state) {
  js_store store;
  long notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  nanoflux::dispatcher d{store};
  for (auto _ : state) {
    d(inc{1});
    d(dec{1});
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(notified);
  state.SetItemsProcessed(state.iterations());  // ops
}
BENCHMARK(bm_js_scenario);

// The same with the JavaScript scenario's payload: each action carries a string built
// for the op ("test 1." + i, as perf/fluxy-perf.js does), the store keeps it and
// notifies, the subscriber copies what it is given (var localData = data).
struct js_action1 {
  std::string data;
};
struct js_action2 {
  std::string data;
};
struct js_string_store : nanoflux::store<js_string_store> {
  std::string const* data = nullptr;
  void on(js_action1 const& a) {
    data = &a.data;
    notify();
  }
  void on(js_action2 const& a) {
    data = &a.data;
    notify();
  }
};

void bm_js_scenario_strings(benchmark::State& state) {
  js_string_store store;
  auto sub = store.subscribe([](js_string_store const& s) {
    std::string const* local_data = s.data;  // copy operation
    benchmark::DoNotOptimize(local_data);
  });
  nanoflux::dispatcher d{store};
  int i = 0;
  for (auto _ : state) {
    d(js_action1{"test 1." + std::to_string(i)});
    d(js_action2{"test 2." + std::to_string(i)});
    i = (i + 1) % 3;
  }
  state.SetItemsProcessed(state.iterations());  // ops
}
BENCHMARK(bm_js_scenario_strings);

}  // namespace

BENCHMARK_MAIN();
