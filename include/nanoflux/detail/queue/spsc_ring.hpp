// nanoflux: the single-producer ring of action_queue<..., single_producer>.
//
// Contract: one producer at a time (one thread, or interrupt handlers that cannot
// preempt each other) calls push(); one consumer at a time calls drain(), wait(). push
// is wait-free: a bounded number of steps, atomic loads and stores only (no
// read-modify-write), so it works on ARMv6-M (Cortex-M0), which has no
// compare-and-swap.
//
// Mechanism: two counters, tail_ (written by the producer only) and head_ (written by
// the consumer only). Slots [head, tail) hold actions. Memory orders:
// - push reads head_ with acquire, and only when the queue looks full from its last
//   read (limit_, that read plus Capacity: the producer does not touch the consumer's
//   cache line on every post; an old head_ only makes the queue look fuller than it
//   is). The acquire pairs
//   with the consumer's release store of head_ after it destroyed the slot's previous
//   action: the producer's construction of the new action happens after that
//   destruction.
// - push publishes tail_ with release.
//   drain reads tail_ with acquire: every byte of the actions before tail is visible
//   to the consumer before it dispatches them.
// - The producer reads its own tail_ relaxed, the consumer its own head_: each is the
//   only writer of its counter.
// Waiting (NANOFLUX_QUEUE_WAIT): the consumer raises "sleeping" (wake_), fences, reads
// tail_ and, if nothing arrived, blocks in tail_.wait(). The producer stores tail_
// (release), fences, reads "sleeping" and calls tail_.notify_one() if it is set. The
// fences make one of the two see the other's store, so no wake-up is lost: seq_cst
// fences on both sides, or, on Linux, a compiler-only fence for the producer and
// membarrier(2) for the consumer (wake.hpp has the argument, and how a post reads both
// "sleeping" and "which fence" in one load). std::atomic::wait itself re-checks the
// value, so a notify that comes before the block is not lost either.
#ifndef NANOFLUX_DETAIL_QUEUE_SPSC_RING_HPP
#define NANOFLUX_DETAIL_QUEUE_SPSC_RING_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/queue/positions.hpp>
#include <nanoflux/detail/queue/slots.hpp>
#include <nanoflux/detail/queue/wake.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace nanoflux::detail::queue {

// Layout: slot_layout<...> (size, alignment, tag type): the ring does not know the
// action types, so that its functions' names stay short with 500 actions.
template <class Layout, std::size_t Capacity>
class spsc_ring {
  using pos = positions<std::uint32_t, Capacity>;
  struct slot {
    alignas(Layout::align) unsigned char data[Layout::size];
    typename Layout::tag_type tag;
  };

public:
  spsc_ring() = default;
  spsc_ring(spsc_ring const&) = delete;
  spsc_ring& operator=(spsc_ring const&) = delete;
  // Destroys the actions still queued (never dispatched): destroy[tag](storage).
  void destroy_all(void (*const* destroy)(void*) noexcept) noexcept {
    std::uint32_t h = head_.load(std::memory_order_relaxed);
    std::uint32_t const t = tail_.load(std::memory_order_acquire);
    for (; h != t; h = pos::next(h)) destroy[slots_[pos::index(h)].tag](slots_[pos::index(h)].data);
    head_.store(t, std::memory_order_release);
  }

  // A post is claim(), the action's construction in claimed.storage, commit(claimed,
  // tag). The two are the same for every action type: a program posting 500 action
  // types compiles them once (at -O0 each post calls them). When optimizing both are
  // inlined (positions.hpp), so that claimed lives in registers; the rare path, full(),
  // stays a call.
  struct claimed {
    void* storage;
    std::uint32_t position;
  };
  // Storage for the next action, or nullptr when the queue is full (counted).
  NANOFLUX_DETAIL_QUEUE_INLINE claimed claim() noexcept {
    std::uint32_t const t = tail_.load(std::memory_order_relaxed);  // only this producer writes it
    if (t == limit_) [[unlikely]] {
      // Full as far as the producer knows: read the consumer's head_ again.
      if (full(t)) return {nullptr, t};
    }
    return {slots_[pos::index(t)].data, t};
  }
  // Publishes the action constructed in c.storage.
  NANOFLUX_DETAIL_QUEUE_INLINE void commit(claimed c, std::size_t tag) noexcept {
    slots_[pos::index(c.position)].tag = static_cast<typename Layout::tag_type>(tag);
    publish(pos::next(c.position));
  }
  // The construction threw: nothing was published, nothing to undo.
  void abandon(claimed) noexcept {}

