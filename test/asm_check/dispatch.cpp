// Compiled at -O2 by asm_check.cmake (not linked): nanoflux's dispatch of inlineable
// handlers, with and without a pass-through middleware, next to the hand-written calls.
// The check reads the object code of the extern "C" functions below.
// -DNANOFLUX_ASM_CHECK_NOINLINE makes one handler noinline: the check must then fail.
#include <nanoflux/nanoflux.hpp>

#ifdef NANOFLUX_ASM_CHECK_NOINLINE
#define HANDLER [[gnu::noinline]]
#else
#define HANDLER
#endif

struct add { int value; };
struct reset {};

struct counter {
  long total = 0;
  HANDLER void on(add const& a) { total += a.value; }
  void on(reset) { total = 0; }
};
struct history {
  unsigned long count = 0;
  int last = 0;
  void on(add const& a) { ++count; last = a.value; }
};
struct checksum {
  unsigned long hash = 0;
  void on(add const& a) { hash = hash * 31 + static_cast<unsigned long>(a.value); }
  void on(reset) { hash = 0; }
};

struct pass_through {
  template <class A, class Next>
  void operator()(A const& a, Next next) const {
    next(a);
  }
};

using plain_t = nanoflux::dispatcher<counter, history, checksum>;
using with_mw_t = decltype(std::declval<plain_t&>().with_middleware(pass_through{}));

struct stores {
  counter& c;
  history& h;
  checksum& k;
};

extern "C" {
void hw_add(stores& s, add const& a) {
  s.c.on(a);
  s.h.on(a);
  s.k.on(a);
}
void hw_reset(stores& s, reset const& a) {
  s.c.on(a);
  s.k.on(a);
}
void nf_add(plain_t& d, add const& a) { d.dispatch(a); }
void nf_reset(plain_t& d, reset const& a) { d.dispatch(a); }
void nf_mw_add(with_mw_t& d, add const& a) { d.dispatch(a); }
void nf_mw_reset(with_mw_t& d, reset const& a) { d.dispatch(a); }
}
