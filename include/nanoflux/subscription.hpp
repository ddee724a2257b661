// nanoflux: the move-only RAII handle returned by subscribe().
#ifndef NANOFLUX_SUBSCRIPTION_HPP
#define NANOFLUX_SUBSCRIPTION_HPP

#include <nanoflux/detail/subscriber_list.hpp>

#include <cstdint>
#include <memory>
#include <new>
#include <utility>

namespace nanoflux {

class subscription;

namespace detail {

// What a subscription does with its link to its store, one table of plain functions
// per kind of store. A program links only the tables of the stores it uses: the
// subscriptions of a fixed_subscribers store never reference shared_ptr, the heap or
// operator delete.
struct subscription_ops {
  void (*end)(subscription& s) noexcept;                       // unsubscribes; the link is gone after
  void (*move)(subscription& to, subscription& from) noexcept;  // moves the link (to holds none)
  void (*forget)(subscription& s) noexcept;                    // drops the link, keeps the subscriber
  bool (*alive)(subscription const& s) noexcept;               // nullptr: alive while linked
};

// For the stores: the link a subscription holds (placement-constructed in its
// storage), and the ops that read it.
struct subscription_access;

// The link of a default (dynamic_subscribers) store's subscription, and of a
// fusion::store's: the list, weakly, so that a subscription outliving its store finds
// it gone.
struct shared_link {
  std::weak_ptr<subscriber_list> list;
  std::uint64_t id;
};

}  // namespace detail

/// A live subscription to a store. Move-only; destroying it or calling unsubscribe()
/// ends the subscription. unsubscribe() on an ended (or default-constructed, or
/// moved-from) subscription does nothing. If the store is destroyed first, the
/// subscription simply becomes inactive: nothing dangles. One type for every kind of
/// store (nanoflux::store<S>, nanoflux::store<S, fixed_subscribers<N>>, fusion::store).
class [[nodiscard]] subscription {
public:
  /// An inactive subscription.
  subscription() noexcept = default;

  subscription(subscription&& other) noexcept { take(other); }

  subscription& operator=(subscription&& other) noexcept {
    if (this != &other) {
      unsubscribe();
      take(other);
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
    if (ops_ == nullptr) return;
    std::exchange(ops_, nullptr)->end(*this);
  }

  /// True until unsubscribe(), destruction of the store, or a move from *this.
  bool active() const noexcept { return ops_ != nullptr && (ops_->alive == nullptr || ops_->alive(*this)); }

  /// Forgets the subscription without ending it: the subscriber stays subscribed for
  /// the store's lifetime.
  void release() noexcept {
    if (ops_ == nullptr) return;
    std::exchange(ops_, nullptr)->forget(*this);
  }

  // For store implementations (store<D>, fusion::store<S>): a subscription to entry
  // `id` of a shared subscriber list.
  subscription(std::weak_ptr<detail::subscriber_list> list, std::uint64_t id) noexcept;

private:
  friend struct detail::subscription_access;

  void take(subscription& other) noexcept {
    if (other.ops_ == nullptr) return;
    ops_ = std::exchange(other.ops_, nullptr);
    ops_->move(*this, other);
  }

  detail::subscription_ops const* ops_ = nullptr;  // nullptr: inactive, no link
  alignas(detail::shared_link) unsigned char link_[sizeof(detail::shared_link)];
};

namespace detail {

struct subscription_access {
  // The link of type Link held by s (constructed with `make`).
  template <class Link>
  static Link& link(subscription& s) noexcept {
    return *std::launder(reinterpret_cast<Link*>(s.link_));
  }
  template <class Link>
  static Link const& link(subscription const& s) noexcept {
    return *std::launder(reinterpret_cast<Link const*>(s.link_));
  }
  // The raw storage of s's link, to construct a link in.
  static void* storage(subscription& s) noexcept { return s.link_; }
  // Makes s (inactive) a subscription with the given ops and link.
  template <class Link>
  static void make(subscription& s, subscription_ops const* ops, Link link) noexcept {
    static_assert(sizeof(Link) <= sizeof(s.link_) && alignof(Link) <= alignof(shared_link));
    ::new (static_cast<void*>(s.link_)) Link(std::move(link));
    s.ops_ = ops;
  }
  // The store is gone: s becomes inactive without calling its ops (trivial links only).
  static void deactivate(subscription& s) noexcept { s.ops_ = nullptr; }
};

// The ops of a shared_link.
struct shared_link_ops {
  static void end(subscription& s) noexcept {
    shared_link& l = subscription_access::link<shared_link>(s);
    if (std::shared_ptr<subscriber_list> list = l.list.lock()) list->remove(l.id);
    l.~shared_link();
  }
  static void move(subscription& to, subscription& from) noexcept {
    shared_link& l = subscription_access::link<shared_link>(from);
    ::new (subscription_access::storage(to)) shared_link(std::move(l));
    l.~shared_link();
  }
  static void forget(subscription& s) noexcept { subscription_access::link<shared_link>(s).~shared_link(); }
  static bool alive(subscription const& s) noexcept {
    return !subscription_access::link<shared_link>(s).list.expired();
  }
  static constexpr subscription_ops table{&end, &move, &forget, &alive};
};

}  // namespace detail

inline subscription::subscription(std::weak_ptr<detail::subscriber_list> list, std::uint64_t id) noexcept {
  detail::subscription_access::make(*this, &detail::shared_link_ops::table,
                                    detail::shared_link{std::move(list), id});
}

}  // namespace nanoflux

#endif
