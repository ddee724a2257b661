// nanoflux: the type-erased, reentrancy-safe list behind store::subscribe/notify.
#ifndef NANOFLUX_DETAIL_SUBSCRIBER_LIST_HPP
#define NANOFLUX_DETAIL_SUBSCRIBER_LIST_HPP

#include <nanoflux/detail/config.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace nanoflux::detail {

// One subscriber: an opaque target and the function that calls it with the notified
// value. An entry unsubscribed during a notify keeps its place until the outermost
// notify returns (then it is erased and its target destroyed): its id is marked with
// `removed_bit` and its invoke becomes a no-op, so that notify calls every entry
// without a test.
struct subscriber_entry {
  std::uint64_t id;
  void* target;
  void (*invoke)(void* target, void const* value);
  void (*destroy)(void* target) noexcept;
};

// Owned through a shared_ptr by the store; subscriptions hold a weak_ptr, so a
// subscription that outlives its store finds it gone instead of touching freed memory.
//
// Reentrancy rules (all without allocating during notify):
// - notify() calls the subscribers present when it started, in subscription order;
// - a subscriber removed during notify (itself or another) is not called afterwards,
//   and its callable is destroyed only when the outermost notify returns, so a
//   subscriber may unsubscribe itself while it runs;
// - a subscriber added during notify is called from the next notify on.
//
// Deferral (consistent views, consistent_views.hpp): between begin_deferral() and the
// matching end_deferral(), notify() only records that it was called. How, without a
// test in notify(): the entries are parked, and notify() walks a one-entry array whose
// entry records the call; everything else (add, remove, size) works on the parked
// entries. Deferrals nest, and nest inside notifies (never across one).
//
// How: a running notify walks the entry array as it was when it started, from a
// pointer held in a register (nothing re-read after each call). That array never
// moves or shrinks while a notify runs: removal only marks the entry, and
// a subscribe that needs a larger array copies the entries into a new one and keeps
// the old one ("retired") until the outermost notify returns; a removal marks the
// entry in the retired arrays as well, so every running notify sees it.
class subscriber_list {
public:
  subscriber_list() { parked_.push_back(subscriber_entry{0, this, &record_deferred, &keep}); }
  subscriber_list(subscriber_list const&) = delete;
  subscriber_list& operator=(subscriber_list const&) = delete;
  ~subscriber_list() {
    for (subscriber_entry const& e : entries()) e.destroy(e.target);
  }

  // Consistent views: see above. end_deferral: true when this ended the last deferral
  // and notify() was called meanwhile (the caller then notifies).
  void begin_deferral() noexcept {
    if (defer_depth_++ == 0) entries_.swap(parked_);
  }
  [[nodiscard]] bool end_deferral() noexcept {
    if (--defer_depth_ != 0) return false;
    entries_.swap(parked_);
    return std::exchange(deferred_, false);
  }

  // Takes ownership of `target` (destroyed with `destroy`, also when adding fails);
  // returns the new subscriber's id.
  std::uint64_t add(void* target, void (*invoke)(void*, void const*),
                    void (*destroy)(void*) noexcept) {
    struct owner {
      void* target;
      void (*destroy)(void*) noexcept;
      ~owner() {
        if (target != nullptr) destroy(target);
      }
    } guard{target, destroy};
    std::uint64_t const id = next_id_;
    subscriber_entry const entry{id, target, invoke, destroy};
    std::vector<subscriber_entry>& list = entries();
    if (notifying_ && list.size() == list.capacity())
      grow_while_notifying(entry);  // may throw
    else
      list.push_back(entry);  // may throw; never moves the array during a notify
    guard.target = nullptr;
    ++next_id_;
    ++live_;
    return id;
  }

  void remove(std::uint64_t id) noexcept {
    std::vector<subscriber_entry>& list = entries();
    subscriber_entry* const e = find(list, id);  // nullptr once marked removed
    if (e == nullptr) return;
    --live_;
    if (notifying_) {
      mark_removed(*e);  // erased when the outermost notify returns
      for (std::vector<subscriber_entry>& old : retired_)
        if (subscriber_entry* const copy = find(old, id)) mark_removed(*copy);
      pending_ |= has_removed;
      return;
    }
    e->destroy(e->target);
    list.erase(list.begin() + (e - list.data()));  // moves entries down
  }

