// nanoflux typed state: "did it change?" — by ==, when the type has it.
#ifndef NANOFLUX_DETAIL_STATE_EQUALITY_HPP
#define NANOFLUX_DETAIL_STATE_EQUALITY_HPP

#include <concepts>

namespace nanoflux::detail::state {

// A model or a selector's value is compared with == when it has one; a type without ==
// counts as changed on every update.
template <class T>
concept has_equality = requires(T const& a, T const& b) {
  { a == b } -> std::convertible_to<bool>;
};

template <class T>
inline bool unchanged(T const& before, T const& after) {
  if constexpr (has_equality<T>)
    return static_cast<bool>(before == after);
  else
    return false;
}

}  // namespace nanoflux::detail::state

#endif
