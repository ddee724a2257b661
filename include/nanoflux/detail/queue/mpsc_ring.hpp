// nanoflux: the multi-producer ring of action_queue<..., multi_producer>.
//
// Contract: any number of producers (threads, interrupt handlers of any priority) call
// push() concurrently; one consumer at a time calls drain(), wait(). push is lock-free:
// no mutex, no interrupt masking; a producer that is preempted at any point never
// stops the other producers (one of them always completes a post in a bounded number
// of steps), and never blocks the consumer either: a drain stops before a slot whose
// post is unfinished and leaves it, and everything behind it, to the next drain.
//
// Mechanism: Dmitry Vyukov's bounded queue, with one consumer. Each slot carries a
// sequence number seq. For position p (slot p % Capacity):
//   seq == p       the slot is free for the post at position p;
//   seq == p + 1   the post at position p is complete: the consumer may take it;
//   seq == p + Capacity   the consumer has taken it: free for position p + Capacity.
// (Arithmetic modulo `wrap`, see positions.hpp: a multiple of Capacity, at least 2^31
// on 32-bit targets and 2^63 on 64-bit ones, so no position can come round again while
// a producer holds an old one.)
// Atomics and memory orders:
// - tail_ (the next position to claim) is claimed by compare_exchange_weak, relaxed:
//   the claim only has to be atomic (two producers never get the same position); no
//   data is handed over by tail_ itself.
// - A producer reads the slot's seq with acquire before claiming. It pairs with the
//   consumer's release store of seq after destroying the slot's previous action, so the
//   producer's construction of the new action happens after that destruction.
// - The producer publishes with a store of seq = p + 1, release. The consumer reads seq
//   with acquire (in complete_from(), before the drain dispatches anything): the
//   action's bytes and tag are visible before it dispatches the action.
// - Which actions a drain takes: the run of complete posts at its head, found before it
//   dispatches any (complete_from()). A post completed later, from another thread or
//   by a handler of this drain, waits for the next drain, as the contract says. The
//   drain does not read tail_ for that (see complete_from()).
// - dropped_ is a relaxed fetch_add: a counter, ordered with nothing.
// - head_ is the consumer's own position; it is atomic (written relaxed, at the end of
//   each drain) only so that size() may read it from another thread.
// - The claim needs a compare-and-swap: on a target without a lock-free one
//   (ARMv6-M), action_queue<..., multi_producer> does not compile (see queue.hpp).
// Waiting (NANOFLUX_QUEUE_WAIT): the consumer waits on the seq of the slot at its head.
// It raises "sleeping" (wake_), fences, reads that seq and blocks in seq.wait() while the post
// is not complete. A producer stores seq (release), fences, reads "sleeping" and
// notifies that slot's seq if it is set. The fences (seq_cst on both sides, or on Linux
// a compiler-only fence for producers and membarrier(2) for the consumer: wake.hpp)
// make one of the two see the other's store: no lost wake-up.
#ifndef NANOFLUX_DETAIL_QUEUE_MPSC_RING_HPP
#define NANOFLUX_DETAIL_QUEUE_MPSC_RING_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/queue/positions.hpp>
#include <nanoflux/detail/queue/slots.hpp>
#include <nanoflux/detail/queue/wake.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace nanoflux::detail::queue {

// Layout: slot_layout<...> (size, alignment, tag type, the "no action" tag).
template <class Layout, std::size_t Capacity>
class mpsc_ring {
  // With one slot, "free for p + Capacity" and "complete at p" would be the same seq.
  static_assert(Capacity >= 2, "nanoflux: an action_queue with multi_producer needs a capacity of at least 2");
  using pos = positions<std::size_t, Capacity>;
  struct slot {
    std::atomic<std::size_t> seq;
    typename Layout::tag_type tag;
    alignas(Layout::align) unsigned char data[Layout::size];
  };

public:
  mpsc_ring() noexcept {
    for (std::size_t i = 0; i < Capacity; ++i) slots_[i].seq.store(i, std::memory_order_relaxed);
  }
  mpsc_ring(mpsc_ring const&) = delete;
  mpsc_ring& operator=(mpsc_ring const&) = delete;
  // Destroys the actions still queued (never dispatched): destroy[tag](storage).
  void destroy_all(void (*const* destroy)(void*) noexcept) noexcept {
    std::size_t h = head_.load(std::memory_order_relaxed);
    for (;; h = pos::next(h)) {
      slot& s = slots_[pos::index(h)];
      if (s.seq.load(std::memory_order_acquire) != pos::next(h)) break;
      destroy[s.tag](s.data);
      s.seq.store(pos::advance(h, Capacity), std::memory_order_release);
    }
    head_.store(h, std::memory_order_relaxed);
  }

