// nanoflux typed state: the derived values (selectors) of one source, updated in two
// phases, as lager does: every selector of a source first takes its new value, then the
// subscribers of the selectors that changed run.
#ifndef NANOFLUX_DETAIL_STATE_DERIVED_HPP
#define NANOFLUX_DETAIL_STATE_DERIVED_HPP

#include <nanoflux/detail/config.hpp>

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace nanoflux::detail::state {

// One selector as its source sees it.
class derived_node {
public:
  // Phase 1: computes the value from the source's new value (`input` points to it);
  // marks the node changed when the value differs, and then recomputes its own
  // selectors. Runs only the projection and ==: no user callback.
  virtual void recompute(void const* input) = 0;
  // Phase 2: when marked changed, clears the mark, notifies the node's subscribers,
  // then publishes its own selectors.
  virtual void publish() = 0;
  // After a projection threw in phase 1: forget_change() clears the marks (nobody is
  // notified).
  void forget_change() noexcept { changed = false; }

  // Set by recompute() when the value changed, cleared by publish().
  bool changed = false;

protected:
  derived_node() = default;
  derived_node(derived_node const&) = delete;
  derived_node& operator=(derived_node const&) = delete;
  ~derived_node() = default;
};

// The selectors of one source, in the order they were created. Held by a shared_ptr (by
// the source: a state_store, or a selector for its own selectors; for other stores by
// the selectors themselves, see select.hpp); a node holds it weakly to leave it.
//
// Reentrancy rules (phase 2 runs user subscribers, which may create and destroy
// selectors, or update the source again):
// - a selector created during an update takes part from the next update on;
// - a selector destroyed during an update is not called afterwards; one destroyed by
//   its own subscriber stays alive until its publish() returns (phase 2 holds it);
// - a nested update runs both phases at once; a change it publishes is not published
//   again by the outer update.
// How: recompute() walks the entries by index up to the size at the start and notes
// the index of each entry it marks; publish() visits only those. While a walk runs or
// marks are pending, removal only clears the entry (erased afterwards), so the indices
// stay valid. The list of marks has room for every entry (reserved by add()): an update
// allocates nothing.
class derived_list {
public:
  struct entry {
    derived_node* node;
    std::weak_ptr<derived_node> owner;  // locked only to publish a changed node
  };

  derived_list() { parked_.push_back({&recorder_, {}}); }
  derived_list(derived_list const&) = delete;
  derived_list& operator=(derived_list const&) = delete;

  void add(derived_node* node, std::weak_ptr<derived_node> owner) {
    std::vector<entry>& list = entries();
    marked_.reserve(list.size() + 1);  // may throw: nothing changed yet
    list.push_back({node, std::move(owner)});
  }

  void remove(derived_node const* node) noexcept {
    std::vector<entry>& list = entries();
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i].node != node) continue;
      if (walking_ != 0 || !marked_.empty()) {
        list[i].node = nullptr;
        list[i].owner.reset();
        has_holes_ = true;
      } else {
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
      }
      return;
    }
  }

  bool empty() const noexcept { return (deferring_ ? parked_ : entries_).empty(); }

  // Consistent views (a state_store's list, see state.hpp): between begin_deferral()
  // and end_deferral(), recompute() only records that it was called; end_deferral()
  // says whether it was (the store then announces its current model once). How,
  // without a test in recompute(): the entries are parked, and recompute() walks a
  // one-entry array whose node records the call (as subscriber_list does); add and
  // remove work on the parked entries. A deferral begins and ends within one publish,
  // never across one (as for the subscriber list).
  void begin_deferral() noexcept {
    entries_.swap(parked_);
    deferring_ = true;
  }
  [[nodiscard]] bool end_deferral() noexcept {
    entries_.swap(parked_);
    deferring_ = false;
    return std::exchange(deferred_, false);
  }

  // Both phases, for a source whose value `input` just changed. If a projection
  // throws, no selector subscriber runs and the exception propagates (the selectors
  // recomputed before it keep their new value).
  void update(void const* input) {
    recompute(input);
    publish();
  }

  void recompute(void const* input) {
    walk const w(*this);
    std::size_t const n = entries_.size();
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
#endif
      for (std::size_t i = 0; i < n; ++i) {
        derived_node* const node = entries_[i].node;
        if (node == nullptr) continue;
        bool const was_marked = node->changed;  // by an update not yet published: noted already
        node->recompute(input);
        if (node->changed && !was_marked) marked_.push_back(i);
      }
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    } catch (...) {
      forget_changes();
      throw;
    }
#endif
  }

  void publish() {
    if (marked_.empty()) return;
    walk const w(*this);
    // By index: a nested update (from a subscriber) may add marks meanwhile.
    for (std::size_t k = 0; k < marked_.size(); ++k) {
      entry const& e = entries_[marked_[k]];
      if (e.node == nullptr || !e.node->changed) continue;  // gone, or published by a nested update
      // Kept alive while its subscribers run: one of them may destroy its selector.
      if (std::shared_ptr<derived_node> const alive = e.owner.lock()) alive->publish();
    }
    if (walking_ == 1) marked_.clear();  // the outermost publish
  }

  void forget_changes() noexcept {
    for (entry const& e : entries_)
      if (e.node != nullptr) e.node->forget_change();
    marked_.clear();
  }

private:
  struct walk {
    derived_list& list;
    explicit walk(derived_list& l) noexcept : list(l) { ++list.walking_; }
    ~walk() {
      if (--list.walking_ == 0 && list.has_holes_ && list.marked_.empty()) list.compact();
    }
    walk(walk const&) = delete;
    walk& operator=(walk const&) = delete;
  };

  [[gnu::cold, gnu::noinline]] void compact() noexcept {
    std::erase_if(entries(), [](entry const& e) { return e.node == nullptr; });
    has_holes_ = false;
  }

  std::vector<entry> entries_;
  std::vector<std::size_t> marked_;  // the entries marked changed, in the order marked
  int walking_ = 0;
  bool has_holes_ = false;
  // Consistent views: the entries while deferring (else the recorder's), and its flags.
  class recorder final : public derived_node {
  public:
    explicit recorder(bool* flag) noexcept : flag_(flag) {}
    void recompute(void const*) override { *flag_ = true; }
    void publish() override {}

  private:
    bool* flag_;
  };
  std::vector<entry>& entries() noexcept { return deferring_ ? parked_ : entries_; }
  bool deferring_ = false;
  bool deferred_ = false;
  recorder recorder_{&deferred_};
  std::vector<entry> parked_;
};

}  // namespace nanoflux::detail::state

#endif