  // delivery.deliver(slot): dispatches the action, then destroys it
  // (slots.hpp: a switch, or a table for large sets).
  template <class Delivery>
  NANOFLUX_INLINE std::size_t drain(Delivery const& delivery) {
    if (draining_) return 0;  // a drain from inside a drain of this queue: nothing
    std::uint32_t h = head_.load(std::memory_order_relaxed);
    std::uint32_t const end = tail_.load(std::memory_order_acquire);
    std::size_t const n = pos::distance(end, h);
    if (n == 0) return 0;
    draining_ = true;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
#endif
      do {
        slot& s = slots_[pos::index(h)];
        h = pos::next(h);
        delivery.deliver(s);  // dispatches, then destroys the action
        head_.store(h, std::memory_order_release);
      } while (h != end);
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    } catch (...) {
      head_.store(h, std::memory_order_release);  // the action that threw is consumed
      draining_ = false;
      throw;
    }
#endif
    draining_ = false;
    return n;
  }

  std::size_t size() const noexcept {
    std::uint32_t const h = head_.load(std::memory_order_acquire);
    std::uint32_t const t = tail_.load(std::memory_order_acquire);
    std::size_t const n = pos::distance(t, h);
    return n < Capacity ? n : Capacity;
  }
  std::size_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }

#if NANOFLUX_QUEUE_WAIT
  void wait() const noexcept {
    std::uint32_t const h = head_.load(std::memory_order_relaxed);
    if (tail_.load(std::memory_order_acquire) != h) return;
    wake_.going_to_sleep();
    while (tail_.load(std::memory_order_acquire) == h) tail_.wait(h, std::memory_order_acquire);
    wake_.awake();
  }
#endif

private:
  // Out of line (the rare paths): each post of each action type inlines only the
  // common path.
  [[gnu::noinline]] bool full(std::uint32_t t) noexcept {
    limit_ = pos::advance(head_.load(std::memory_order_acquire), Capacity);
    if (t != limit_) return false;
    // Only this producer writes dropped_: a load and a store, no read-modify-write.
    dropped_.store(dropped_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    return true;
  }
#if NANOFLUX_QUEUE_WAIT
  [[gnu::noinline, gnu::cold]] void wake() noexcept { tail_.notify_one(); }
#endif
  NANOFLUX_INLINE void publish(std::uint32_t t) noexcept {
    tail_.store(t, std::memory_order_release);
#if NANOFLUX_QUEUE_WAIT
    wake_.after_publish([this] { wake(); });
#endif
  }

  // First, so that a slot's address is the queue's plus an index, as in a hand-written
  // ring (one addition fewer per post and per action drained, when the queue is global).
  alignas(cache_line) slot slots_[Capacity]{};  // initialised: a global queue can be constinit
  // Written by the producer, read by the consumer on every drain; with it, what only
  // the producer touches.
  alignas(cache_line) std::atomic<std::uint32_t> tail_{0};
  // The producer's last read of head_ (never ahead of it) plus Capacity: the position
  // at which the queue looks full. A post compares its tail with it (one compare, where
  // the distance from head_ would take a subtraction and a compare). 0 at first, as if
  // full: the first post reads head_. (Not Capacity: a queue all zeros is zero-
  // initialised, in .bss, and a firmware image holds no copy of it.)
  std::uint32_t limit_ = 0;
  std::atomic<std::size_t> dropped_{0};
  // The consumer's line.
  alignas(cache_line) std::atomic<std::uint32_t> head_{0};
  bool draining_ = false;
#if NANOFLUX_QUEUE_WAIT
  wake_word wake_;  // "the consumer sleeps", and which fences: see wake.hpp
#endif
};

}  // namespace nanoflux::detail::queue

#endif