  // A post is claim(), the action's construction in claimed.storage, commit(claimed,
  // tag) (or abandon(claimed) if the construction threw). The same for every action
  // type: compiled once, however many action types are posted.
  // (The slot too: commit does not compute its address again.)
  struct claimed {
    void* storage;
    slot* claimed_slot;
    std::size_t position;
  };
  // Claims the next position; storage is nullptr when the queue is full (counted).
  claimed claim() noexcept {
    std::size_t p = tail_.load(std::memory_order_relaxed);
    for (;;) {
      slot& s = slots_[pos::index(p)];
      std::ptrdiff_t const d = pos::difference(s.seq.load(std::memory_order_acquire), p);
      if (d == 0) {
        if (tail_.compare_exchange_weak(p, pos::next(p), std::memory_order_relaxed, std::memory_order_relaxed))
          return {s.data, &s, p};
        // p now holds the current tail: try again there.
      } else if (d < 0) [[unlikely]] {
        // The slot still holds the action posted a lap ago, not yet taken: full.
        refuse();
        return {nullptr, nullptr, p};
      } else {
        p = tail_.load(std::memory_order_relaxed);  // another producer took position p
      }
    }
  }
  NANOFLUX_DETAIL_QUEUE_INLINE void commit(claimed c, std::size_t tag) noexcept {
    slot& s = *c.claimed_slot;
    s.tag = static_cast<typename Layout::tag_type>(tag);
    publish(s, pos::next(c.position));
  }
  // The construction threw after the position was claimed: publish it as empty, or
  // the queue would stop there.
  void abandon(claimed c) noexcept { commit(c, Layout::no_action); }

  // delivery.deliver_or_skip(slot): dispatches the action, then destroys it
  // (slots.hpp: a switch, or a table for large sets); false for a slot left empty.
  template <class Delivery>
  NANOFLUX_INLINE std::size_t drain(Delivery const& delivery) {
    if (draining_) return 0;  // a drain from inside a drain of this queue: nothing
    std::size_t const start = head_.load(std::memory_order_relaxed);
    std::size_t const end = complete_from(start);  // later posts wait for the next drain
    if (end == start) return 0;
    std::size_t h = start;
    std::size_t skipped = 0;  // slots left empty by a throwing constructor
    draining_ = true;
    slot* s = nullptr;
    std::size_t freed = 0;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
#endif
      while (h != end) {
        s = &slots_[pos::index(h)];
        freed = pos::advance(h, Capacity);
        h = pos::next(h);
        if (!delivery.deliver_or_skip(*s)) [[unlikely]]  // dispatches, then destroys the action
          ++skipped;
        s->seq.store(freed, std::memory_order_release);
      }
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    } catch (...) {
      s->seq.store(freed, std::memory_order_release);  // the action that threw is consumed
      head_.store(h, std::memory_order_relaxed);
      draining_ = false;
      throw;
    }
#endif
    // Once per drain (only size(), from other threads, reads it before the next drain).
    head_.store(h, std::memory_order_relaxed);
    draining_ = false;
    return pos::distance(h, start) - skipped;
  }

  std::size_t size() const noexcept {
    std::size_t const h = head_.load(std::memory_order_relaxed);
    std::size_t const t = tail_.load(std::memory_order_relaxed);
    std::ptrdiff_t const n = pos::difference(t, h);
    return n <= 0 ? 0 : std::size_t(n) < Capacity ? std::size_t(n) : Capacity;
  }
  std::size_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }

#if NANOFLUX_QUEUE_WAIT
  void wait() const noexcept {
    std::size_t const h = head_.load(std::memory_order_relaxed);
    slot const& s = slots_[pos::index(h)];
    if (s.seq.load(std::memory_order_acquire) != h) return;
    wake_.going_to_sleep();
    while (s.seq.load(std::memory_order_acquire) == h) s.seq.wait(h, std::memory_order_acquire);
    wake_.awake();
  }
#endif

private:
  // The end of the run of complete posts that starts at position start: the actions a drain
  // takes, found before it dispatches any of them. Every one was complete when the drain
  // started; the first slot after them held no complete post then (an unfinished post
  // stops the drain there, with everything behind it). The run is at most one lap: the slot
  // after a full lap is the first one again, still holding its action.
  // The bound is not the producers' claim counter (tail_): reading it would move its line
  // away from them, and each read would cost the next post's compare-and-swap a round trip
  // between cores. A consumer that keeps up drains a few actions at a time and would pay
  // that on nearly every one (bench/queue.cpp, one producer: 13 -> 23 million actions per
  // second); the walk reads the lines the drain reads next anyway.
  NANOFLUX_INLINE std::size_t complete_from(std::size_t start) const noexcept {
    std::size_t p = start;
    while (slots_[pos::index(p)].seq.load(std::memory_order_acquire) == pos::next(p)) p = pos::next(p);
    return p;
  }

  [[gnu::noinline]] void refuse() noexcept { dropped_.fetch_add(1, std::memory_order_relaxed); }
#if NANOFLUX_QUEUE_WAIT
  [[gnu::noinline, gnu::cold]] static void wake(slot& s) noexcept { s.seq.notify_one(); }
#endif
  NANOFLUX_INLINE void publish(slot& s, std::size_t seq) noexcept {
    s.seq.store(seq, std::memory_order_release);
#if NANOFLUX_QUEUE_WAIT
    wake_.after_publish([&s] { wake(s); });
#endif
  }

  // First, so that a slot's address is the queue's plus an index (as in spsc_ring).
  alignas(cache_line) slot slots_[Capacity];
  // The producers' line.
  alignas(cache_line) std::atomic<std::size_t> tail_{0};
  std::atomic<std::size_t> dropped_{0};
  // The consumer's line.
  alignas(cache_line) std::atomic<std::size_t> head_{0};
  bool draining_ = false;
#if NANOFLUX_QUEUE_WAIT
  wake_word wake_;  // "the consumer sleeps", and which fences: see wake.hpp
#endif
};

}  // namespace nanoflux::detail::queue

#endif
