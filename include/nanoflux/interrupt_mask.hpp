// nanoflux: interrupt_mask, the guard of action_queue<..., guarded_producers<interrupt_mask>>
// on Cortex-M cores.
//
// While an interrupt_mask lives, interrupts are masked (PRIMASK set: every exception of
// configurable priority waits); its destructor puts PRIMASK back as it found it, so a
// post from code that already runs with interrupts masked leaves them masked. On a
// single core this makes each post indivisible for every other producer (interrupt
// handlers of any priority, and the main loop), which is what the single-producer ring
// needs: a queue that interrupts of several priorities post to, on ARMv6-M (Cortex-M0,
// M0+), which has no compare-and-swap for multi_producer. Also correct on ARMv7-M and
// ARMv8-M, where multi_producer is the lock-free choice. The cost: interrupts wait for
// the length of a post (its claim, the action's construction, its commit), and NMI and
// HardFault are not masked (post nothing from them).
//
// Not for several cores, nor for threads of an operating system that may run a post on
// another core: use multi_producer there.
#ifndef NANOFLUX_INTERRUPT_MASK_HPP
#define NANOFLUX_INTERRUPT_MASK_HPP

#include <nanoflux/detail/config.hpp>

#include <cstdint>

namespace nanoflux {

#if defined(__arm__) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
/// Masks interrupts (PRIMASK) for its lifetime, then restores PRIMASK as it was.
class interrupt_mask {
public:
  interrupt_mask() noexcept { __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask_) : : "memory"); }
  ~interrupt_mask() { __asm__ volatile("msr primask, %0" : : "r"(primask_) : "memory"); }
  interrupt_mask(interrupt_mask const&) = delete;
  interrupt_mask& operator=(interrupt_mask const&) = delete;

private:
  std::uint32_t primask_;
};
#else
/// Only on ARM Cortex-M targets: a compile error elsewhere, when used.
class interrupt_mask {
public:
  template <class T = void>
  interrupt_mask() noexcept {
    // An error here means nanoflux::interrupt_mask was used on a target that is not an
    // ARM Cortex-M core (it masks interrupts with PRIMASK). Elsewhere, give
    // guarded_producers a guard of your own, or use multi_producer.
    static_assert(sizeof(T*) == 0, "nanoflux::interrupt_mask needs an ARM Cortex-M target (it masks interrupts with PRIMASK)");
  }
};
#endif

}  // namespace nanoflux

#endif
