// nanoflux: a string usable as a template argument: d.template dispatch<"addProduct">().
#ifndef NANOFLUX_DETAIL_FIXED_STRING_HPP
#define NANOFLUX_DETAIL_FIXED_STRING_HPP

#include <cstddef>
#include <string_view>

namespace nanoflux::detail {

template <std::size_t N>
struct fixed_string {
  char chars[N]{};
  constexpr fixed_string(char const (&s)[N]) noexcept {  // NOLINT: implicit from a literal
    for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
  }
  constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
};

}  // namespace nanoflux::detail

#endif
