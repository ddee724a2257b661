// nanoflux: the type-erased, reentrancy-safe list behind store::subscribe/notify.
#ifndef NANOFLUX_DETAIL_SUBSCRIBER_LIST_HPP
#define NANOFLUX_DETAIL_SUBSCRIBER_LIST_HPP

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
// value. `invoke == nullptr` marks an entry unsubscribed during a notify; it is erased
// (and its target destroyed) when the outermost notify returns.
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
class subscriber_list {
public:
  subscriber_list() = default;
  subscriber_list(subscriber_list const&) = delete;
  subscriber_list& operator=(subscriber_list const&) = delete;
  ~subscriber_list() {
    for (subscriber_entry const& e : entries_) e.destroy(e.target);
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
    entries_.push_back(subscriber_entry{id, target, invoke, destroy});  // may throw
    guard.target = nullptr;
    ++next_id_;
    ++live_;
    return id;
  }

  void remove(std::uint64_t id) noexcept {
    auto const it = std::lower_bound(
        entries_.begin(), entries_.end(), id,
        [](subscriber_entry const& e, std::uint64_t key) { return e.id < key; });
    if (it == entries_.end() || it->id != id || it->invoke == nullptr) return;
    if (notifying_) {
      it->invoke = nullptr;  // erased when the outermost notify returns
      has_removed_ = true;
      --live_;
      return;
    }
    it->destroy(it->target);
    entries_.erase(it);  // no allocation: erase only moves entries down
    --live_;
  }

  void notify(void const* value) const {
    // The guard restores the flag (and erases removed entries) even when a
    // subscriber throws.
    // (A saved flag rather than a depth counter: no read-modify-write chain from one
    // notify to the next, which measurably slows a store notifying in a loop.)
    struct notifying_guard {
      subscriber_list const& self;
      bool outer;
      ~notifying_guard() {
        self.notifying_ = outer;
        if (!outer && self.has_removed_) self.erase_removed();
      }
    };
    notifying_guard guard{*this, notifying_};
    notifying_ = true;
    std::size_t const count = entries_.size();  // later additions wait for next time
    for (std::size_t i = 0; i < count; ++i) {
      // Read before the call: a subscriber may subscribe (and reallocate the vector)
      // while it runs.
      subscriber_entry const& e = entries_[i];
      auto* const invoke = e.invoke;
      void* const target = e.target;
      if (invoke != nullptr) invoke(target, value);
    }
  }

  std::size_t size() const noexcept { return live_; }

private:
  [[gnu::cold, gnu::noinline]] void erase_removed() const noexcept {
    auto const keep = std::remove_if(entries_.begin(), entries_.end(), [](subscriber_entry const& e) {
      if (e.invoke != nullptr) return false;
      e.destroy(e.target);
      return true;
    });
    entries_.erase(keep, entries_.end());
    has_removed_ = false;
  }

  // mutable: notify() is const for users (it does not change the store) but must
  // track reentrancy and erase removed entries.
  mutable std::vector<subscriber_entry> entries_;
  mutable bool notifying_ = false;  // inside notify(), possibly nested
  mutable bool has_removed_ = false;
  std::size_t live_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace nanoflux::detail

#endif
