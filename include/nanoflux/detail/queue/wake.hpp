// nanoflux: how a post tells a sleeping consumer (NANOFLUX_QUEUE_WAIT), without a
// locked instruction on every post where the system allows it.
//
// The problem is the classic one of two flags: the producer stores its tail, then reads
// the consumer's "sleeping" flag; the consumer stores "sleeping", then reads the tail.
// Unless something orders each side's store before its load, both can read the old
// value, and the consumer sleeps next to an action nobody will tell it about.
// - Symmetric (anywhere): both sides use seq_cst (a full fence on each side; on x86 the
//   producer's store is an xchg, a locked instruction on every post).
// - Asymmetric (Linux, membarrier(2) with MEMBARRIER_CMD_PRIVATE_EXPEDITED): the
//   producer only keeps the compiler from reordering its store and load; the consumer,
//   after raising "sleeping" and before its last look at the tail, runs membarrier(),
//   which makes every running thread of the process execute a full memory barrier. So
//   either a producer's store-then-load happened entirely before that barrier (its
//   tail is visible to the consumer's last look) or its load comes after it (and sees
//   "sleeping"). The consumer pays a system call when it goes to sleep, which it is
//   about to do anyway; the producers pay nothing. (Folly's asymmetric fence, same
//   argument.) Registration happens once per process, when the first queue is built;
//   where it fails (old kernel, sandbox), every queue uses the symmetric form.
//
// What a post pays (wake_word below): one relaxed load of one byte and a branch, taken
// only when there is more to do. The byte holds both facts a post needs: bit 0, the
// consumer sleeps (or is about to); bit 1, this queue uses the symmetric form (set when
// the queue is built, kept by every later store, never cleared). So:
// - asymmetric form: the byte is 0 or 1, and it is the "sleeping" flag of the argument
//   above, read after a compiler-only fence. Nonzero: notify.
// - symmetric form: the byte is never 0, so every post takes the slow path: a seq_cst
//   fence, then a second relaxed load of the byte, whose bit 0 is the "sleeping" flag
//   read after the fence, as the argument needs (the first load decided nothing about
//   sleeping: it only saw bit 1, which never changes after construction; the queue's
//   construction happens before any post, as for every member).
// The consumer: raise bit 0 (relaxed store), its fence (seq_cst, or membarrier), its
// last look at the position; on waking, clear bit 0.
#ifndef NANOFLUX_DETAIL_QUEUE_WAKE_HPP
#define NANOFLUX_DETAIL_QUEUE_WAKE_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/queue/positions.hpp>

#include <atomic>

// NANOFLUX_QUEUE_MEMBARRIER=0 forces the symmetric form (a test builds both).
#if !defined(NANOFLUX_QUEUE_MEMBARRIER)
#if NANOFLUX_QUEUE_WAIT && defined(__linux__) && __has_include(<linux/membarrier.h>) && \
    __has_include(<sys/syscall.h>) && __has_include(<unistd.h>)
#define NANOFLUX_QUEUE_MEMBARRIER 1
#else
#define NANOFLUX_QUEUE_MEMBARRIER 0
#endif
#endif
#if NANOFLUX_QUEUE_MEMBARRIER
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace nanoflux::detail::queue {

#if NANOFLUX_QUEUE_WAIT
// Whether the asymmetric form is available; decided once per process.
inline bool asymmetric_fences() noexcept {
#if NANOFLUX_QUEUE_MEMBARRIER
  static bool const available = [] {
    long const commands = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0);
    if (commands < 0 || !(commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED)) return false;
    return syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0) == 0;
  }();
  return available;
#else
  return false;
#endif
}

// The consumer's side: between its store of "sleeping" and its last read of the tail.
inline void consumer_fence(bool asymmetric) noexcept {
#if NANOFLUX_QUEUE_MEMBARRIER
  if (asymmetric) {
    // Cannot fail once the process is registered (asymmetric_fences() said yes).
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0);
    return;
  }
#endif
  (void)asymmetric;
  std::atomic_thread_fence(std::memory_order_seq_cst);
}

// The byte every post reads after publishing (see the top of this file). Mutable
// members: the consumer's wait() is const.
class wake_word {
  static constexpr unsigned char sleeping = 1, symmetric = 2;

public:
  wake_word() noexcept : word_(asymmetric_fences() ? 0 : symmetric) {}

  // The producer, after its release store that publishes an action: notify(), if the
  // consumer may be asleep.
  template <class Notify>
  NANOFLUX_INLINE void after_publish(Notify notify) const noexcept {
    std::atomic_signal_fence(std::memory_order_seq_cst);  // the compiler only
    if (word_.load(std::memory_order_relaxed) != 0) [[unlikely]] {
      if (word_.load(std::memory_order_relaxed) & symmetric) std::atomic_thread_fence(std::memory_order_seq_cst);
      if (word_.load(std::memory_order_relaxed) & sleeping) notify();
    }
  }
  // The consumer, before its last look at the position it waits on...
  void going_to_sleep() const noexcept {
    unsigned char const w = word_.load(std::memory_order_relaxed);
    word_.store(w | sleeping, std::memory_order_relaxed);
    consumer_fence((w & symmetric) == 0);
  }
  // ...and once it has seen an action.
  void awake() const noexcept {
    word_.store(word_.load(std::memory_order_relaxed) & symmetric, std::memory_order_relaxed);
  }

private:
  // Read by every post, written only when the consumer goes to sleep and wakes: a line
  // of its own, so that the consumer's progress does not invalidate it.
  alignas(cache_line) mutable std::atomic<unsigned char> word_;
};
#endif

}  // namespace nanoflux::detail::queue

#endif
