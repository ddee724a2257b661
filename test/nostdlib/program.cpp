// A store with fixed_subscribers in a program with no heap and no C library: built for
// a Cortex-M3 with -nostdlib -fno-exceptions -fno-rtti, so that any reference to
// operator new/delete, malloc or the C library fails the link. Run under QEMU
// (mps2-an385) when it is installed; exits through semihosting.
// With -DUSE_DEFAULT_STORE the same program uses the default store: that link must fail.
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/fixed_subscribers.hpp>
#ifdef USE_DEFAULT_STORE
#include <nanoflux/store.hpp>
#endif

namespace {

int semihosting(int operation, void const* argument) {
  register int r0 asm("r0") = operation;
  register void const* r1 asm("r1") = argument;
  asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
void write(char const* text) { semihosting(0x04, text); }
[[noreturn]] void exit(bool success) {
  semihosting(0x18, reinterpret_cast<void const*>(success ? 0x20026 : 0x20023));
  for (;;) {
  }
}

struct tick {};
struct press {
  int times;
};

#ifdef USE_DEFAULT_STORE
using subscribers = nanoflux::dynamic_subscribers;
#else
using subscribers = nanoflux::fixed_subscribers<4>;
#endif

struct clock_store : nanoflux::store<clock_store, subscribers> {
  unsigned ticks = 0;
  void on(tick) {
    ++ticks;
    notify();
  }
};
struct button_store : nanoflux::store<button_store, subscribers> {
  int presses = 0;
  void on(press const& p) {
    presses += p.times;
    notify();
  }
};

struct display {
  unsigned seen_ticks = 0;
  int seen_presses = 0;
  int renders = 0;
  void show(button_store const& b) {
    seen_presses = b.presses;
    ++renders;
  }
};

int faults = 0;

}  // namespace

// The program's error hook (nanoflux::on_error, defined once for every file).
void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  if (e.code == nanoflux::error_code::subscriber_capacity) ++faults;
}

int program_main() {
  clock_store clock;
  button_store button;
  display view;
  auto d = nanoflux::make_dispatcher(clock, button);

  nanoflux::subscription on_tick = clock.subscribe([&view](clock_store const& c) { view.seen_ticks = c.ticks; });
  nanoflux::subscription on_press = button.subscribe(view, &display::show);
  nanoflux::subscription once;
  once = clock.subscribe([&once] { once.unsubscribe(); });  // unsubscribes itself during a notify

  for (int i = 0; i < 10; ++i) d(tick{});
  d(press{2});
  on_press.unsubscribe();
  on_press.unsubscribe();
  d(press{1});

  bool ok = view.seen_ticks == 10 && view.seen_presses == 2 && view.renders == 1 && !once.active() &&
            clock.subscriber_count() == 1 && button.subscriber_count() == 0;
#ifndef USE_DEFAULT_STORE
  nanoflux::subscription extra[5];
  for (auto& e : extra) e = button.subscribe([] {});
  ok = ok && faults == 1 && !extra[4].active() && button.subscriber_count() == 4;  // the fifth: the hook
#endif
  auto consistent = nanoflux::make_dispatcher(clock, button).with_consistent_views();
  consistent(tick{});
  ok = ok && view.seen_ticks == 11;
  on_tick = nanoflux::subscription();
  write(ok ? "nostdlib: ok\n" : "nostdlib: FAILED\n");
  return ok ? 0 : 1;
}

extern "C" {
extern unsigned __bss_start[], __bss_end[], __stack_top[];
extern void (*__init_array_start[])(), (*__init_array_end[])();

[[noreturn]] void reset_handler() {
  for (unsigned* p = __bss_start; p < __bss_end; ++p) *p = 0;
  for (auto f = __init_array_start; f < __init_array_end; ++f) (*f)();
  exit(program_main() == 0);
}

// Compilers may emit calls to these even in freestanding code.
void* memset(void* dest, int value, unsigned n) {
  auto* p = static_cast<unsigned char*>(dest);
  while (n--) *p++ = static_cast<unsigned char>(value);
  return dest;
}
void* memcpy(void* dest, void const* src, unsigned n) {
  auto* p = static_cast<unsigned char*>(dest);
  auto const* s = static_cast<unsigned char const*>(src);
  while (n--) *p++ = *s++;
  return dest;
}

__attribute__((section(".vectors"), used)) void const* const vector_table[2] = {
    __stack_top, reinterpret_cast<void const*>(&reset_handler)};
}
