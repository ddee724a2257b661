// Minimal ARM semihosting: text to the debugger's console and exit, with no C library.
#ifndef NANOFLUX_EXAMPLE_SEMIHOSTING_HPP
#define NANOFLUX_EXAMPLE_SEMIHOSTING_HPP

namespace semihosting {

inline int call(int operation, void const* argument) {
  register int r0 asm("r0") = operation;
  register void const* r1 asm("r1") = argument;
  asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

inline void write(char const* text) { call(0x04, text); }  // SYS_WRITE0

inline void write_number(unsigned value) {
  char digits[12];
  char* p = digits + sizeof digits;
  *--p = '\0';
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  write(p);
}

[[noreturn]] inline void exit(bool success) {
  // SYS_EXIT with ADP_Stopped_ApplicationExit (QEMU exits 0) or RunTimeErrorUnknown (1).
  call(0x18, reinterpret_cast<void const*>(success ? 0x20026 : 0x20023));
  for (;;) {
  }
}

}  // namespace semihosting

#endif