  // Inlined into store::notify() (clang would call it): the calls are the only cost.
  NANOFLUX_INLINE void notify(void const* value) const {
    subscriber_entry const* const first = entries_.data();
    subscriber_entry const* const last = first + entries_.size();  // later additions wait
#if defined(__clang__)
    // One path for the outermost and the nested notify, finished by a scope object:
    // clang's inliner then takes store::notify() into the store's on() (with the
    // try/catch below it does not: bench/README.md, section 1).
    finish_notify const finish{this, !notifying_};
    notifying_ = true;
    call(first, last, value);
#else
    // g++: two paths and a try/catch. A flag kept across the calls (as above) would
    // live on the stack in a busy loop, and a load after the calls of what was stored
    // before them measurably slows a store notifying in a loop.
    if (notifying_) [[unlikely]] {  // a subscriber notifies again
      call(first, last, value);
      return;
    }
    notifying_ = true;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
#endif
      call(first, last, value);
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    } catch (...) {
      end_outermost_notify();
      throw;
    }
#endif
    finish_outermost_notify();
#endif
  }

  std::size_t size() const noexcept { return live_; }

  // The callable of the first live subscriber called through `invoke`, or null (for
  // select(): the selectors of a store share one subscription to it, found here).
  void* find_target(void (*invoke)(void*, void const*)) const noexcept {
    for (subscriber_entry const& e : entries())
      if (e.invoke == invoke) return e.target;  // a removed entry's invoke matches nothing
    return nullptr;
  }

private:
  NANOFLUX_INLINE static void call(subscriber_entry const* e, subscriber_entry const* last, void const* value) {
    for (; e != last; ++e) e->invoke(e->target, value);
  }

  // The end of the outermost notify, after its calls. Work left by the subscribers is
  // in pending_, a byte the calls may have written but notify() has not: reading back
  // notifying_, which notify() stored just before the calls, made the JavaScript
  // scenario benchmark 3x slower.
  NANOFLUX_INLINE void finish_outermost_notify() const {
    if (pending_ != 0) [[unlikely]]
      end_outermost_notify();
    else
      notifying_ = false;
  }

  // Ends a notify on every way out (clang's notify()): only the outermost one.
  struct finish_notify {
    subscriber_list const* list;
    bool outermost;
    NANOFLUX_INLINE ~finish_notify() {
      if (outermost) list->finish_outermost_notify();
    }
  };

  // Ids count up from 1 and never reach the top bit: it marks a removed entry, whose
  // id then matches no search (the order, which ignores the bit, is kept).
  static constexpr std::uint64_t removed_bit = std::uint64_t{1} << 63;
  static void skip_removed(void*, void const*) noexcept {}
  static void mark_removed(subscriber_entry& e) noexcept {
    e.id |= removed_bit;
    e.invoke = &skip_removed;
  }
  static bool is_removed(subscriber_entry const& e) noexcept { return (e.id & removed_bit) != 0; }

  static subscriber_entry* find(std::vector<subscriber_entry>& entries, std::uint64_t id) noexcept {
    auto const it = std::lower_bound(
        entries.begin(), entries.end(), id,
        [](subscriber_entry const& e, std::uint64_t key) { return (e.id & ~removed_bit) < key; });
    return it == entries.end() || it->id != id ? nullptr : &*it;
  }

  // A subscribe during a notify with a full array: the entries move to a larger
  // array, and the old one stays alive, unchanged, for the notifies walking it.
  [[gnu::cold, gnu::noinline]] void grow_while_notifying(subscriber_entry const& entry) {
    retired_.reserve(retired_.size() + 1);  // may throw: nothing changed yet
    std::vector<subscriber_entry>& list = entries();
    std::vector<subscriber_entry> grown;
    grown.reserve(list.size() * 2 + 1);  // may throw: nothing changed yet
    grown.assign(list.begin(), list.end());
    grown.push_back(entry);
    retired_.push_back(std::move(list));  // the array itself: data() unchanged
    list = std::move(grown);
    pending_ |= has_retired;
  }

  [[gnu::cold, gnu::noinline]] void end_outermost_notify() const noexcept {
    if (pending_ & has_removed) {
      std::vector<subscriber_entry>& list = entries();
      auto const kept = std::remove_if(list.begin(), list.end(), [](subscriber_entry const& e) {
        if (!is_removed(e)) return false;
        e.destroy(e.target);
        return true;
      });
      list.erase(kept, list.end());
    }
    retired_.clear();  // their targets are entries_'s: only the arrays are freed
    pending_ = 0;
    notifying_ = false;
  }

  // The subscribers' entries, wherever they are (parked while deferring).
  std::vector<subscriber_entry>& entries() const noexcept { return defer_depth_ != 0 ? parked_ : entries_; }
  static void record_deferred(void* list, void const*) { static_cast<subscriber_list*>(list)->deferred_ = true; }
  static void keep(void*) noexcept {}

  // The work left for the end of the outermost notify (bits of pending_).
  static constexpr unsigned char has_removed = 1, has_retired = 2;

  // mutable: notify() is const for users (it does not change the store) but must
  // track reentrancy and erase removed entries.
  mutable std::vector<subscriber_entry> entries_;       // sorted by id
  mutable std::vector<std::vector<subscriber_entry>> retired_;
  mutable bool notifying_ = false;  // inside notify(), possibly nested
  mutable unsigned char pending_ = 0;
  bool deferred_ = false;                                // notify() called while deferring
  unsigned short defer_depth_ = 0;
  mutable std::vector<subscriber_entry> parked_;        // the entries while deferring, else the recorder
  std::size_t live_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace nanoflux::detail

#endif
