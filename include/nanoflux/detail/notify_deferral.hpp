// nanoflux: what the library's own layers reach inside a nanoflux::store (a friend of
// both kinds of store): the deferral of its notify() (consistent views), and the
// subscriber select() shares among the selectors of one store.
#ifndef NANOFLUX_DETAIL_NOTIFY_DEFERRAL_HPP
#define NANOFLUX_DETAIL_NOTIFY_DEFERRAL_HPP

#include <nanoflux/fwd.hpp>

#include <type_traits>

namespace nanoflux::detail {

struct notify_deferral {
  // True when the store has subscribers to defer (then end() must follow).
  template <class D, class X>
  static bool begin(store<D, X>& s) noexcept {
    return s.begin_deferral();
  }
  // True when this ended the store's last deferral and it notified meanwhile.
  template <class D, class X>
  static bool end(store<D, X>& s) noexcept {
    return s.end_deferral();
  }
  // The callable of the store's first live subscriber called through `invoke`, or null
  // (always, for a kind of store whose subscribers cannot be looked at).
  template <class D, class X>
  static void* subscriber_target(store<D, X> const& s, void (*invoke)(void*, void const*)) noexcept {
    if constexpr (std::is_same_v<X, dynamic_subscribers>)
      return s.subscribers_ ? s.subscribers_->find_target(invoke) : nullptr;
    else if constexpr (requires { s.subscribers_.find_target(invoke); })
      return s.subscribers_.find_target(invoke);
    else
      return nullptr;
  }
};

}  // namespace nanoflux::detail

#endif
