// nanoflux: store<Derived, permanent_subscribers<N, SlotBytes>>, a store whose
// subscribers are held in the store itself and stay for its lifetime: no heap, no
// handles, and a trivially destructible store (firmware: a constinit global store
// with no destructor to register at start-up).
#ifndef NANOFLUX_PERMANENT_SUBSCRIBERS_HPP
#define NANOFLUX_PERMANENT_SUBSCRIBERS_HPP

#include <nanoflux/detail/permanent_subscriber_list.hpp>
#include <nanoflux/detail/subscriber_forms.hpp>
#include <nanoflux/fwd.hpp>

#include <cstddef>
#include <utility>

namespace nanoflux {

/// CRTP mixin for a store with at most N subscribers, held in place for the store's
/// lifetime:
///   struct led : nanoflux::store<led, nanoflux::permanent_subscribers<2>> { ... };
///   led.subscribe_permanently([](led const& l) { show(l); });
///
/// - As fixed_subscribers<N, SlotBytes>: N slots of SlotBytes bytes (default: 3
///   pointers), a larger callable is a compile error naming both sizes, subscribing
///   past N throws capacity_error (without exceptions: calls the error hook and returns
///   false) and subscribes nothing; notify()'s order and reentrancy rules, consistent
///   views; copying a store copies no subscriber, moving one moves them.
/// - But a subscriber never leaves: subscribe_permanently(f) gives no handle, and
///   subscribe(f) is a compile error. So a subscriber must be trivially copyable (it is
///   never destroyed: a lambda capturing pointers or references, an object and a member
///   function), and the store stays trivially destructible.
template <class Derived, std::size_t N, std::size_t SlotBytes>
class store<Derived, permanent_subscribers<N, SlotBytes>>
    : public detail::member_subscriptions<store<Derived, permanent_subscribers<N, SlotBytes>>, Derived> {
public:
  static constexpr std::size_t subscriber_capacity = N;
  static constexpr std::size_t subscriber_slot_bytes = SlotBytes;

  /// Calls f(derived) — or f() if f takes no argument — on every notify(), for the
  /// store's lifetime. A copy of f is kept in one of the store's N slots. False (after
  /// the error hook, without exceptions) when all N are in use.
  template <class F>
  bool subscribe_permanently(F&& f) {
    // An error here means f can be called neither as f() nor as f(Derived const&).
    static_assert(subscriber_for<F, Derived> == true,
                  "nanoflux: store::subscribe_permanently(f) needs f() or f(Store const&) to be callable");
    if constexpr (subscriber_for<F, Derived>)
      return subscribers_.template add<Derived>(std::forward<F>(f));
    else
      return false;
  }

  // subscribe_permanently(obj, &T::fn): the four forms, shared with the other stores.
  using detail::member_subscriptions<store, Derived>::subscribe_permanently;

  /// No handles here. (A template, so that only a call is an error.)
  template <class... Args>
  void subscribe(Args&&...) {
    // An error here means subscribe() was called on a store whose subscribers stay for
    // good: call subscribe_permanently(f), or give the store fixed_subscribers<N>
    // (subscriptions with handles, that can end).
    static_assert(sizeof...(Args) == static_cast<std::size_t>(-1),
                  "nanoflux: a store with permanent_subscribers<N> gives no subscription handles: call "
                  "subscribe_permanently(f), or use fixed_subscribers<N>");
  }

  /// As the default store's notify(): the subscribers present now, in subscription order.
  void notify() const { subscribers_.notify(static_cast<Derived const*>(this)); }

  /// The number of subscribers.
  std::size_t subscriber_count() const noexcept { return subscribers_.size(); }

protected:
  store() noexcept = default;
  store(store const&) noexcept : detail::member_subscriptions<store, Derived>() {}
  store(store&&) noexcept = default;
  store& operator=(store const&) noexcept { return *this; }
  store& operator=(store&&) noexcept = default;
  ~store() = default;  // trivial

private:
  friend struct detail::notify_deferral;
  bool begin_deferral() noexcept {
    subscribers_.begin_deferral();
    return true;
  }
  bool end_deferral() noexcept { return subscribers_.end_deferral(); }

  detail::permanent_subscriber_list<N, SlotBytes> subscribers_;
};

}  // namespace nanoflux

#endif
