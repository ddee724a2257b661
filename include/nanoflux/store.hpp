// nanoflux: store<Derived>, the optional CRTP mixin that gives a store
// subscribe()/notify(); store<Derived, fixed_subscribers<N>> is in fixed_subscribers.hpp,
// store<Derived, permanent_subscribers<N>> in permanent_subscribers.hpp.
#ifndef NANOFLUX_STORE_HPP
#define NANOFLUX_STORE_HPP

#include <nanoflux/detail/subscriber_forms.hpp>
#include <nanoflux/detail/subscriber_list.hpp>
#include <nanoflux/fixed_subscribers.hpp>
#include <nanoflux/permanent_subscribers.hpp>
#include <nanoflux/fwd.hpp>
#include <nanoflux/subscription.hpp>

#include <concepts>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace nanoflux {

namespace detail {

// Calls a heap-held callable F with the notified value cast back to Value const&,
// or with no argument when F takes none.
template <class F, class Value>
void invoke_subscriber(void* target, void const* value) {
  F& f = *static_cast<F*>(target);
  if constexpr (std::invocable<F&, Value const&>)
    f(*static_cast<Value const*>(value));
  else
    f();
}

template <class F>
void destroy_subscriber(void* target) noexcept {
  delete static_cast<F*>(target);
}

// Subscribes a copy of f to the list (creating the list on first use).
template <class Value, class F>
subscription subscribe_to(std::shared_ptr<subscriber_list>& list, F&& f) {
  using fn = std::decay_t<F>;
  if (!list) list = std::make_shared<subscriber_list>();
  void* target = new fn(std::forward<F>(f));
  std::uint64_t const id =
      list->add(target, &invoke_subscriber<fn, Value>, &destroy_subscriber<fn>);
  return subscription(list, id);
}

}  // namespace detail

/// CRTP mixin: `struct product_store : nanoflux::store<product_store> { ... };`
///
/// Copying a store copies none of its subscribers (the copy starts with none); moving
/// a store moves its subscribers (their subscriptions stay valid). Not thread-safe:
/// subscribe, unsubscribe and notify from one thread at a time.
template <class Derived, class Subscribers>
class store : public detail::member_subscriptions<store<Derived, Subscribers>, Derived> {
  // An error here means the second argument of nanoflux::store is neither
  // nanoflux::dynamic_subscribers (the default), nanoflux::fixed_subscribers<N> nor
  // nanoflux::permanent_subscribers<N>.
  static_assert(std::is_same_v<Subscribers, dynamic_subscribers>,
                "nanoflux: store<Derived, Subscribers> needs Subscribers = dynamic_subscribers, fixed_subscribers<N> "
                "or permanent_subscribers<N>");

public:
  /// Calls f(derived) — or f() if f takes no argument — on every notify(), until the
  /// returned subscription ends. Subscribing may allocate; notifying never does.
  template <class F>
  [[nodiscard]] subscription subscribe(F&& f) {
    // An error here means f can be called neither as f() nor as f(Derived const&).
    // (== true: clang prints the condition with F instead of expanding the concept in
    // notes; nothing else is compiled after the error.)
    static_assert(subscriber_for<F, Derived> == true,
                  "nanoflux: store::subscribe(f) needs f() or f(Store const&) to be callable");
    if constexpr (subscriber_for<F, Derived>)
      return detail::subscribe_to<Derived>(subscribers_, std::forward<F>(f));
    else
      return subscription();
  }

  /// Subscribes f for the store's lifetime, without a handle: subscribe(f).release().
  /// (The same call as on a store with fixed_subscribers, where it saves the handle's
  /// code.) True: always subscribed (running out of memory throws).
  template <class F>
  bool subscribe_permanently(F&& f) {
    subscribe(std::forward<F>(f)).release();
    return true;
  }

  // subscribe(obj, &T::fn) and subscribe_permanently(obj, &T::fn): the forms shared
  // with the other kinds of store.
  using detail::member_subscriptions<store, Derived>::subscribe;
  using detail::member_subscriptions<store, Derived>::subscribe_permanently;

  /// Calls the subscribers present now, in subscription order. A subscriber removed
  /// meanwhile (by itself or another) is not called; one added meanwhile is called
  /// from the next notify() on. Allocates nothing. If a subscriber throws, the
  /// exception propagates and the remaining subscribers are not called.
  void notify() const {
    if (subscribers_) subscribers_->notify(static_cast<Derived const*>(this));
  }

  /// The number of active subscriptions.
  std::size_t subscriber_count() const noexcept { return subscribers_ ? subscribers_->size() : 0; }

protected:
  store() noexcept = default;
  store(store const&) noexcept : detail::member_subscriptions<store, Derived>() {}
  store(store&&) noexcept = default;
  store& operator=(store const&) noexcept { return *this; }
  store& operator=(store&&) noexcept = default;
  ~store() = default;

private:
  friend struct detail::notify_deferral;
  // Consistent views (consistent_views.hpp). begin: true when there is a list to defer
  // (a store that never had a subscriber has none, and nothing to notify).
  bool begin_deferral() noexcept {
    if (!subscribers_) return false;
    subscribers_->begin_deferral();
    return true;
  }
  bool end_deferral() noexcept { return subscribers_->end_deferral(); }

  std::shared_ptr<detail::subscriber_list> subscribers_;
};

}  // namespace nanoflux

#endif
