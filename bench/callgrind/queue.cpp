// Instruction counts of post + drain: one random sequence of 4 action types, posted in
// batches of 16 and drained after each batch into 4 stores, in one of these variants:
//   -DVARIANT_HW_RING   hand-written: a ring of a tagged union (head and tail atomics,
//                       acquire/release, as an interrupt-safe ring needs), drained by a
//                       switch on the tag that calls the stores' on() directly
//                       (add -DHW_RING_LIMIT: its producer reads head only when the
//                       queue looks full from its last read, as nanoflux's does)
//   -DVARIANT_HW_MPSC   hand-written for several producers: Dmitry Vyukov's bounded
//                       ring (a sequence number per slot, compare-and-swap on the
//                       enqueue position) of the same tagged union, the same switch
//   -DVARIANT_NF_SPSC   nanoflux::action_queue<..., single_producer>, drained into a
//                       nanoflux dispatcher over the same stores
//   -DVARIANT_NF_MPSC   the same with multi_producer
// Add -DNANOFLUX_QUEUE_WAIT=0 to build nanoflux's queue without the consumer's wait()
// (the producer then does not check for a sleeping consumer: what a firmware build
// without std::atomic::wait gets).
// bench/callgrind/run.sh counts the instructions of run_sequence() only.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <vector>

#if defined(VARIANT_NF_SPSC) || defined(VARIANT_NF_MPSC)
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>
#elif !defined(VARIANT_HW_RING) && !defined(VARIANT_HW_MPSC)
#error "define one of VARIANT_HW_RING, VARIANT_HW_MPSC, VARIANT_NF_SPSC, VARIANT_NF_MPSC"
#endif

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
struct checksum {
  unsigned long hash = 0;
  void on(add const& a) { hash = hash * 31 + static_cast<unsigned long>(a.value); }
  void on(mul const& a) { hash = hash * 37 + static_cast<unsigned long>(a.value); }
};

struct op {
  unsigned char kind;
  int value;
};

constexpr unsigned capacity = 64;
constexpr unsigned batch = 16;

counter c;
product p;
history h;
checksum k;

