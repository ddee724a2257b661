// The few mps2-an385/an386 peripherals the interrupt-driven example uses: SysTick,
// the NVIC, and UART0 (an ARM CMSDK APB UART: receive interrupt = IRQ 0).
#ifndef NANOFLUX_EXAMPLE_MPS2_PERIPHERALS_HPP
#define NANOFLUX_EXAMPLE_MPS2_PERIPHERALS_HPP

#include <cstdint>

namespace mps2 {

inline constexpr std::uint32_t cpu_hz = 25'000'000;  // SYSCLK of the FPGA images

template <std::uintptr_t Address>
struct reg {
  static volatile std::uint32_t& ref() { return *reinterpret_cast<volatile std::uint32_t*>(Address); }
};

// SysTick: counts the processor clock down from `reload`, interrupts at zero.
inline void start_systick(std::uint32_t hz) {
  reg<0xE000E014>::ref() = cpu_hz / hz - 1;  // SYST_RVR
  reg<0xE000E018>::ref() = 0;                // SYST_CVR
  reg<0xE000E010>::ref() = 0b111;            // SYST_CSR: processor clock, interrupt, enable
}
inline void stop_systick() { reg<0xE000E010>::ref() = 0; }

// UART0 at 0x40004000.
struct uart0 {
  static constexpr std::uintptr_t base = 0x40004000;
  static volatile std::uint32_t& data() { return reg<base + 0x00>::ref(); }
  static volatile std::uint32_t& state() { return reg<base + 0x04>::ref(); }
  static volatile std::uint32_t& ctrl() { return reg<base + 0x08>::ref(); }
  static volatile std::uint32_t& intclear() { return reg<base + 0x0C>::ref(); }
  static volatile std::uint32_t& bauddiv() { return reg<base + 0x10>::ref(); }
  static constexpr std::uint32_t rx_full = 1u << 1;        // STATE
  static constexpr std::uint32_t rx_interrupt = 1u << 1;   // INTSTATUS / INTCLEAR
  // Receiver and its interrupt on, and IRQ 0 enabled in the NVIC.
  static void enable_receive_interrupt() {
    bauddiv() = 16;
    ctrl() = (1u << 1) | (1u << 3);  // RX enable, RX interrupt enable
    reg<0xE000E100>::ref() = 1u << 0;  // NVIC_ISER0: IRQ 0
  }
  // In the receive interrupt: the interrupt is acknowledged before the character is
  // read, so that a character arriving after the read raises it again.
  static char take_received() {
    intclear() = rx_interrupt;
    return static_cast<char>(data());
  }
};

inline void disable_interrupts() { asm volatile("cpsid i" ::: "memory"); }
inline void enable_interrupts() { asm volatile("cpsie i" ::: "memory"); }
// Sleeps until an interrupt is pending. Called with interrupts disabled, after
// checking there is nothing to do: an interrupt that came after the check still wakes
// it, and runs as soon as interrupts are enabled again.
inline void wait_for_interrupt() { asm volatile("wfi" ::: "memory"); }

}  // namespace mps2

#endif
