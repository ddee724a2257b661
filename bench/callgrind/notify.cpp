// The instruction-count program for dispatch-and-notify: a random sequence of inc/dec
// actions to one store that notifies after each, with S subscribers (argv[3]) each
// adding the store's value to a sum. Variants (-D):
//   -DVARIANT_HW        a hand-written store with a std::vector of {ctx, fn} pairs
//   -DVARIANT_HW_GUARD  the same list marking itself busy around the calls (a flag set
//                       and cleared: the least a list needs before a subscriber may
//                       unsubscribe itself during a notify)
//   -DVARIANT_NF        nanoflux::dispatcher and nanoflux::store
//   -DVARIANT_NF_FIXED  the same with store<observed, fixed_subscribers<16>> (no heap)
//   -DVARIANT_NF_PERMANENT  the same with permanent_subscribers<16> (subscribe_permanently)
//   -DVARIANT_NF_CONSISTENT, -DVARIANT_NF_FIXED_CONSISTENT: either store, dispatched
//                       through d.with_consistent_views()
// bench/callgrind/run.sh counts the instructions of run_sequence() only.
#include <cstdio>
#include <cstdlib>
#include <vector>

#if defined(VARIANT_NF_FIXED_CONSISTENT)
#define VARIANT_NF_FIXED
#define VARIANT_NF_CONSISTENT
#endif
#if defined(VARIANT_NF_PERMANENT)
#define VARIANT_NF
#endif
#if defined(VARIANT_NF_FIXED) || defined(VARIANT_NF_CONSISTENT)
#define VARIANT_NF
#endif
#ifdef VARIANT_NF
#include <nanoflux/nanoflux.hpp>
#elif !defined(VARIANT_HW) && !defined(VARIANT_HW_GUARD)
#error "define one of VARIANT_HW, VARIANT_HW_GUARD, VARIANT_NF, VARIANT_NF_FIXED, VARIANT_NF_CONSISTENT, VARIANT_NF_FIXED_CONSISTENT"
#endif

struct inc { int by; };
struct dec { int by; };

#ifdef VARIANT_NF
#ifdef VARIANT_NF_FIXED
struct observed : nanoflux::store<observed, nanoflux::fixed_subscribers<16>> {
#elif defined(VARIANT_NF_PERMANENT)
struct observed : nanoflux::store<observed, nanoflux::permanent_subscribers<16>> {
#else
struct observed : nanoflux::store<observed> {
#endif
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
#else
struct observed {
  long value = 0;
  struct subscriber {
    void* ctx;
    void (*fn)(void*, observed const&);
  };
  std::vector<subscriber> subscribers;
  mutable bool notifying = false;
  void notify() const {
#ifdef VARIANT_HW_GUARD
    notifying = true;
#endif
    for (subscriber const& s : subscribers) s.fn(s.ctx, *this);
#ifdef VARIANT_HW_GUARD
    notifying = false;
#endif
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
#endif

struct step {
  bool is_inc;
  int by;
};

template <class Deliver>
[[gnu::noinline]] void run_sequence(std::vector<step> const& steps, Deliver deliver) {
  for (step const& s : steps) {
    if (s.is_inc)
      deliver(inc{s.by});
    else
      deliver(dec{s.by});
  }
}

int main(int argc, char** argv) {
  unsigned seed = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 7;
  std::size_t const n = argc > 2 ? static_cast<std::size_t>(std::atol(argv[2])) : 100000;
  int const subscribers = argc > 3 ? std::atoi(argv[3]) : 1;
  std::vector<step> steps(n);
  for (step& s : steps) {
    seed = seed * 1103515245u + 12345u;
    s = {(seed >> 16) % 2 == 0, static_cast<int>((seed >> 8) % 100)};
  }
  observed store;
  long sum = 0;
#ifdef VARIANT_NF
#ifdef VARIANT_NF_PERMANENT
  for (int i = 0; i < subscribers; ++i) store.subscribe_permanently([&sum](observed const& o) { sum += o.value; });
#else
  std::vector<nanoflux::subscription> subs;
  for (int i = 0; i < subscribers; ++i) subs.push_back(store.subscribe([&](observed const& o) { sum += o.value; }));
#endif
#ifdef VARIANT_NF_CONSISTENT
  auto d = nanoflux::make_dispatcher(store).with_consistent_views();
#else
  nanoflux::dispatcher d{store};
#endif
  run_sequence(steps, [&](auto const& action) { d(action); });
#else
  for (int i = 0; i < subscribers; ++i)
    store.subscribers.push_back({&sum, [](void* ctx, observed const& o) { *static_cast<long*>(ctx) += o.value; }});
  run_sequence(steps, [&](auto const& action) { store.on(action); });
#endif
  std::printf("%ld %ld\n", store.value, sum);
}
