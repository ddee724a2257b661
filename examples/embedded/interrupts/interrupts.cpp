// A firmware driven by real interrupts (QEMU mps2-an385, Cortex-M3): SysTick posts a
// timer_tick 100 times a second, the UART's receive interrupt posts a key_pressed per
// character received; the main loop sleeps (WFI) while there is nothing to do and
// dispatches what the interrupts queued, in the order they queued it. A view reports
// the state changes: the setpoint the keys '+', '-' and 'r' change, and the uptime
// every 100 ticks. 'q' ends it once 300 ticks have run.
//
// Built five ways (the tests run them all and compare the sizes):
//   (default)       nanoflux: an action_queue the interrupts post to, drained into a
//                   static_dispatcher over the global stores; the view subscribed to
//                   the stores for good (permanent_subscribers<1>: no heap, no handle,
//                   trivially destructible stores)
//   NF_FIXED        the same with fixed_subscribers<1> (subscribers that can leave),
//                   the view subscribed for good (subscribe_permanently)
//   NF_HANDLES      the same with fixed_subscribers<1>, the view subscribed with handles
//   NF_DIRECT_VIEW  the same queue and dispatcher, the stores calling the view directly
//                   (what the queue and the dispatch cost, without the subscriptions)
//   HAND_WRITTEN    a ring buffer of a tagged union, a switch, direct calls to the view
// No heap (the link fails on any use), no exceptions, no RTTI, no C library.
//
// SysTick and the UART interrupt have the same priority, so neither preempts the other:
// the queue has one producer at a time (single_producer is enough).
#include "mps2_peripherals.hpp"
#include "semihosting.hpp"

#include <atomic>
#include <cstdint>

#ifndef HAND_WRITTEN
#include <nanoflux/queue.hpp>
#include <nanoflux/static_dispatcher.hpp>
#include <nanoflux/store.hpp>
#endif

// --- actions -------------------------------------------------------------------------
struct timer_tick {};    // SysTick, every 10 ms
struct key_pressed {     // a character received by the UART
  char key;
};

constexpr unsigned ticks_per_second = 100;
constexpr unsigned queue_capacity = 16;

// --- the view: what the firmware shows (here: semihosting text) ------------------------
struct view {
  void show_setpoint(int tenths) {
    semihosting::write("setpoint ");
    semihosting::write_number(static_cast<unsigned>(tenths / 10));
    semihosting::write(".");
    semihosting::write_number(static_cast<unsigned>(tenths % 10));
    semihosting::write(" C\n");
  }
  void show_uptime(unsigned seconds) {
    semihosting::write("uptime ");
    semihosting::write_number(seconds);
    semihosting::write(" s\n");
  }
};
constinit view display;

// --- stores --------------------------------------------------------------------------
#if defined(HAND_WRITTEN) || defined(NF_DIRECT_VIEW)
#define STORE_BASE(name)
#define CHANGED(call) call
#elif defined(NF_FIXED) || defined(NF_HANDLES)
// Subscribers that can leave (fixed_subscribers): the store has a destructor.
#define STORE_BASE(name) : public nanoflux::store<name, nanoflux::fixed_subscribers<1>>
#define CHANGED(call) notify()
#else
// A store notifies its subscribers (the view) itself; at most one subscriber, held in
// the store for good: no heap, and no destructor (permanent_subscribers). A slot of
// one pointer: the view's lambdas capture nothing.
#define STORE_BASE(name) : public nanoflux::store<name, nanoflux::permanent_subscribers<1, sizeof(void*)>>
#define CHANGED(call) notify()
#endif

class clock_store STORE_BASE(clock_store) {
public:
#ifndef HAND_WRITTEN
  // The view only prints: nothing that runs in a handler dispatches.
  static constexpr bool handlers_never_dispatch = true;
#endif
  void on(timer_tick) {
    if (++ticks_ % ticks_per_second == 0) CHANGED(display.show_uptime(seconds()));
  }
  unsigned ticks() const { return ticks_; }
  unsigned seconds() const { return ticks_ / ticks_per_second; }

private:
  unsigned ticks_ = 0;
};

class setpoint_store STORE_BASE(setpoint_store) {
public:
#ifndef HAND_WRITTEN
  static constexpr bool handlers_never_dispatch = true;
#endif
  void on(key_pressed k) {
    ++keys_;
    int const before = tenths_;
    switch (k.key) {
      case '+': tenths_ += 5; break;
      case '-': tenths_ -= 5; break;
      case 'r': tenths_ = 200; break;
      case 'q': quit_ = true; break;
      default: ++ignored_; break;
    }
    if (tenths_ != before) CHANGED(display.show_setpoint(tenths_));
  }
  int tenths() const { return tenths_; }
  bool quit() const { return quit_; }
  unsigned keys() const { return keys_; }
  unsigned ignored() const { return ignored_; }

private:
  int tenths_ = 200;
  unsigned keys_ = 0, ignored_ = 0;
  bool quit_ = false;
};

