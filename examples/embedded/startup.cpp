// Reset handler and a two-entry vector table for the Cortex-M3: zero .bss, run the
// static constructors, call main, report its result through semihosting.
#include "semihosting.hpp"

int firmware_main();  // the firmware's main (ISO C++ forbids calling ::main)

extern "C" {
extern unsigned __bss_start[], __bss_end[], __stack_top[];
extern void (*__init_array_start[])(), (*__init_array_end[])();

[[noreturn]] void reset_handler() {
  for (unsigned* p = __bss_start; p < __bss_end; ++p) *p = 0;
  for (auto f = __init_array_start; f < __init_array_end; ++f) (*f)();
  semihosting::exit(firmware_main() == 0);
}

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

__attribute__((section(".vectors"), used)) void const* const vector_table[2] = {
    __stack_top, reinterpret_cast<void const*>(&reset_handler)};
}
