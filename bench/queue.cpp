// Throughput of queued dispatch across threads: producers post a pre-generated random
// sequence of 4 action types, one consumer (the benchmark's thread) drains them into
// the same 4 stores, until every action arrived. An item is one action. Side by side:
//   nanoflux action_queue (single_producer / multi_producer), drained by a dispatcher
//   boost::lockfree::spsc_queue / boost::lockfree::queue of a tagged union + a switch
//   std::mutex + std::deque<std::function<void()>> (what applications often write)
//   per-type std::vectors swapped at update time (EnTT's enqueue/update design; EnTT's
//   own is not thread-safe, so here a std::mutex guards enqueue and the swap)
// Every bounded queue holds 16384 actions. Producers retry a refused post
// after std::this_thread::yield(); the consumer yields when it found nothing: the same
// policy for all (2 cores shared by other work: no busy spinning).
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <benchmark/benchmark.h>
#include <boost/lockfree/queue.hpp>
#include <boost/lockfree/spsc_queue.hpp>

#include <atomic>
#include <cstdlib>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace {

struct add { int value; };
struct sub { int value; };
struct mul { int value; };
struct reset {};

struct counter {
  long total = 0;
  void on(add const& a) { total += a.value; }
  void on(sub const& a) { total -= a.value; }
  void on(reset) { total = 0; }
};
struct product {
  long value = 1;
  void on(mul const& a) { value = value * a.value % 1000003; }
  void on(reset) { value = 1; }
};
struct history {
  unsigned long count = 0;
  int last = 0;
  void on(add const& a) { ++count; last = a.value; }
  void on(sub const& a) { ++count; last = -a.value; }
  void on(mul const& a) { ++count; last = a.value; }
};
struct stores {
  counter c;
  product p;
  history h;
};

struct op {
  unsigned char kind;
  int value;
};
constexpr std::size_t items_per_run = 1 << 17;
// Bounded queues hold an eighth of a run: producers still meet a full queue when the
// consumer is descheduled, without a context switch every thousand actions.
constexpr std::size_t queue_capacity = 1 << 14;
std::vector<op> const& sequence() {
  static std::vector<op> const ops = [] {
    std::vector<op> v(items_per_run);
    std::srand(7);
    for (auto& o : v) {
      int r = std::rand() % 100;
      o.kind = static_cast<unsigned char>(r < 40 ? 0 : r < 65 ? 1 : r < 97 ? 2 : 3);
      o.value = std::rand() % 1000 + 1;
    }
    return v;
  }();
  return ops;
}

// A tagged union and its switch: what the Boost.Lockfree queues carry.
struct message {
  unsigned char tag;
  union {
    add a;
    sub s;
    mul m;
    reset r;
  };
};
message to_message(op const& o) {
  message m;
  m.tag = o.kind;
  switch (o.kind) {
    case 0: m.a = add{o.value}; break;
    case 1: m.s = sub{o.value}; break;
    case 2: m.m = mul{o.value}; break;
    default: m.r = reset{}; break;
  }
  return m;
}
inline void handle(stores& s, message const& m) {
  switch (m.tag) {
    case 0: s.c.on(m.a); s.h.on(m.a); break;
    case 1: s.c.on(m.s); s.h.on(m.s); break;
    case 2: s.p.on(m.m); s.h.on(m.m); break;
    default: s.c.on(m.r); s.p.on(m.r); break;
  }
}

// Runs `producers` threads, producer k posting the items k, k + producers, ... with
// post(o) (which returns false when full), while the calling thread runs consume()
// (which returns how many items it handled) until all arrived.
template <class Post, class Consume>
void run(benchmark::State& state, int producers, Post post, Consume consume) {
  auto const& ops = sequence();
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int k = 0; k < producers; ++k)
      // Everything the producer reads is copied into its own frame: nothing it reads
      // shares a cache line with what the consumer writes (its count, the stores).
      threads.emplace_back([post, data = ops.data(), size = ops.size(), step = std::size_t(producers), k] {
        for (std::size_t i = std::size_t(k); i < size; i += step)
          while (!post(data[i])) std::this_thread::yield();
      });
    std::size_t received = 0;
    while (received < ops.size()) {
      std::size_t n = consume();
      if (n == 0) std::this_thread::yield();
      received += n;
    }
    for (auto& t : threads) t.join();
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(ops.size()));
}

using acts = nanoflux::actions<add, sub, mul, reset>;

template <class Producers>
void bm_nanoflux(benchmark::State& state) {
  static nanoflux::action_queue<acts, queue_capacity, Producers> q;
  stores s;
  auto d = nanoflux::make_dispatcher<acts>(s.c, s.p, s.h);
  run(state, int(state.range(0)), [](op const& o) {
        switch (o.kind) {
          case 0: return q.post(add{o.value});
          case 1: return q.post(sub{o.value});
          case 2: return q.post(mul{o.value});
          default: return q.post(reset{});
        }
      },
      [&] { return q.drain(d); });
  // Posts refused because the queue was full (each followed by a yield), per action.
  state.counters["refused_per_action"] =
      double(q.dropped()) / (double(state.iterations()) * double(sequence().size()));
  benchmark::DoNotOptimize(s);
}