constinit clock_store uptime;
constinit setpoint_store setpoint;

// --- the queue between the interrupts and the main loop -------------------------------
#ifdef HAND_WRITTEN
// A ring of a tagged union: the interrupts write at head, the main loop reads at tail.
struct event {
  enum class kind : std::uint8_t { tick, key } type;
  char key;
};
class event_ring {
public:
  bool push(event e) {  // interrupts only
    std::uint32_t const head = head_.load(std::memory_order_relaxed);
    if (head - tail_.load(std::memory_order_acquire) == queue_capacity) {
      dropped_ = dropped_ + 1;
      return false;
    }
    slots_[head % queue_capacity] = e;
    head_.store(head + 1, std::memory_order_release);
    return true;
  }
  bool pop(event& e) {  // main loop only
    std::uint32_t const tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire)) return false;
    e = slots_[tail % queue_capacity];
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }
  bool empty() const { return tail_.load(std::memory_order_relaxed) == head_.load(std::memory_order_acquire); }
  unsigned dropped() const { return dropped_; }

private:
  event slots_[queue_capacity]{};
  std::atomic<std::uint32_t> head_{0}, tail_{0};
  unsigned dropped_ = 0;
};
constinit event_ring queue;

void post(timer_tick) { queue.push({event::kind::tick, 0}); }
void post(key_pressed k) { queue.push({event::kind::key, k.key}); }
void drain() {
  event e;
  while (queue.pop(e)) {
    switch (e.type) {
      case event::kind::tick: uptime.on(timer_tick{}); break;
      case event::kind::key: setpoint.on(key_pressed{e.key}); break;
    }
  }
}
#else
using firmware_actions = nanoflux::actions<timer_tick, key_pressed>;
constinit nanoflux::action_queue<firmware_actions, queue_capacity, nanoflux::single_producer> queue;

template <class A>
void post(A const& action) {
  queue.post(action);
}
void drain() {
  // A static_dispatcher is an empty object (its stores are template arguments, and
  // they promise handlers_never_dispatch: no flag): made where it is used, it takes no
  // static RAM.
  nanoflux::basic_static_dispatcher<firmware_actions, uptime, setpoint> dispatcher;
  queue.drain(dispatcher);
}
#endif

// --- interrupt handlers (the vector table in board/startup.cpp names them) ------------
std::atomic<unsigned> ticks_posted{0};  // to check that every tick was handled once

extern "C" void systick_handler() {
  ticks_posted.store(ticks_posted.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  post(timer_tick{});
}
extern "C" void uart0_rx_handler() { post(key_pressed{mps2::uart0::take_received()}); }

#ifndef HAND_WRITTEN
// The program's error hook (no stdio here: it reports through semihosting). nanoflux
// reports a nested dispatch or a subscriber past the capacity to it; none happens.
void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  if (e.message) semihosting::write(e.message);  // null with NANOFLUX_ERROR_MESSAGES=0
  semihosting::exit(false);
}
#endif

#ifdef PROVE_NO_HEAP
// Used by a test: any heap use must make the link fail (there is no malloc/new here).
int* volatile heap_probe = new int(1);
#endif

int firmware_main() {
#if defined(NF_HANDLES)
  // Subscriptions with handles (ended when firmware_main returns).
  auto show_setpoint = setpoint.subscribe([](setpoint_store const& s) { display.show_setpoint(s.tenths()); });
  auto show_uptime = uptime.subscribe([](clock_store const& c) { display.show_uptime(c.seconds()); });
#elif !defined(HAND_WRITTEN) && !defined(NF_DIRECT_VIEW)
  // The view stays subscribed for good: no handle (and none of its code).
  setpoint.subscribe_permanently([](setpoint_store const& s) { display.show_setpoint(s.tenths()); });
  uptime.subscribe_permanently([](clock_store const& c) { display.show_uptime(c.seconds()); });
#endif
  mps2::uart0::enable_receive_interrupt();
  mps2::start_systick(ticks_per_second);

  while (!(setpoint.quit() && uptime.ticks() >= 3 * ticks_per_second)) {
    mps2::disable_interrupts();
    if (queue.empty()) mps2::wait_for_interrupt();
    mps2::enable_interrupts();  // the pending interrupt runs here
    drain();
  }

  mps2::disable_interrupts();
  mps2::stop_systick();
  drain();  // what came after the last drain
  bool const all_ticks_handled = ticks_posted.load(std::memory_order_relaxed) == uptime.ticks();
  semihosting::write("keys ");
  semihosting::write_number(setpoint.keys());
  semihosting::write(" (");
  semihosting::write_number(setpoint.ignored());
  semihosting::write(" ignored), every tick handled once: ");
  semihosting::write(all_ticks_handled ? "yes" : "NO");
  semihosting::write(", dropped ");
  semihosting::write_number(static_cast<unsigned>(queue.dropped()));
  semihosting::write("\n");
  return all_ticks_handled && queue.dropped() == 0 ? 0 : 1;
}
