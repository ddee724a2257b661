// nanoflux: what can subscribe to a store (f() or f(Store const&), an object and a
// member function), for every kind of store.
#ifndef NANOFLUX_DETAIL_SUBSCRIBER_FORMS_HPP
#define NANOFLUX_DETAIL_SUBSCRIBER_FORMS_HPP

#include <concepts>
#include <type_traits>

namespace nanoflux {

namespace detail {

// How consistent views reach a store's deferral (consistent_views.hpp).
struct notify_deferral;

// An object and one of its member functions, subscribed together.
template <class T, class M>
struct member_subscriber {
  T* object;
  M member;
  template <class... V>
    requires std::invocable<M const&, T*, V const&...>
  void operator()(V const&... value) const {
    (object->*member)(value...);
  }
};

// The subscribe(obj, &T::fn) and subscribe_permanently(obj, &T::fn) overloads of every
// kind of store, written once: each
// wraps the object and member function in a member_subscriber and hands it to the
// store's own subscribe(f) or subscribe_permanently(f). Store: the store class (it
// derives from this and says `using detail::member_subscriptions<store, Derived>::subscribe;`).
template <class Store, class Derived>
class member_subscriptions {
public:
  /// Calls (obj.*fn)(derived) on every notify().
  template <class T>
  [[nodiscard]] auto subscribe(T& obj, void (T::*fn)(Derived const&)) {
    return self().subscribe(member_subscriber<T, decltype(fn)>{&obj, fn});
  }
  template <class T>
  [[nodiscard]] auto subscribe(T const& obj, void (T::*fn)(Derived const&) const) {
    return self().subscribe(member_subscriber<T const, decltype(fn)>{&obj, fn});
  }

  /// Calls (obj.*fn)() on every notify().
  template <class T>
  [[nodiscard]] auto subscribe(T& obj, void (T::*fn)()) {
    return self().subscribe(member_subscriber<T, decltype(fn)>{&obj, fn});
  }
  template <class T>
  [[nodiscard]] auto subscribe(T const& obj, void (T::*fn)() const) {
    return self().subscribe(member_subscriber<T const, decltype(fn)>{&obj, fn});
  }

  /// The same, for the store's lifetime (no handle): (obj.*fn)(derived) or (obj.*fn)().
  template <class T>
  bool subscribe_permanently(T& obj, void (T::*fn)(Derived const&)) {
    return self().subscribe_permanently(member_subscriber<T, decltype(fn)>{&obj, fn});
  }
  template <class T>
  bool subscribe_permanently(T const& obj, void (T::*fn)(Derived const&) const) {
    return self().subscribe_permanently(member_subscriber<T const, decltype(fn)>{&obj, fn});
  }
  template <class T>
  bool subscribe_permanently(T& obj, void (T::*fn)()) {
    return self().subscribe_permanently(member_subscriber<T, decltype(fn)>{&obj, fn});
  }
  template <class T>
  bool subscribe_permanently(T const& obj, void (T::*fn)() const) {
    return self().subscribe_permanently(member_subscriber<T const, decltype(fn)>{&obj, fn});
  }

private:
  Store& self() noexcept { return static_cast<Store&>(*this); }
};

}  // namespace detail

/// A callable that can subscribe to a store of type S: f(S const&) or f().
template <class F, class S>
concept subscriber_for = std::invocable<std::decay_t<F>&, S const&> || std::invocable<std::decay_t<F>&>;

}  // namespace nanoflux

#endif
