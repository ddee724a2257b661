// nanoflux: ring positions of an action_queue, and what the target's atomics allow.
#ifndef NANOFLUX_DETAIL_QUEUE_POSITIONS_HPP
#define NANOFLUX_DETAIL_QUEUE_POSITIONS_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <version>

// NANOFLUX_QUEUE_WAIT: the consumer can sleep in q.wait() (C++20 std::atomic::wait).
// Hosted standard libraries have it; bare-metal ones (arm-none-eabi's newlib) do not:
// there the main loop sleeps with WFI instead, and posts notify nobody.
#if !defined(NANOFLUX_QUEUE_WAIT)
#if defined(__cpp_lib_atomic_wait)
#define NANOFLUX_QUEUE_WAIT 1
#else
#define NANOFLUX_QUEUE_WAIT 0
#endif
#endif

// A ring's claim() and commit(), which every post calls: inlined whenever the compiler
// optimizes (at -Os too: on ARM a call returning a claimed slot would pass it through
// memory), and left as calls at -O0, where forcing them inline costs each post<A>
// instantiation compile time (+40% for 500 action types).
#if defined(__OPTIMIZE__) && (defined(__GNUC__) || defined(__clang__))
#define NANOFLUX_DETAIL_QUEUE_INLINE [[gnu::always_inline]] inline
#else
#define NANOFLUX_DETAIL_QUEUE_INLINE inline
#endif

namespace nanoflux::detail::queue {

// Producers and the consumer write different words: on hosts, keep them on different
// cache lines (no false sharing between the posting threads and the draining one). On
// microcontrollers (one core, RAM counted in bytes) no padding.
#if defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
inline constexpr std::size_t cache_line = alignof(std::uint32_t);
#else
inline constexpr std::size_t cache_line = 64;
#endif

// Whether multi_producer can be lock-free here: it needs a compare-and-swap on a word
// that the hardware does without a lock and without a library call. ARMv6-M (Cortex-M0,
// M0+, M1) has none: its std::atomic read-modify-writes are calls into libatomic (or
// missing), which would be a hidden lock or a link error.
#if defined(__ARM_ARCH_6M__)
inline constexpr bool has_lock_free_cas = false;
#else
inline constexpr bool has_lock_free_cas = std::atomic<std::size_t>::is_always_lock_free;
#endif

// Positions count posts modulo wrap, a multiple of Capacity that is at most half the
// range of Pos. slot index = position % Capacity. When Capacity is a power of two, wrap
// is Pos's whole range and the arithmetic is the plain unsigned one (no branch).
template <class Pos, std::size_t Capacity>
struct positions {
  static_assert(Capacity > 0, "nanoflux: an action_queue needs a capacity of at least 1");
  static_assert(Capacity <= (Pos(-1) >> 2), "nanoflux: action_queue capacity too large");
  static constexpr bool power_of_two = (Capacity & (Capacity - 1)) == 0;
  // Unused when power_of_two (the arithmetic then wraps at Pos's range by itself).
  static constexpr Pos wrap = Pos((Pos(-1) / 2 + 1) / Capacity * Capacity);

  static constexpr Pos next(Pos p) noexcept { return advance(p, 1); }
  static constexpr Pos advance(Pos p, Pos n) noexcept {  // n <= Capacity
    if constexpr (power_of_two)
      return Pos(p + n);
    else
      return p >= wrap - n ? Pos(p - (wrap - n)) : Pos(p + n);
  }
  static constexpr std::size_t index(Pos p) noexcept { return std::size_t(p % Capacity); }
  // later - earlier, for later not before earlier.
  static constexpr Pos distance(Pos later, Pos earlier) noexcept {
    if constexpr (power_of_two)
      return Pos(later - earlier);
    else
      return later >= earlier ? Pos(later - earlier) : Pos(later + (wrap - earlier));
  }
  // a - b as a signed number (a and b less than half the wrap apart).
  static constexpr std::ptrdiff_t difference(Pos a, Pos b) noexcept {
    Pos d = distance(a, b);
    constexpr Pos half = power_of_two ? Pos(Pos(-1) / 2 + 1) : Pos(wrap / 2);
    if constexpr (power_of_two)
      return d < half ? std::ptrdiff_t(d) : -std::ptrdiff_t(Pos(Pos(0) - d));
    else
      return d < half ? std::ptrdiff_t(d) : -std::ptrdiff_t(wrap - d);
  }
};

}  // namespace nanoflux::detail::queue

#endif
