// nanoflux: how the name layer builds an action from the arguments of
// dispatch_by_name(name, args...) and dispatch<"name">(args...), and what it says when
// it cannot.
//
// The rule: one argument per member, in declaration order, no fewer and no more (an
// aggregate's members are counted; brace elision does not count). Each argument
// converts to its member as in A{args...}: implicitly and without narrowing. One
// explicit conversion is added, because every tokenizer produces it and it loses
// nothing: a std::string_view (any basic_string_view) for a std::string member. An
// action with constructors (not an aggregate) is built as A{args...}.
#ifndef NANOFLUX_DETAIL_NAMES_BUILD_ACTION_HPP
#define NANOFLUX_DETAIL_NAMES_BUILD_ACTION_HPP

#include <nanoflux/detail/type_name.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace nanoflux::detail {

// --- counting an aggregate's members ---------------------------------------------------
// A stand-in for any member: converts to a reference to anything (a reference, so that
// a member with a converting constructor template, std::optional say, is not ambiguous).
struct any_member {
  template <class T>
  operator T&() const&&;  // never defined: used in unevaluated checks only
};
template <class A, std::size_t... I>
constexpr bool initialisable_from_members(std::index_sequence<I...>) {
  return requires { A{(void(I), any_member{})...}; };
}
template <class A, std::size_t N = 0>
constexpr std::size_t count_members() {
  if constexpr (N < 64 && initialisable_from_members<A>(std::make_index_sequence<N + 1>{}))
    return count_members<A, N + 1>();
  else
    return N;
}
/// The number of members (and bases) of the aggregate A.
template <class A>
inline constexpr std::size_t member_count = count_members<A>();

// --- the argument conversion -----------------------------------------------------------
template <class T>
inline constexpr bool is_string_view = false;
template <class C, class Tr>
inline constexpr bool is_string_view<std::basic_string_view<C, Tr>> = true;

// A string_view argument becomes a std::string (the explicit, lossless conversion);
// every other argument passes through unchanged.
template <class T, bool View = is_string_view<std::remove_cvref_t<T>>>
struct as_member_type {
  using type = T&&;
};
template <class T>
struct as_member_type<T, true> {
  using type = std::basic_string<typename std::remove_cvref_t<T>::value_type,
                                 typename std::remove_cvref_t<T>::traits_type>;
};
template <class T>
using as_member_t = typename as_member_type<T>::type;
template <class T>
  requires(!is_string_view<std::remove_cvref_t<T>>)
constexpr T&& as_member(T&& t) noexcept {
  return std::forward<T>(t);
}
template <class T>
  requires is_string_view<std::remove_cvref_t<T>>
as_member_t<T> as_member(T&& t) {
  return as_member_t<T>(t);
}

template <class A, class... Args>
concept brace_buildable = requires(Args&&... args) { A{std::forward<Args>(args)...}; };

// A{args...} as the rule says; with_views: string_view arguments converted.
template <class A, bool WithViews, class... Args>
constexpr bool builds_from() {
  if constexpr (!std::is_aggregate_v<A>)
    return brace_buildable<A, Args...>;
  else if constexpr (member_count<A> != sizeof...(Args))
    return false;
  else if constexpr (WithViews)
    return brace_buildable<A, as_member_t<Args>...>;
  else
    return brace_buildable<A, Args...>;
}
template <class... Args>
inline constexpr bool any_string_view = (is_string_view<std::remove_cvref_t<Args>> || ...);

/// True when the name layer builds A from arguments of types Args.
template <class A, class... Args>
inline constexpr bool builds_action =
    builds_from<A, false, Args...>() || (any_string_view<Args...> && builds_from<A, true, Args...>());

/// Builds A from args (builds_action<A, Args...> must hold). Members left at their
/// default initialisers only when A is not an aggregate (its constructors decide).
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-braces"
#endif
template <class A, class... Args>
A build_action(Args&&... args) {
  if constexpr (builds_from<A, false, Args...>())
    return A{std::forward<Args>(args)...};
  else
    return A{as_member(std::forward<Args>(args))...};
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

// --- what went wrong, as text computed at compile time -----------------------------------
struct text_buffer {
  std::array<char, 512> chars{};
  std::size_t size = 0;
  constexpr text_buffer& operator<<(std::string_view s) noexcept {
    for (char c : s)
      if (size < chars.size()) chars[size++] = c;
    return *this;
  }
  constexpr text_buffer& operator<<(std::size_t n) noexcept {
    char digits[20]{};
    std::size_t k = 0;
    do digits[k++] = static_cast<char>('0' + n % 10);
    while ((n /= 10) != 0);
    while (k > 0) *this << std::string_view(&digits[--k], 1);
    return *this;
  }
};
// A text computed by Make::make() (a text_buffer), stored at its exact length.
template <class Make>
struct static_text {
  static constexpr text_buffer buffer = Make::make();
  static constexpr static_string<buffer.size> value = [] {
    static_string<buffer.size> s;
    for (std::size_t i = 0; i < buffer.size; ++i) s.chars[i] = buffer.chars[i];
    return s;
  }();
};

// Whether A{args[0..K)} compiles (the members after them left to their defaults).
template <class A, class List, class Seq>
struct prefix_builds;
template <class A, class... Args, std::size_t... J>
struct prefix_builds<A, std::tuple<Args...>, std::index_sequence<J...>> {
  static constexpr bool value = brace_buildable<A, as_member_t<std::tuple_element_t<J, std::tuple<Args...>>>...>;
};
// The first argument (0-based) that A's member at its position cannot take, the ones
// before it fitting; sizeof...(Args) when none is found.
template <class A, class... Args, std::size_t... I>
constexpr std::size_t first_rejected_argument(std::index_sequence<I...>) {
  constexpr bool fits[] = {prefix_builds<A, std::tuple<Args...>, std::make_index_sequence<I + 1>>::value..., false};
  std::size_t k = 0;
  while (k < sizeof...(Args) && fits[k]) ++k;
  return k;
}

// The message of a bad_payload from dispatch_by_name, for action A (named Name::value)
// and argument types Args.
template <class Name, class A, class... Args>
struct argument_error {
  static constexpr text_buffer make() {
    text_buffer t;
    t << "bad payload: " << Name::value << ": ";
    if constexpr (!std::is_aggregate_v<A>) {
      t << "no constructor takes these " << sizeof...(Args) << " arguments";
    } else if constexpr (member_count<A> != sizeof...(Args)) {
      t << "takes " << member_count<A> << (member_count<A> == 1 ? " argument (one per member), " : " arguments (one per member), ")
        << sizeof...(Args) << " given";
    } else {
      constexpr std::size_t k = first_rejected_argument<A, Args...>(std::index_sequence_for<Args...>{});
      if constexpr (k == sizeof...(Args)) {
        t << "cannot be built from these arguments";
      } else {
        t << "argument " << (k + 1) << " ("
          << pretty_name<std::remove_cvref_t<std::tuple_element_t<k, std::tuple<Args...>>>>()
          << ") does not convert to member " << (k + 1) << " (another type, or a narrowing conversion)";
      }
    }
    return t;
  }
};

}  // namespace nanoflux::detail

#endif
