// Reset and HardFault handlers for the Cortex-M3 (mps2-an385): zero .bss, run the static
// constructors, call firmware_main, exit through semihosting with its result.
#include "semihosting.hpp"

int firmware_main();

extern "C" {
extern unsigned __bss_start[], __bss_end[], __stack_top[];
extern void (*__init_array_start[])(), (*__init_array_end[])();

[[noreturn]] void reset_handler() {
  for (unsigned* p = __bss_start; p < __bss_end; ++p) *p = 0;
  for (auto f = __init_array_start; f < __init_array_end; ++f) (*f)();
  semihosting::exit(firmware_main() == 0);
}
// The default error hook ends here (udf: an undefined instruction, escalated to HardFault).
[[noreturn]] void hard_fault_handler() {
  semihosting::write("HardFault: the default hook's trap\n");
  semihosting::exit(false);
}

[[gnu::used]] void* memset(void* dest, int value, unsigned n) {
  auto* d = static_cast<unsigned char*>(dest);
  while (n--) *d++ = static_cast<unsigned char>(value);
  return dest;
}
[[gnu::used]] void* memcpy(void* dest, void const* src, unsigned n) {
  auto* d = static_cast<unsigned char*>(dest);
  auto const* s = static_cast<unsigned char const*>(src);
  while (n--) *d++ = *s++;
  return dest;
}

// Initial SP, reset, NMI, HardFault.
__attribute__((section(".vectors"), used)) void const* const vector_table[4] = {
    __stack_top, reinterpret_cast<void const*>(&reset_handler), reinterpret_cast<void const*>(&hard_fault_handler),
    reinterpret_cast<void const*>(&hard_fault_handler)};
}
