// nanoflux typed state: the recorded models of a state_store with history<Depth>.
#ifndef NANOFLUX_DETAIL_STATE_HISTORY_RING_HPP
#define NANOFLUX_DETAIL_STATE_HISTORY_RING_HPP

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace nanoflux::detail::state {

// At most Capacity models, oldest first, as shared immutable snapshots, and the
// position of the current one. The slots are allocated once, at construction; a step
// moves a pointer in and releases the pointers it drops (the redo branch, the oldest):
// no model is ever copied here. Every member but the constructor is noexcept.
template <class Model>
class history_ring {
public:
  using snapshot = std::shared_ptr<Model const>;

  history_ring(std::size_t capacity, snapshot initial) : slots_(capacity) {
    slots_[0] = std::move(initial);
    size_ = 1;
  }

  Model const& current() const noexcept { return *slots_[slot(index_)]; }
  snapshot const& current_snapshot() const noexcept { return slots_[slot(index_)]; }
  Model const& at(std::size_t k) const noexcept { return *slots_[slot(k)]; }
  std::size_t size() const noexcept { return size_; }
  std::size_t index() const noexcept { return index_; }

  // Records `next` after the current model: the models after the current one (the
  // redo branch) are dropped, and the oldest when the ring is full.
  void record(snapshot next) noexcept {
    for (std::size_t k = index_ + 1; k < size_; ++k) slots_[slot(k)].reset();
    size_ = index_ + 1;
    if (size_ == slots_.size()) {
      slots_[start_].reset();
      start_ = (start_ + 1) % slots_.size();
      --size_;
    }
    slots_[slot(size_)] = std::move(next);
    index_ = size_++;
  }

  void move_to(std::size_t k) noexcept { index_ = k; }

private:
  std::size_t slot(std::size_t k) const noexcept {
    std::size_t const s = start_ + k;
    return s < slots_.size() ? s : s - slots_.size();
  }

  std::vector<snapshot> slots_;
  std::size_t start_ = 0;  // the slot of the oldest model
  std::size_t size_ = 0;
  std::size_t index_ = 0;  // the current model, counted from the oldest
};

}  // namespace nanoflux::detail::state

#endif
