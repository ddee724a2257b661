// nanoflux: store<Derived, fixed_subscribers<N, SlotBytes>>, a store whose subscribers
// live in the store itself: no heap, ever (firmware, -nostdlib).
#ifndef NANOFLUX_FIXED_SUBSCRIBERS_HPP
#define NANOFLUX_FIXED_SUBSCRIBERS_HPP

#include <nanoflux/detail/fixed_subscriber_list.hpp>
#include <nanoflux/detail/subscriber_forms.hpp>
#include <nanoflux/fwd.hpp>
#include <nanoflux/subscription.hpp>

#include <cstddef>
#include <utility>

namespace nanoflux {

/// CRTP mixin for a store with at most N subscribers held in place:
///   struct led : nanoflux::store<led, nanoflux::fixed_subscribers<4>> { ... };
///
/// - Each subscriber (a lambda's captures, or an object pointer and a member
///   function) must fit in SlotBytes bytes (default: 3 pointers) and be nothrow
///   movable; a larger one is a compile error naming both sizes.
/// - subscribe() past N throws capacity_error (without exceptions: calls the error
///   hook) and returns an inactive subscription; nothing is subscribed. A subscriber
///   unsubscribed during a notify keeps its slot until the outermost notify returns.
/// - Everything else is the default store's: the same subscription type, the same
///   reentrancy rules, copying a store copies no subscriber, moving a store moves them
///   (their subscriptions follow), a subscription may outlive its store.
/// Nothing here allocates, or references operator new/delete, shared_ptr or std::function.
template <class Derived, std::size_t N, std::size_t SlotBytes>
class store<Derived, fixed_subscribers<N, SlotBytes>>
    : public detail::member_subscriptions<store<Derived, fixed_subscribers<N, SlotBytes>>, Derived> {
public:
  static constexpr std::size_t subscriber_capacity = N;
  static constexpr std::size_t subscriber_slot_bytes = SlotBytes;

  /// Calls f(derived) — or f() if f takes no argument — on every notify(), until the
  /// returned subscription ends. A copy of f is kept in one of the store's N slots.
  template <class F>
  [[nodiscard]] subscription subscribe(F&& f) {
    // An error here means f can be called neither as f() nor as f(Derived const&).
    // (== true: clang prints the condition with F instead of expanding the concept in
    // notes; nothing else is compiled after the error.)
    static_assert(subscriber_for<F, Derived> == true,
                  "nanoflux: store::subscribe(f) needs f() or f(Store const&) to be callable");
    if constexpr (subscriber_for<F, Derived>)
      return subscribers_.template add<Derived>(std::forward<F>(f));
    else
      return subscription();
  }

  /// Subscribes f for the store's lifetime, without a handle: subscribe(f).release()
  /// without the handle's code (ending, moving, releasing a subscription), for a store
  /// that keeps its subscribers for good (firmware). The same rules otherwise: a slot,
  /// the capacity and its error (false when full, without exceptions).
  template <class F>
  bool subscribe_permanently(F&& f) {
    // An error here means f can be called neither as f() nor as f(Derived const&).
    static_assert(subscriber_for<F, Derived> == true,
                  "nanoflux: store::subscribe_permanently(f) needs f() or f(Store const&) to be callable");
    if constexpr (subscriber_for<F, Derived>)
      return subscribers_.template add_permanently<Derived>(std::forward<F>(f));
    else
      return false;
  }

  // subscribe(obj, &T::fn) and subscribe_permanently(obj, &T::fn): the forms shared
  // with the other kinds of store.
  using detail::member_subscriptions<store, Derived>::subscribe;
  using detail::member_subscriptions<store, Derived>::subscribe_permanently;

  /// As the default store's notify(): the subscribers present now, in subscription order.
  void notify() const { subscribers_.notify(static_cast<Derived const*>(this)); }

  /// The number of active subscriptions.
  std::size_t subscriber_count() const noexcept { return subscribers_.size(); }

protected:
  store() noexcept = default;
  store(store const&) noexcept : detail::member_subscriptions<store, Derived>() {}
  store(store&&) noexcept = default;
  store& operator=(store const&) noexcept { return *this; }
  store& operator=(store&&) noexcept = default;
  ~store() = default;

private:
  friend struct detail::notify_deferral;
  bool begin_deferral() noexcept {
    subscribers_.begin_deferral();
    return true;
  }
  bool end_deferral() noexcept { return subscribers_.end_deferral(); }

  detail::fixed_subscriber_list<N, SlotBytes> subscribers_;
};

}  // namespace nanoflux

#endif
