// The instruction-count program: one random action sequence (4 action types) through
// 4 stores, in one of four variants chosen with -D:
//   -DVARIANT_HW_RAW    hand-written direct calls s.on(a), nothing else
//   -DVARIANT_HW_GUARD  hand-written calls plus the nested-dispatch guard nanoflux has
//                       (a bool checked, set and cleared; the nested case goes cold)
//   -DVARIANT_NF        nanoflux::dispatcher::dispatch
//   -DVARIANT_NF_MW     the same through a pass-through middleware
// bench/callgrind/run.sh builds it at -O2, -Og and -O0 and counts the instructions of
// run_sequence() (valgrind --tool=callgrind --toggle-collect=run_sequence*), so the
// set-up (generating the sequence) is not counted. The per-dispatch loop (load the op,
// switch) is the same in every variant; only the dispatch differs.
#include <cstdio>
#include <cstdlib>
#include <vector>

#if defined(VARIANT_NF) || defined(VARIANT_NF_MW)
#include <nanoflux/nanoflux.hpp>
#elif !defined(VARIANT_HW_RAW) && !defined(VARIANT_HW_GUARD)
#error "define one of VARIANT_HW_RAW, VARIANT_HW_GUARD, VARIANT_NF, VARIANT_NF_MW"
#endif

// Actions.
struct add { int value; };
struct sub { int value; };
struct mul { int value; };
struct reset {};

// Stores: small handlers (the hard case for a dispatch glue: little work to hide it).
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

#if defined(VARIANT_HW_GUARD)
// What a careful hand-written dispatcher does about re-entrance.
[[gnu::cold, gnu::noinline]] void hw_nested_dispatch() {
  std::fputs("nested dispatch\n", stderr);
  std::abort();
}
#define HW_BEGIN(busy)            \
  if (busy) [[unlikely]] {        \
    hw_nested_dispatch();         \
  } else {                        \
    busy = true;
#define HW_END(busy) \
  busy = false;      \
  }
#else
#define HW_BEGIN(busy) {
#define HW_END(busy) }
#endif

#if defined(VARIANT_NF) || defined(VARIANT_NF_MW)
struct pass_through {
  template <class A, class Next>
  void operator()(A const& a, Next next) const {
    next(a);
  }
};
#if defined(VARIANT_NF_MW)
using dispatcher_t = decltype(nanoflux::make_dispatcher(std::declval<counter&>(), std::declval<product&>(),
                                                        std::declval<history&>(), std::declval<checksum&>())
                                  .with_middleware(pass_through{}));
#else
using dispatcher_t = nanoflux::dispatcher<counter, product, history, checksum>;
#endif

[[gnu::noinline]] void run_sequence(dispatcher_t& d, op const* ops, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    switch (ops[i].kind) {
      case 0: d.dispatch(add{ops[i].value}); break;
      case 1: d.dispatch(sub{ops[i].value}); break;
      case 2: d.dispatch(mul{ops[i].value}); break;
      default: d.dispatch(reset{}); break;
    }
  }
}
#else
struct app {
  counter& c;
  product& p;
  history& h;
  checksum& k;
  bool busy = false;
};

[[gnu::noinline]] void run_sequence(app& d, op const* ops, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    switch (ops[i].kind) {
      case 0: {
        add const a{ops[i].value};
        HW_BEGIN(d.busy) d.c.on(a); d.h.on(a); d.k.on(a); HW_END(d.busy)
        break;
      }
      case 1: {
        sub const a{ops[i].value};
        HW_BEGIN(d.busy) d.c.on(a); d.h.on(a); HW_END(d.busy)
        break;
      }
      case 2: {
        mul const a{ops[i].value};
        HW_BEGIN(d.busy) d.p.on(a); d.h.on(a); d.k.on(a); HW_END(d.busy)
        break;
      }
      default: {
        reset const a{};
        HW_BEGIN(d.busy) d.c.on(a); d.p.on(a); HW_END(d.busy)
        break;
      }
    }
  }
}
#endif

int main(int argc, char** argv) {
  // The sequence depends on the seed given at run time: nothing can be folded.
  unsigned seed = argc > 1 ? static_cast<unsigned>(std::strtoul(argv[1], nullptr, 10)) : 12345u;
  std::size_t const n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100000;
  std::vector<op> ops(n);
  for (op& o : ops) {
    seed = seed * 1103515245u + 12345u;
    o.kind = static_cast<unsigned char>((seed >> 16) % 4);
    o.value = static_cast<int>((seed >> 8) % 100);
  }
  counter c;
  product p;
  history h;
  checksum k;
#if defined(VARIANT_NF_MW)
  auto d = nanoflux::make_dispatcher(c, p, h, k).with_middleware(pass_through{});
#elif defined(VARIANT_NF)
  nanoflux::dispatcher d{c, p, h, k};
#else
  app d{c, p, h, k};
#endif
  run_sequence(d, ops.data(), ops.size());
  std::printf("%ld %ld %lu %d %lu\n", c.total, p.value, h.count, h.last, k.hash);
  return 0;
}
