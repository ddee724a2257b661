// The shared workload of the benchmarks: four action types, four stores that each
// handle some of them, and one pre-generated random action sequence (so that nothing
// can be constant-folded). Every approach delivers the same actions to the same
// handlers; only the dispatch mechanism differs.
#ifndef NANOFLUX_BENCH_WORKLOAD_HPP
#define NANOFLUX_BENCH_WORKLOAD_HPP

#include <cstdint>
#include <random>
#include <vector>

namespace bench {

struct inc {
  int by;
};
struct dec {
  int by;
};
struct scale {
  int factor;
};
struct clear {};

// The handlers: small, inlineable work, as in real stores.
struct s0 {
  long value = 0;
  void on(inc const& a) { value += a.by; }
  void on(dec const& a) { value -= a.by; }
};
struct s1 {
  long value = 1;
  void on(inc const& a) { value ^= a.by; }
  void on(scale const& a) { value = value * a.factor % 1000003; }
};
struct s2 {
  long value = 0;
  void on(dec const& a) { value += 2 * a.by; }
  void on(clear) { value = 0; }
};
struct s3 {
  long events = 0;
  void on(inc const&) { ++events; }
  void on(dec const&) { ++events; }
  void on(scale const&) { ++events; }
  void on(clear) { ++events; }
};

struct step {
  std::uint8_t kind;  // 0 inc, 1 dec, 2 scale, 3 clear
  int value;
};

inline std::vector<step> const& sequence() {
  static std::vector<step> const steps = [] {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> kind(0, 15), value(1, 100);
    std::vector<step> s(4096);
    for (step& x : s) {
      int const k = kind(rng);  // inc and dec are common, clear is rare
      x.kind = static_cast<std::uint8_t>(k < 7 ? 0 : k < 13 ? 1 : k < 15 ? 2 : 3);
      x.value = value(rng);
      if (x.kind == 2) x.value = x.value % 7 + 1;  // a scale factor: ready to use, like
                                                   // the other payloads (no work in the loop)
    }
    return s;
  }();
  return steps;
}

struct stores {
  s0 a;
  s1 b;
  s2 c;
  s3 d;
  long checksum() const { return a.value + b.value + c.value + d.events; }
};

// Runs the sequence through `deliver`, a callable overloaded for the four actions.
template <class Deliver>
inline void run_sequence(std::vector<step> const& steps, Deliver&& deliver) {
  for (step const& s : steps) {
    switch (s.kind) {
      case 0: deliver(inc{s.value}); break;
      case 1: deliver(dec{s.value}); break;
      case 2: deliver(scale{s.value}); break;
      default: deliver(clear{}); break;
    }
  }
}

}  // namespace bench

#endif
