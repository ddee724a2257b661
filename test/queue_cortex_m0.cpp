// Built for ARMv6-M (Cortex-M0, no compare-and-swap) by queue_cortex_m0.cmake:
// single_producer must compile to plain loads and stores (no libatomic call, no
// __sync helper); multi_producer (-DNANOFLUX_TRY_MULTI_PRODUCER) must not compile;
// guarded_producers<interrupt_mask> (-DNANOFLUX_TRY_GUARDED) must compile to plain
// loads and stores between a PRIMASK read with cpsid and its restore.
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/interrupt_mask.hpp>
#include <nanoflux/queue.hpp>

struct tick {
  unsigned ms;
};
struct key {
  char c;
};
using acts = nanoflux::actions<tick, key>;
struct clock_store {
  unsigned now = 0;
  unsigned keys = 0;
  void on(tick const& t) { now = t.ms; }
  void on(key const&) { ++keys; }
};

#if defined(NANOFLUX_TRY_MULTI_PRODUCER)
using queue = nanoflux::action_queue<acts, 16, nanoflux::multi_producer>;
#elif defined(NANOFLUX_TRY_GUARDED)
using queue = nanoflux::action_queue<acts, 16, nanoflux::guarded_producers<nanoflux::interrupt_mask>>;
#else
using queue = nanoflux::action_queue<acts, 16, nanoflux::single_producer>;
#endif
queue q;
clock_store store;

// An interrupt handler posts; the main loop drains.
extern "C" void SysTick_Handler() { q.post(tick{store.now + 1}); }
extern "C" void UART_Handler(char c) { q.emplace<key>(c); }
unsigned main_loop_step() {
  auto d = nanoflux::make_dispatcher<acts>(store);
  return unsigned(q.drain(d) + q.size() + q.dropped());
}