void bm_boost_spsc(benchmark::State& state) {
  static boost::lockfree::spsc_queue<message, boost::lockfree::capacity<queue_capacity>> q;
  stores s;
  run(state, 1, [](op const& o) { return q.push(to_message(o)); },
      [&] { return q.consume_all([&](message const& m) { handle(s, m); }); });
  benchmark::DoNotOptimize(s);
}

void bm_boost_queue(benchmark::State& state) {
  static boost::lockfree::queue<message, boost::lockfree::capacity<queue_capacity>> q;
  stores s;
  run(state, int(state.range(0)), [](op const& o) { return q.bounded_push(to_message(o)); },
      [&] { return q.consume_all([&](message const& m) { handle(s, m); }); });
  benchmark::DoNotOptimize(s);
}

void bm_mutex_deque_function(benchmark::State& state) {
  std::mutex m;
  std::deque<std::function<void()>> q;
  std::deque<std::function<void()>> work;
  stores s;
  run(state, int(state.range(0)),
      [&](op const& o) {
        std::function<void()> f;
        switch (o.kind) {
          case 0: f = [&s, a = add{o.value}] { s.c.on(a); s.h.on(a); }; break;
          case 1: f = [&s, a = sub{o.value}] { s.c.on(a); s.h.on(a); }; break;
          case 2: f = [&s, a = mul{o.value}] { s.p.on(a); s.h.on(a); }; break;
          default: f = [&s] { s.c.on(reset{}); s.p.on(reset{}); }; break;
        }
        std::lock_guard lock(m);
        q.push_back(std::move(f));
        return true;
      },
      [&] {
        {
          std::lock_guard lock(m);
          work.swap(q);
        }
        std::size_t n = work.size();
        for (auto& f : work) f();
        work.clear();
        return n;
      });
  benchmark::DoNotOptimize(s);
}

// EnTT's dispatcher: enqueue<A>(a) appends to A's vector; update() swaps each vector
// out and delivers its contents (per type: the order across types is not kept).
void bm_per_type_vectors(benchmark::State& state) {
  std::mutex m;
  struct pools {
    std::vector<add> adds;
    std::vector<sub> subs;
    std::vector<mul> muls;
    std::vector<reset> resets;
  } in, work;
  stores s;
  run(state, int(state.range(0)),
      [&](op const& o) {
        std::lock_guard lock(m);
        switch (o.kind) {
          case 0: in.adds.push_back(add{o.value}); break;
          case 1: in.subs.push_back(sub{o.value}); break;
          case 2: in.muls.push_back(mul{o.value}); break;
          default: in.resets.push_back(reset{}); break;
        }
        return true;
      },
      [&] {
        {
          std::lock_guard lock(m);
          std::swap(in, work);
        }
        for (auto const& a : work.adds) { s.c.on(a); s.h.on(a); }
        for (auto const& a : work.subs) { s.c.on(a); s.h.on(a); }
        for (auto const& a : work.muls) { s.p.on(a); s.h.on(a); }
        for (auto const& a : work.resets) { s.c.on(a); s.p.on(a); }
        std::size_t n = work.adds.size() + work.subs.size() + work.muls.size() + work.resets.size();
        work.adds.clear();
        work.subs.clear();
        work.muls.clear();
        work.resets.clear();
        return n;
      });
  benchmark::DoNotOptimize(s);
}

}  // namespace

// One producer.
BENCHMARK(bm_nanoflux<nanoflux::single_producer>)->Name("spsc/nanoflux_single_producer")->Arg(1)->UseRealTime();
BENCHMARK(bm_nanoflux<nanoflux::multi_producer>)->Name("spsc/nanoflux_multi_producer")->Arg(1)->UseRealTime();
BENCHMARK(bm_boost_spsc)->Name("spsc/boost_lockfree_spsc_queue")->UseRealTime();
BENCHMARK(bm_mutex_deque_function)->Name("spsc/mutex_deque_function")->Arg(1)->UseRealTime();
BENCHMARK(bm_per_type_vectors)->Name("spsc/per_type_vectors_mutex")->Arg(1)->UseRealTime();
// Two producers.
BENCHMARK(bm_nanoflux<nanoflux::multi_producer>)->Name("mpsc/nanoflux_multi_producer")->Arg(2)->UseRealTime();
BENCHMARK(bm_boost_queue)->Name("mpsc/boost_lockfree_queue")->Arg(2)->UseRealTime();
BENCHMARK(bm_mutex_deque_function)->Name("mpsc/mutex_deque_function")->Arg(2)->UseRealTime();
BENCHMARK(bm_per_type_vectors)->Name("mpsc/per_type_vectors_mutex")->Arg(2)->UseRealTime();

BENCHMARK_MAIN();
