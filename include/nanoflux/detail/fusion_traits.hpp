// nanoflux: the compile-time helpers of the Fusion layer: what an actor's function
// takes and returns, and readable type names for run-time error messages.
#ifndef NANOFLUX_DETAIL_FUSION_TRAITS_HPP
#define NANOFLUX_DETAIL_FUSION_TRAITS_HPP

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace nanoflux::fusion::detail {

template <class... T>
struct type_list {};

// The parameters after the first (the slice) and the result of an actor function:
// a function pointer, or a class with one non-template operator() (a lambda).
template <class F>
struct actor_signature : actor_signature<decltype(&F::operator())> {};
template <class R, class Slice, class... A>
struct actor_signature<R (*)(Slice, A...)> {
  using result = R;
  using args = type_list<A...>;
};
template <class R, class Slice, class... A>
struct actor_signature<R (*)(Slice, A...) noexcept> : actor_signature<R (*)(Slice, A...)> {};
template <class R, class C, class Slice, class... A>
struct actor_signature<R (C::*)(Slice, A...)> : actor_signature<R (*)(Slice, A...)> {};
template <class R, class C, class Slice, class... A>
struct actor_signature<R (C::*)(Slice, A...) const> : actor_signature<R (*)(Slice, A...)> {};
template <class R, class C, class Slice, class... A>
struct actor_signature<R (C::*)(Slice, A...) noexcept> : actor_signature<R (*)(Slice, A...)> {};
template <class R, class C, class Slice, class... A>
struct actor_signature<R (C::*)(Slice, A...) const noexcept> : actor_signature<R (*)(Slice, A...)> {};

template <class F>
concept deducible_actor = requires { typename actor_signature<std::decay_t<F>>::result; };

// An actor's parameter after the slice is taken by value or by const&: the store keeps
// its own copy of each argument (for an async or queued actor, until it runs), so a
// non-const reference could only ever refer to that copy.
template <class A>
inline constexpr bool value_or_const_ref =
    std::is_same_v<A, std::remove_cvref_t<A>> || std::is_same_v<A, std::remove_cvref_t<A> const&>;

// The arguments as the store keeps them, and as they appear in the actor's signature
// for lookup: std::string const& and std::string are both std::string.
template <class List>
struct stored_args;
template <class... A>
struct stored_args<type_list<A...>> {
  using type = type_list<std::remove_cvref_t<A>...>;
};

// awaitable<T> -> T, for async actors.
template <class R>
struct awaited {
  static constexpr bool is_async = false;
  using type = R;
};
template <class T, class Executor>
struct awaited<boost::asio::awaitable<T, Executor>> {
  static constexpr bool is_async = true;
  using type = T;
};

// A readable name of T, from the compiler's pretty function name ("int",
// "std::vector<item>"...), for error messages only.
template <class T>
std::string_view type_name() {
#if defined(__clang__)
  std::string_view p = __PRETTY_FUNCTION__;  // ... type_name() [T = int]
  std::string_view const key = "T = ";
  auto const begin = p.find(key) + key.size();
  return p.substr(begin, p.rfind(']') - begin);
#elif defined(__GNUC__)
  std::string_view p = __PRETTY_FUNCTION__;  // ... type_name() [with T = int; std::string_view = ...]
  std::string_view const key = "T = ";
  auto const begin = p.find(key) + key.size();
  auto end = p.find(';', begin);
  if (end == std::string_view::npos) end = p.rfind(']');
  return p.substr(begin, end - begin);
#else
  return "?";
#endif
}

template <class... A>
std::string signature_name() {
  std::string s = "void(";
  bool first = true;
  ((s += first ? "" : ", ", s += type_name<A>(), first = false), ...);
  return s + ")";
}

// What store::actor<Sig>(name, ns) accepts: Sig = void(A...) with each A by value or
// const&; it finds the actor registered as void(std::remove_cvref_t<A>...).
template <class Sig>
struct lookup_signature {
  static constexpr bool valid = false;
};
template <class... A>
struct lookup_signature<void(A...)> {
  static constexpr bool valid = (value_or_const_ref<A> && ...);
  using stored = void(std::remove_cvref_t<A>...);
  static std::string name() { return signature_name<std::remove_cvref_t<A>...>(); }
};

// A per-type address: identifies an actor's signature without RTTI.
template <class Sig>
inline constexpr char signature_tag = 0;

}  // namespace nanoflux::fusion::detail

#endif
