// nanoflux: the subscriber list held inside a store<Derived, permanent_subscribers<N>>:
// N slots, each a trivially copyable callable and the function that calls it. Nothing
// ever leaves the list, so nothing in it is ever moved or destroyed on its own: the
// list, and the store holding it, stay trivially destructible (a global store has no
// destructor to register at start-up).
#ifndef NANOFLUX_DETAIL_PERMANENT_SUBSCRIBER_LIST_HPP
#define NANOFLUX_DETAIL_PERMANENT_SUBSCRIBER_LIST_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/fixed_subscriber_list.hpp>
#include <nanoflux/error.hpp>

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace nanoflux::detail {

// One slot: the callable's bytes and the function that calls it.
template <std::size_t SlotBytes>
struct permanent_slot {
  alignas(slot_alignment_for<SlotBytes>) unsigned char storage[SlotBytes];  // first: its address is the slot's
  void (*invoke)(void* target, void const* value);
};

// Reentrancy rules: those of the other lists for what can happen here (notify calls the
// subscribers present when it started, in subscription order; one added meanwhile is
// called from the next notify on; a nested notify runs its own walk; deferral for
// consistent views). Nothing is ever removed: no work is left after a notify, so no
// notifying flag either (notify_state's), only the deferral's depth and flag.
template <std::size_t N, std::size_t SlotBytes>
class permanent_subscriber_list {
  static_assert(N > 0, "nanoflux: permanent_subscribers<N> needs N > 0");
  using slot = permanent_slot<SlotBytes>;
  using count = slot_count<N>;

public:
  static constexpr std::size_t capacity = N;
  static constexpr std::size_t slot_bytes = SlotBytes;

  permanent_subscriber_list() noexcept = default;
  permanent_subscriber_list(permanent_subscriber_list const&) = delete;
  permanent_subscriber_list& operator=(permanent_subscriber_list const&) = delete;

  // The subscribers move with the list (trivially copyable: their bytes). Not during a
  // notify. Move-assigning drops the target's own (nothing to destroy).
  permanent_subscriber_list(permanent_subscriber_list&& other) noexcept { take(other); }
  permanent_subscriber_list& operator=(permanent_subscriber_list&& other) noexcept {
    if (this != &other) take(other);
    return *this;
  }
  ~permanent_subscriber_list() = default;  // trivial: what this list is for

  // Puts a copy of f in the next slot, for the list's lifetime; on a full list reports
  // capacity_error (throws, or calls the error hook) and returns false.
  template <class Value, class F>
  bool add(F&& f) {
    using fn = std::decay_t<F>;
    // (In a decltype rather than a static_assert on ::ok: clang would report that too.)
    using fits [[maybe_unused]] =
        decltype(subscriber_fits_in_slot<sizeof(fn), SlotBytes, alignof(fn), slot_alignment_for<SlotBytes>>{});
    // An error here means the callable owns something (a std::string, a shared_ptr, a
    // subscription...) or has a copy constructor or destructor of its own: a subscriber
    // of a store with permanent_subscribers<N> is never destroyed. Capture pointers and
    // references only, or use fixed_subscribers<N>, whose subscribers can leave.
    static_assert(std::is_trivially_copyable_v<fn>,
                  "nanoflux: a subscriber of a store with permanent_subscribers<N> must be trivially copyable "
                  "(it is never destroyed: capture pointers and references only)");
    if constexpr (sizeof(fn) <= SlotBytes && alignof(fn) <= slot_alignment_for<SlotBytes> &&
                  std::is_trivially_copyable_v<fn>) {  // otherwise: only the errors above
      std::size_t const i = used();
      if (i == N) [[unlikely]] {
        report_capacity_exceeded();
        return false;
      }
      slot& e = slots_[i];
      ::new (static_cast<void*>(e.storage)) fn(std::forward<F>(f));
      e.invoke = &invoke_in_slot<fn, Value>;
      size_ = static_cast<count>(i + 1);
      return true;
    } else {
      return false;
    }
  }

  // Inlined into store::notify() (at -Os: called). Since nothing ever leaves, a notify
  // has nothing to track or clean up after its calls, nested or not, and nothing to
  // undo when a subscriber throws: only a deferral (consistent views) to record.
  NANOFLUX_DETAIL_NOTIFY_INLINE void notify(void const* value) const {
    if (defer_depth_ != 0) [[unlikely]] {
      deferred_ = true;
      return;
    }
    slot const* e = slots_;
    for (std::size_t n = used(); n != 0; --n, ++e)  // later additions wait
      e->invoke(const_cast<void*>(static_cast<void const*>(e->storage)), value);
  }

  std::size_t size() const noexcept { return used(); }

  // Deferral (consistent views), as notify_state's: between begin_deferral() and the
  // matching end_deferral(), notify() only records that it was called; end_deferral()
  // of the last deferral says whether it was. Deferrals nest.
  void begin_deferral() noexcept { ++defer_depth_; }
  [[nodiscard]] bool end_deferral() noexcept {
    if (--defer_depth_ != 0) return false;
    return std::exchange(deferred_, false);
  }

private:

  std::size_t used() const noexcept {
    std::size_t const n = size_;
    if (n > N) __builtin_unreachable();
    return n;
  }

  void take(permanent_subscriber_list& other) noexcept {
    std::size_t const n = other.used();
    for (std::size_t k = 0; k < n; ++k) slots_[k] = other.slots_[k];  // trivially copyable bytes
    size_ = static_cast<count>(n);
    other.size_ = 0;
  }

  // The bookkeeping first (4 bytes with N < 256), then the slots.
  mutable bool deferred_ = false;  // notify() was called while deferring
  count size_ = 0;
  unsigned short defer_depth_ = 0;
  slot slots_[N]{};  // initialised: a global store can be constinit
};

}  // namespace nanoflux::detail

#endif
