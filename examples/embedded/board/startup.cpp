// Reset handler and vector table for the Cortex-M boards the examples run on (QEMU's
// mps2-an385, mps2-an386, microbit). What a real image needs, not only QEMU:
//  - the full 16-entry table of the core's exceptions (SysTick is entry 15), followed
//    by BOARD_IRQS external interrupt entries (define it when the firmware uses any);
//  - .data is linked to load from flash and copied to RAM here (QEMU would load it in
//    place, a flash part does not), .bss zeroed, static constructors run (a firmware
//    whose globals are all constinit has none: the examples check .init_array is empty);
//  - any exception without a handler reports itself over semihosting and exits with
//    failure, so that a test fails instead of hanging.
#include "semihosting.hpp"

#ifndef BOARD_IRQS
#define BOARD_IRQS 0
#endif

int firmware_main();  // the firmware's main (ISO C++ forbids calling ::main)

extern "C" {
extern unsigned __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_top[];
extern void (*__init_array_start[])(), (*__init_array_end[])();

[[noreturn]] void reset_handler() {
  unsigned const* from = __data_load;
  for (unsigned* p = __data_start; p < __data_end; ++p) *p = *from++;
  for (unsigned* p = __bss_start; p < __bss_end; ++p) *p = 0;
  for (auto f = __init_array_start; f < __init_array_end; ++f) (*f)();
  semihosting::exit(firmware_main() == 0);
}

void unexpected_exception() noexcept {  // does not return (semihosting exit)
  unsigned ipsr;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  semihosting::write("unexpected exception ");
  semihosting::write_number(ipsr);
  semihosting::write("\n");
  semihosting::exit(false);
}

// The firmware defines the handlers it uses; the others fall back to the report above.
#define NANOFLUX_EXAMPLE_WEAK_HANDLER(name) void name() noexcept __attribute__((weak, alias("unexpected_exception")));
NANOFLUX_EXAMPLE_WEAK_HANDLER(nmi_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(hard_fault_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(mem_manage_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(bus_fault_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(usage_fault_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(svc_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(debug_monitor_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(pendsv_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(systick_handler)
#if BOARD_IRQS > 0
// mps2-an385/an386 (CMSDK): IRQ 0 is UART0's receive interrupt, IRQ 1 its transmit.
NANOFLUX_EXAMPLE_WEAK_HANDLER(uart0_rx_handler)
NANOFLUX_EXAMPLE_WEAK_HANDLER(uart0_tx_handler)
#endif

using vector = void (*)();
__attribute__((section(".vectors"), used)) vector const vector_table[16 + BOARD_IRQS] = {
    reinterpret_cast<vector>(__stack_top),
    reset_handler,
    nmi_handler,
    hard_fault_handler,
    mem_manage_handler,   // reserved on ARMv6-M (Cortex-M0)
    bus_fault_handler,    // reserved on ARMv6-M
    usage_fault_handler,  // reserved on ARMv6-M
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    svc_handler,
    debug_monitor_handler,  // reserved on ARMv6-M
    nullptr,
    pendsv_handler,
    systick_handler,
#if BOARD_IRQS > 0
    uart0_rx_handler,
    uart0_tx_handler,
    // the other external interrupts: unexpected_exception (zero-filled entries would
    // jump to address 0)
#define NANOFLUX_EXAMPLE_UNUSED_IRQ unexpected_exception,
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
    NANOFLUX_EXAMPLE_UNUSED_IRQ NANOFLUX_EXAMPLE_UNUSED_IRQ
#endif
};

// A global with a destructor (a store with subscribers, an action queue) is registered
// at start-up with __aeabi_atexit, to be destroyed at exit. Firmware never exits: the
// registration does nothing. (GCC has no flag to skip it; the registration is the one
// .init_array entry such a firmware has.)
void* __dso_handle = nullptr;
int __aeabi_atexit(void*, void (*)(void*), void*) { return 0; }

// Compilers may emit calls to these even in freestanding code.
void* memset(void* dest, int value, unsigned n) {
  auto* d = static_cast<unsigned char*>(dest);
  while (n--) *d++ = static_cast<unsigned char>(value);
  return dest;
}
void* memcpy(void* dest, void const* src, unsigned n) {
  auto* d = static_cast<unsigned char*>(dest);
  auto const* s = static_cast<unsigned char const*>(src);
  while (n--) *d++ = *s++;
  return dest;
}
}
