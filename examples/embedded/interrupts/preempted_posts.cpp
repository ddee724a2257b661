// Producers that preempt each other, on one queue (QEMU: microbit, Cortex-M0, and
// mps2-an385, Cortex-M3; SysTick and its registers are the same on both): the
// main loop posts work items 0, 1, 2... while SysTick, every 10 processor cycles (a few
// hundred instructions under QEMU's -icount), interrupts it and posts ticks, so that
// interrupts land inside the main loop's posts again and again. The main loop drains
// every few posts. At the end it checks: every work item dispatched once, in order;
// every tick SysTick posted dispatched once; every refused post counted by dropped().
//
// Built two ways:
//   (default)   action_queue<..., guarded_producers<nanoflux::interrupt_mask>>: each post
//               masks interrupts (the choice for ARMv6-M, which has no compare-and-swap
//               for multi_producer; the same instructions on a Cortex-M3)
//   UNGUARDED   single_producer, the wrong choice here: a tick posted while the main
//               loop is inside its own post takes the same slot. The test expects this
//               image to report lost ticks: it shows that the check can fail.
// No heap, no exceptions, no RTTI, no C library.
#include "mps2_peripherals.hpp"  // only SysTick (architectural: also on the Cortex-M0)
#include "semihosting.hpp"

#include <nanoflux/dispatcher.hpp>
#include <nanoflux/interrupt_mask.hpp>
#include <nanoflux/queue.hpp>

#include <cstdint>

struct work {
  std::uint32_t n;
};
struct tick {};
using acts = nanoflux::actions<work, tick>;

#ifdef UNGUARDED
using producers = nanoflux::single_producer;
#else
using producers = nanoflux::guarded_producers<nanoflux::interrupt_mask>;
#endif
constinit nanoflux::action_queue<acts, 16, producers> queue;

struct tally {
  std::uint32_t works = 0;
  std::uint32_t next_work = 0;  // the work item expected next
  std::uint32_t out_of_order = 0;
  std::uint32_t ticks = 0;
  void on(work const& w) {
    ++works;
    if (w.n != next_work) ++out_of_order;
    next_work = w.n + 1;
  }
  void on(tick) { ++ticks; }
};
constinit tally seen;

// Written by SysTick only; read by the main loop once SysTick is stopped.
volatile std::uint32_t ticks_posted = 0;
volatile std::uint32_t ticks_refused = 0;

extern "C" void systick_handler() {
  if (queue.post(tick{}))
    ticks_posted = ticks_posted + 1;
  else
    ticks_refused = ticks_refused + 1;
}

namespace {
void report(char const* what, std::uint32_t value) {
  semihosting::write(what);
  semihosting::write_number(value);
  semihosting::write("\n");
}
}  // namespace

int firmware_main() {
  constexpr std::uint32_t items = 20000;
  auto d = nanoflux::make_dispatcher<acts>(seen);
  std::uint32_t work_refused = 0;
  mps2::reg<0xE000E014>::ref() = 10 - 1;  // SYST_RVR: every 10 processor cycles
  mps2::reg<0xE000E018>::ref() = 0;       // SYST_CVR
  mps2::reg<0xE000E010>::ref() = 0b111;   // SYST_CSR: processor clock, interrupt, enable
  for (std::uint32_t n = 0; n < items; ++n) {
    while (!queue.post(work{n})) {
      ++work_refused;
      queue.drain(d);
    }
    if (n % 4 == 3) queue.drain(d);
  }
  mps2::stop_systick();
  while (queue.drain(d) != 0) {
  }
  std::uint32_t const posted = ticks_posted;
  std::uint32_t const refused = ticks_refused;
  report("work items dispatched: ", seen.works);
  report("out of order: ", seen.out_of_order);
  report("ticks posted: ", posted);
  report("ticks dispatched: ", seen.ticks);
  report("refused posts: ", refused + work_refused);
  report("dropped(): ", static_cast<std::uint32_t>(queue.dropped()));
  bool const ok = seen.works == items && seen.next_work == items && seen.out_of_order == 0 && seen.ticks == posted && posted > 1000 &&
                  queue.dropped() == refused + work_refused && queue.empty();
  semihosting::write(ok ? "preempted posts: ok\n" : "preempted posts: LOST OR REPEATED ACTIONS\n");
  return ok ? 0 : 1;
}
