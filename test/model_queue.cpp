// Model-based test of queued dispatch: random sequences of outer dispatches through a
// with_queue() dispatcher, posts from "outside" (as an interrupt or another thread
// would), drains of a snapshot (q.drain) and until empty (d.drain), handlers that
// dispatch while dispatching (deferred), handlers that throw, and full queues (posts
// refused, deferrals failing with dispatch_error). Run against nanoflux and against a
// plain reference model (a std::deque and the rules of DESIGN.md, "Queued dispatch"),
// compared after every step: every handler call in order, every exception, the queue's
// size and dropped().
#define BOOST_TEST_MODULE model_queue
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <random>
#include <tuple>
#include <vector>

namespace {

constexpr std::size_t steps_per_seed = 100'000;
constexpr std::size_t capacity = 6;

struct msg {
  int kind;  // 0: a, 1: b, 2: c
  int v;
  int gen;  // how many deferrals led to it (bounded, so chains end)
};
struct injected {
  int code;
};
struct model_full {};

using event = std::tuple<int, int, int, int>;  // store, kind, v, gen
enum outcome { ok, threw_injected, threw_full };

// --- the shared rules: what handlers do ---------------------------------------------------
// Stores: 0 handles a and b; 1 handles b and c. Store 0 runs first.
constexpr bool handles[2][3] = {{true, true, false}, {false, true, true}};

// Handler of store s for m: logs, may dispatch (deferred) one or two follow-ups, may throw.
void behave(int s, msg const& m, std::vector<event>& log, std::function<void(msg)> const& nested) {
  log.emplace_back(s, m.kind, m.v, m.gen);
  if (m.gen < 3) {
    if ((m.v + s) % 5 == 0) nested(msg{(m.kind + 1) % 3, (m.v * 7 + 3) % 1000, m.gen + 1});
    if ((m.v + s) % 9 == 0) nested(msg{(m.kind + 2) % 3, (m.v * 11 + 1) % 1000, m.gen + 1});
  }
  if (m.v % 23 == 7 && s == (m.v / 23) % 2) throw injected{m.v};
}

// --- the system under test ------------------------------------------------------------------
struct act_a {
  int v, gen;
};
struct act_b {
  int v, gen;
};
struct act_c {
  int v, gen;
};
using acts = nanoflux::actions<act_a, act_b, act_c>;
template <class A>
constexpr int kind_of = std::is_same_v<A, act_a> ? 0 : std::is_same_v<A, act_b> ? 1 : 2;

struct real_system;
template <int S>
struct real_store {
  real_system* sys;
  template <class A>
    requires(handles[S][kind_of<A>])
  void on(A const& a);
};

template <class P>
struct real_queue_system;

struct real_system {
  std::vector<event> log;
  std::function<void(msg)> nested;
};
template <int S>
template <class A>
  requires(handles[S][kind_of<A>])
void real_store<S>::on(A const& a) {
  behave(S, msg{kind_of<A>, a.v, a.gen}, sys->log, sys->nested);
}

template <class F>
void with_action(msg const& m, F&& f) {
  switch (m.kind) {
    case 0: f(act_a{m.v, m.gen}); break;
    case 1: f(act_b{m.v, m.gen}); break;
    default: f(act_c{m.v, m.gen}); break;
  }
}

// --- the reference model ------------------------------------------------------------------
struct model {
  std::deque<msg> pending;
  std::size_t dropped = 0;
  bool dispatching = false;
  std::vector<event> log;

