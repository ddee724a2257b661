// nanoflux: compile-time middleware, nanoflux's use() without the run-time cost.
#ifndef NANOFLUX_MIDDLEWARE_HPP
#define NANOFLUX_MIDDLEWARE_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/fwd.hpp>

#include <boost/hana/at.hpp>
#include <boost/hana/basic_tuple.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace nanoflux {

namespace detail {
// The `next` a middleware receives: calling it with an action of the same type
// continues with the middleware after this one (and finally the stores).
template <std::size_t K, class A, class Chain, class Sink>
struct next_step {
  Chain* chain;
  Sink* sink;
  NANOFLUX_INLINE void operator()(A const& action) const { chain->template run<K>(action, *sink); }
};
// The last middleware's `next`: straight to the stores (one pointer, no chain step).
template <class A, class Sink>
struct deliver_step {
  Sink* sink;
  NANOFLUX_INLINE void operator()(A const& action) const { sink->deliver(action); }
};
}  // namespace detail

/// The middleware of a dispatcher, run in the order given, before the stores.
/// Each is called as mw(action, next); calling next(action2) (same action type)
/// continues with action2; returning without calling next drops the action (no store
/// sees it); calling next twice delivers twice. Stored by value in the dispatcher: no
/// allocation, and the whole chain inlines.
template <class... Mw>
class middleware {
public:
  static constexpr std::size_t size = sizeof...(Mw);

  constexpr middleware() = default;
  constexpr explicit middleware(Mw... mw)
    requires(sizeof...(Mw) > 0)
      : list_(std::move(mw)...) {}

  /// This chain followed by more middleware.
  template <class... More>
  constexpr middleware<Mw..., More...> append(More... more) const& {
    return append_impl(std::index_sequence_for<Mw...>{}, std::move(more)...);
  }

  /// Runs middleware K.. on the action, then hands it to sink.deliver(action).
  template <std::size_t K, class A, class Sink>
  NANOFLUX_INLINE void run(A const& action, Sink& sink) {
    if constexpr (K == sizeof...(Mw)) {
      sink.deliver(action);
    } else {
      auto& mw = boost::hana::at_c<K>(list_);
      constexpr bool last = K + 1 == sizeof...(Mw);
      using next = std::conditional_t<last, detail::deliver_step<A, Sink>,
                                      detail::next_step<K + 1, A, middleware, Sink>>;
      // An error here means this middleware cannot be called as mw(action, next)
      // for this action type.
      static_assert(std::is_invocable_v<decltype(mw), A const&, next>,
                    "nanoflux: middleware must be callable as mw(action, next)");
      if constexpr (last)
        mw(action, next{&sink});
      else
        mw(action, next{this, &sink});
    }
  }

private:
  template <std::size_t... I, class... More>
  constexpr middleware<Mw..., More...> append_impl(std::index_sequence<I...>, More&&... more) const {
    return middleware<Mw..., More...>(boost::hana::at_c<I>(list_)..., std::move(more)...);
  }

  boost::hana::basic_tuple<Mw...> list_;
};

}  // namespace nanoflux

#endif