#if defined(VARIANT_HW_RING) || defined(VARIANT_HW_MPSC)
struct message {
  unsigned char tag;
  union {
    add a;
    sub s;
    mul m;
    reset r;
  };
};
#if defined(VARIANT_HW_RING)
struct ring {
  std::atomic<unsigned> head{0}, tail{0};
  message slots[capacity];
#if defined(HW_RING_LIMIT)
  unsigned limit = 0;  // the producer's last read of head, plus capacity
  bool post(message const& m) {
    unsigned t = tail.load(std::memory_order_relaxed);
    if (t == limit) [[unlikely]] {
      limit = head.load(std::memory_order_acquire) + capacity;
      if (t == limit) return false;
    }
#else
  bool post(message const& m) {
    unsigned t = tail.load(std::memory_order_relaxed);
    if (t - head.load(std::memory_order_acquire) == capacity) return false;
#endif
    slots[t % capacity] = m;
    tail.store(t + 1, std::memory_order_release);
    return true;
  }
  unsigned drain() {
    unsigned hd = head.load(std::memory_order_relaxed);
    unsigned const end = tail.load(std::memory_order_acquire);
    unsigned const n = end - hd;
    for (; hd != end; ++hd) {
      message const& m = slots[hd % capacity];
      switch (m.tag) {
        case 0: c.on(m.a); h.on(m.a); k.on(m.a); break;
        case 1: c.on(m.s); h.on(m.s); break;
        case 2: p.on(m.m); h.on(m.m); k.on(m.m); break;
        default: c.on(m.r); p.on(m.r); break;
      }
      head.store(hd + 1, std::memory_order_release);
    }
    return n;
  }
};
#else
// Vyukov's bounded queue with one consumer: slot seq == pos: free for the post at pos;
// pos + 1: holds that post's message; pos + capacity: taken, free for the next lap.
struct ring {
  struct cell {
    std::atomic<unsigned long> seq;
    message m;
  };
  cell cells[capacity];
  alignas(64) std::atomic<unsigned long> tail{0};  // the producers' enqueue position
  alignas(64) unsigned long head = 0;              // the consumer's
  ring() {
    for (unsigned i = 0; i < capacity; ++i) cells[i].seq.store(i, std::memory_order_relaxed);
  }
  bool post(message const& m) {
    unsigned long pos = tail.load(std::memory_order_relaxed);
    for (;;) {
      cell& cl = cells[pos % capacity];
      long const dif = long(cl.seq.load(std::memory_order_acquire) - pos);
      if (dif == 0) {
        if (tail.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
          cl.m = m;
          cl.seq.store(pos + 1, std::memory_order_release);
          return true;
        }
      } else if (dif < 0) {
        return false;  // full
      } else {
        pos = tail.load(std::memory_order_relaxed);
      }
    }
  }
  unsigned drain() {
    unsigned n = 0;
    for (;; ++head, ++n) {
      cell& cl = cells[head % capacity];
      if (cl.seq.load(std::memory_order_acquire) != head + 1) break;  // empty, or a post in progress
      message const& m = cl.m;
      switch (m.tag) {
        case 0: c.on(m.a); h.on(m.a); k.on(m.a); break;
        case 1: c.on(m.s); h.on(m.s); break;
        case 2: p.on(m.m); h.on(m.m); k.on(m.m); break;
        default: c.on(m.r); p.on(m.r); break;
      }
      cl.seq.store(head + capacity, std::memory_order_release);
    }
    return n;
  }
};
#endif
ring q;

[[gnu::noinline]] unsigned long run_sequence(std::vector<op> const& ops) {
  unsigned long drained = 0;
  for (std::size_t i = 0; i < ops.size(); i += batch) {
    for (std::size_t j = i; j < i + batch && j < ops.size(); ++j) {
      op const& o = ops[j];
      message m;
      m.tag = o.kind;
      switch (o.kind) {
        case 0: m.a = add{o.value}; break;
        case 1: m.s = sub{o.value}; break;
        case 2: m.m = mul{o.value}; break;
        default: m.r = reset{}; break;
      }
      q.post(m);
    }
    drained += q.drain();
  }
  return drained;
}
#else
using acts = nanoflux::actions<add, sub, mul, reset>;
#if defined(VARIANT_NF_SPSC)
nanoflux::action_queue<acts, capacity, nanoflux::single_producer> q;
#else
nanoflux::action_queue<acts, capacity, nanoflux::multi_producer> q;
#endif

[[gnu::noinline]] unsigned long run_sequence(std::vector<op> const& ops) {
  auto d = nanoflux::make_dispatcher<acts>(c, p, h, k);
  unsigned long drained = 0;
  for (std::size_t i = 0; i < ops.size(); i += batch) {
    for (std::size_t j = i; j < i + batch && j < ops.size(); ++j) {
      op const& o = ops[j];
      switch (o.kind) {
        case 0: q.post(add{o.value}); break;
        case 1: q.post(sub{o.value}); break;
        case 2: q.post(mul{o.value}); break;
        default: q.post(reset{}); break;
      }
    }
    drained += q.drain(d);
  }
  return drained;
}
#endif

int main(int argc, char** argv) {
  unsigned seed = argc > 1 ? unsigned(std::atoi(argv[1])) : 7u;
  std::size_t n = argc > 2 ? std::size_t(std::atol(argv[2])) : 100000u;
  std::vector<op> ops(n);
  std::srand(seed);
  for (auto& o : ops) {
    int r = std::rand() % 100;
    o.kind = static_cast<unsigned char>(r < 40 ? 0 : r < 65 ? 1 : r < 97 ? 2 : 3);
    o.value = std::rand() % 1000 + 1;
  }
  unsigned long drained = run_sequence(ops);
  std::printf("%lu %ld %ld %lu %d %lu\n", drained, c.total, p.value, h.count, h.last, k.hash);
}