  bool post(msg m) {
    if (pending.size() == capacity) {
      ++dropped;
      return false;
    }
    pending.push_back(m);
    return true;
  }
  void nested(msg m) {
    if (!post(m)) throw model_full{};
  }
  // The stores, in order, for one action; dispatching is true meanwhile.
  void deliver(msg const& m) {
    dispatching = true;
    try {
      for (int s = 0; s < 2; ++s)
        if (handles[s][m.kind]) behave(s, m, log, [this](msg x) { nested(x); });
    } catch (...) {
      dispatching = false;
      throw;
    }
    dispatching = false;
  }
  // q.drain(d): the actions queued at the start, FIFO; the one that throws is consumed.
  // An action occupies its slot until its dispatch has ended (it is dispatched where it
  // lies, not copied out): while it is handled, it still counts in the queue's size.
  std::size_t drain_snapshot() {
    std::size_t n = pending.size();
    for (std::size_t i = 0; i < n; ++i) {
      msg m = pending.front();
      try {
        deliver(m);
      } catch (...) {
        pending.pop_front();
        throw;
      }
      pending.pop_front();
    }
    return n;
  }
  std::size_t drain_all() {
    std::size_t total = 0, n;
    while ((n = drain_snapshot()) != 0) total += n;
    return total;
  }
  void dispatch(msg const& m) {
    deliver(m);
    drain_all();
  }
};

template <class F>
outcome run_catching(F&& f) {
  try {
    f();
    return ok;
  } catch (injected const&) {
    return threw_injected;
  } catch (nanoflux::dispatch_error const&) {
    return threw_full;
  } catch (model_full const&) {
    return threw_full;
  }
}

template <class P>
void run_seed(std::uint32_t seed) {
  nanoflux::action_queue<acts, capacity, P> q;
  real_system sys;
  real_store<0> s0{&sys};
  real_store<1> s1{&sys};
  auto d = nanoflux::make_dispatcher<acts>(s0, s1).with_queue(q);
  sys.nested = [&](msg m) { with_action(m, [&](auto const& a) { d(a); }); };
  model ref;

  std::mt19937 rng(seed);
  std::size_t counts[6] = {};
  for (std::size_t step = 0; step < steps_per_seed; ++step) {
    msg m{int(rng() % 3), int(rng() % 1000), int(rng() % 2)};
    unsigned const op = rng() % 10;
    outcome real_out = ok, model_out = ok;
    std::size_t real_n = 0, model_n = 0;
    if (op < 4) {  // an outer dispatch
      real_out = run_catching([&] { with_action(m, [&](auto const& a) { d(a); }); });
      model_out = run_catching([&] { ref.dispatch(m); });
      ++counts[0];
    } else if (op < 8) {  // a post from outside
      bool r = false;
      with_action(m, [&](auto const& a) { r = q.post(a); });
      real_n = r;
      model_n = ref.post(m);
      ++counts[1];
    } else if (op == 8) {  // a drain of what is queued now
      real_out = run_catching([&] { real_n = q.drain(d); });
      model_out = run_catching([&] { model_n = ref.drain_snapshot(); });
      if (real_out != ok) real_n = model_n = 0;
      ++counts[2];
    } else {  // a drain until empty
      real_out = run_catching([&] { real_n = d.drain(); });
      model_out = run_catching([&] { model_n = ref.drain_all(); });
      if (real_out != ok) real_n = model_n = 0;
      ++counts[3];
    }
    counts[4] += real_out == threw_injected;
    counts[5] += real_out == threw_full;
    BOOST_REQUIRE_MESSAGE(real_out == model_out, "seed " << seed << " step " << step << ": outcome " << real_out
                                                          << " vs model " << model_out);
    BOOST_REQUIRE_MESSAGE(real_n == model_n, "seed " << seed << " step " << step << ": count");
    BOOST_REQUIRE_MESSAGE(sys.log == ref.log, "seed " << seed << " step " << step << ": handler calls differ");
    BOOST_REQUIRE_MESSAGE(q.size() == ref.pending.size(), "seed " << seed << " step " << step << ": size");
    BOOST_REQUIRE_MESSAGE(q.dropped() == ref.dropped, "seed " << seed << " step " << step << ": dropped");
    BOOST_REQUIRE(!d.dispatching());
    sys.log.clear();  // compared: start the next step afresh
    ref.log.clear();
  }
  // Every kind of step and outcome happened, often.
  for (std::size_t c : counts) BOOST_TEST(c > 300u);
  BOOST_TEST_MESSAGE("seed " << seed << ": dispatches " << counts[0] << ", posts " << counts[1] << ", drains "
                             << counts[2] << "/" << counts[3] << ", handler throws " << counts[4]
                             << ", full deferrals " << counts[5]);
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_producer_seed_1) { run_seed<nanoflux::single_producer>(1); }
BOOST_AUTO_TEST_CASE(single_producer_seed_2) { run_seed<nanoflux::single_producer>(2); }
BOOST_AUTO_TEST_CASE(multi_producer_seed_3) { run_seed<nanoflux::multi_producer>(3); }
BOOST_AUTO_TEST_CASE(multi_producer_seed_4) { run_seed<nanoflux::multi_producer>(4); }
