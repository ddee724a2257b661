// nanoflux: the move-only RAII handle returned by subscribe().
#ifndef NANOFLUX_SUBSCRIPTION_HPP
#define NANOFLUX_SUBSCRIPTION_HPP

#include <nanoflux/detail/subscriber_list.hpp>

#include <cstdint>
#include <memory>
#include <utility>

namespace nanoflux {

/// A live subscription to a store. Move-only; destroying it or calling unsubscribe()
/// ends the subscription. unsubscribe() on an ended (or default-constructed, or
/// moved-from) subscription does nothing. If the store is destroyed first, the
/// subscription simply becomes inactive: nothing dangles.
class [[nodiscard]] subscription {
public:
  /// An inactive subscription.
  subscription() noexcept = default;

  subscription(subscription&& other) noexcept
      : list_(std::move(other.list_)), id_(std::exchange(other.id_, 0)) {}

  subscription& operator=(subscription&& other) noexcept {
    if (this != &other) {
      unsubscribe();
      list_ = std::move(other.list_);
      id_ = std::exchange(other.id_, 0);
    }
    return *this;
  }

  subscription(subscription const&) = delete;
  subscription& operator=(subscription const&) = delete;

  ~subscription() { unsubscribe(); }

  /// Ends the subscription. Idempotent; safe during the store's notify() (the
  /// subscriber is not called again, no other subscriber is skipped or repeated) and
  /// after the store has been destroyed.
  void unsubscribe() noexcept {
    if (id_ == 0) return;
    if (std::shared_ptr<detail::subscriber_list> list = list_.lock()) list->remove(id_);
    list_.reset();
    id_ = 0;
  }

  /// True until unsubscribe(), destruction of the store, or a move from *this.
  bool active() const noexcept { return id_ != 0 && !list_.expired(); }

  /// Forgets the subscription without ending it: the subscriber stays subscribed for
  /// the store's lifetime.
  void release() noexcept {
    list_.reset();
    id_ = 0;
  }

  // For store implementations (store<D>, fusion::store<S>).
  subscription(std::weak_ptr<detail::subscriber_list> list, std::uint64_t id) noexcept
      : list_(std::move(list)), id_(id) {}

private:
  std::weak_ptr<detail::subscriber_list> list_;
  std::uint64_t id_ = 0;
};

}  // namespace nanoflux

#endif
