// nanoflux: how every layer reports an error at run time (a nested dispatch, a full
// queue, a full subscriber storage): detail::report<Code, Action>() throws
// dispatch_error (with exceptions) or calls the error hook and returns (without).
//
// The rules first, then how they are kept:
// - One hook for the whole program, whatever each translation unit saw, at every
//   optimisation level and in every link order. The user's hook is nanoflux::on_error,
//   referred to here by a weak reference: defined once anywhere in the program, every
//   call reaches it; not defined, the reference is null and the default runs. There is
//   no macro to repeat in every file and nothing the linker may pick between (one
//   strong definition, or none).
// - What may differ between translation units (exceptions on or off,
//   NANOFLUX_ERROR_MESSAGES) is kept apart by name: the functions whose bodies depend
//   on it live in an inline namespace named after the mode, so two files built
//   differently never share one copy of them (which the linker would pick by order).
// - On bare metal (NANOFLUX_HOSTED == 0) nothing here refers to the C library: the
//   default is a trap instruction, so a -nostdlib link never needs fputs or abort.
// - With NANOFLUX_ERROR_MESSAGES=0 no string is referenced: the hook gets the code.
#ifndef NANOFLUX_DETAIL_ERROR_REPORT_HPP
#define NANOFLUX_DETAIL_ERROR_REPORT_HPP

#include <nanoflux/config.hpp>
#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/type_name.hpp>
#include <nanoflux/error.hpp>

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#define NANOFLUX_DETAIL_STRINGIZE2(x) #x
#define NANOFLUX_DETAIL_STRINGIZE(x) NANOFLUX_DETAIL_STRINGIZE2(x)

namespace nanoflux::detail {

// nanoflux::on_error, declared weak under its own symbol (Itanium ABI: g++ and clang on
// ELF and Mach-O). Declaring on_error itself weak would make the user's definition weak
// too, and two definitions would then link silently. test/error_hook* check that this
// symbol is the user's function.
[[gnu::weak]] void user_error_hook(error_info const&) noexcept __asm__(
    NANOFLUX_DETAIL_STRINGIZE(__USER_LABEL_PREFIX__) "_ZN8nanoflux8on_errorERKNS_10error_infoE");

#if NANOFLUX_HOSTED
// The default: set_error_handler's handler if one was installed, otherwise the
// message and the action on stderr, then abort.
[[gnu::cold]] inline void default_error_hook(error_info const& e) noexcept {
  if (current_error_handler != &default_error_handler) {
    current_error_handler(e.message ? e.message : "");
    return;
  }
  std::fputs("nanoflux: ", stderr);
  if (e.message) {
    std::fputs(e.message, stderr);
  } else {
    std::fputs("error ", stderr);
    std::fputc('0' + static_cast<int>(e.code), stderr);
  }
  if (e.action) {
    std::fputs(" (action ", stderr);
    std::fputs(e.action, stderr);
    if (e.action_name) {
      std::fputs(", \"", stderr);
      std::fputs(e.action_name, stderr);
      std::fputs("\"", stderr);
    }
    std::fputs(")", stderr);
  }
  std::fputs("\n", stderr);
  std::abort();
}
#else
// Bare metal: stop at a trap instruction (udf: a HardFault on Cortex-M, where a
// debugger stops). No C library.
[[noreturn, gnu::cold]] inline void default_error_hook(error_info const&) noexcept { __builtin_trap(); }
#endif

NANOFLUX_INLINE void call_error_hook(error_info const& e) noexcept {
  if (&user_error_hook != nullptr)
    user_error_hook(e);
  else
    default_error_hook(e);
}

// --- the words: referenced only with NANOFLUX_ERROR_MESSAGES=1, and then only the
// messages of the errors a program can actually report ------------------------------
constexpr char const* error_message(error_code code) noexcept {
  switch (code) {
    case error_code::nested_dispatch: return nested_dispatch_message;
    case error_code::queue_full: return queue_full_message;
    case error_code::subscriber_capacity: return capacity_message;
  }
  return "unknown error";
}
template <error_code Code>
inline constexpr char const* message_of = error_message(Code);

template <class A>
concept has_member_action_name = requires {
  { A::action_name } -> std::convertible_to<std::string_view>;
};

// The action's names are read at run time, on the error path, from the
// __PRETTY_FUNCTION__ of the function that reports ("... [with A = shop::add_product;
// ...]" with g++, "... [..., A = shop::add_product]" with clang). In a program of 500
// actions (bench/compile/gen.py 500 8 sparse nf, -O0), computing them at compile time
// cost about 40% more compile time; this costs 3-4% (g++ and clang), the price of one
// more argument per dispatched action, on the cold path.
struct action_text {
  char type[128];  // "shop::add_product" (cut, ending in "...", when longer)
  char name[64];   // "addProduct", or empty when the type gives none (a lambda)
};
// Run-time text handling in plain loops: no std::string_view member function here,
// since at -O0 those call strlen, memchr and the out_of_range thrower, which a
// -nostdlib firmware does not have.
inline void copy_text(char const* from, char const* from_end, char* to, std::size_t capacity) noexcept {
  std::size_t const size = static_cast<std::size_t>(from_end - from);
  std::size_t const n = size < capacity ? size : capacity - 1;
  for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
  if (n < size && n >= 3) to[n - 1] = to[n - 2] = to[n - 3] = '.';
  to[n] = '\0';
}
inline bool text_at(char const* p, char const* end, char const* word) noexcept {
  for (; *word; ++p, ++word)
    if (p == end || *p != *word) return false;
  return true;
}
// The spelling of the template parameter A in a __PRETTY_FUNCTION__ where A is the
// first parameter listed (g++: "[with A = T; ...]") or the last (clang: "[..., A = T]").
inline bool action_in_pretty_function(char const* p, char const*& begin, char const*& end) noexcept {
  char const* stop = p;
  while (*stop) ++stop;
  for (char const* q = stop; q-- > p;) {
    if ((*q == ' ' || *q == '[') && text_at(q + 1, stop, "A = ")) {
      begin = q + 5;
      end = begin;
      while (end != stop && *end != ';') ++end;
      if (end == stop) {  // up to the last ']'
        while (end != begin && *(end - 1) != ']') --end;
        if (end != begin) --end;
      }
      return end > begin;
    }
  }
  return false;
}
// The unqualified name without template arguments, as base_name (type_name.hpp) but
// in plain loops: "shop::add<int>" -> "add".
inline void base_name_span(char const*& begin, char const*& end) noexcept {
  if (end != begin && *(end - 1) == '>') {
    int depth = 0;
    for (char const* q = end; q-- > begin;) {
      if (*q == '>') {
        ++depth;
      } else if (*q == '<' && --depth == 0) {
        end = q;
        break;
      }
    }
  }
  int depth = 0;
  for (char const* q = end; q-- > begin + 1;) {
    char const c = *q;
    if (c == '>' || c == ')' || c == ']' || c == '}') {
      ++depth;
    } else if (c == '<' || c == '(' || c == '[' || c == '{') {
      --depth;
    } else if (c == ':' && depth == 0 && *(q - 1) == ':') {
      begin = q + 1;
      break;
    }
  }
  if (text_at(begin, end, "struct ")) begin += 7;
  if (text_at(begin, end, "class ")) begin += 6;
}
inline void describe_action(char const* pretty, std::string_view member_name, action_text& out) noexcept {
  char const* begin = nullptr;
  char const* end = nullptr;
  if (!action_in_pretty_function(pretty, begin, end)) begin = end = pretty;
  copy_text(begin, end, out.type, sizeof out.type);
  out.name[0] = '\0';
  if (member_name.size() != 0) {
    copy_text(member_name.data(), member_name.data() + member_name.size(), out.name, sizeof out.name);
    return;
  }
  // The name layer's rule (action_name_v): the type's own name in lowerCamelCase.
  base_name_span(begin, end);
  std::string_view const base(begin, static_cast<std::size_t>(end - begin));
  if (!is_identifier(base)) return;
  if (std::size_t const n = camel_case(base, nullptr); n < sizeof out.name) {
    camel_case(base, out.name);
    out.name[n] = '\0';
  }
}

// --- the reporting functions, one set per mode --------------------------------------
#if defined(NANOFLUX_NO_EXCEPTIONS) && NANOFLUX_ERROR_MESSAGES
#define NANOFLUX_DETAIL_ERROR_MODE hook_with_messages
#elif defined(NANOFLUX_NO_EXCEPTIONS)
#define NANOFLUX_DETAIL_ERROR_MODE hook_without_messages
#elif NANOFLUX_ERROR_MESSAGES
#define NANOFLUX_DETAIL_ERROR_MODE throw_with_messages
#else
#define NANOFLUX_DETAIL_ERROR_MODE throw_without_messages
#endif

inline namespace NANOFLUX_DETAIL_ERROR_MODE {

// Out of line and cold: the error path costs the hot path one call. pretty: the
// reporting function's __PRETTY_FUNCTION__, where A is the action (null: about no
// action); member_name: A::action_name when A has one. One function per error code,
// so that only the messages of the errors a program can report are linked.
#ifdef NANOFLUX_NO_EXCEPTIONS
template <error_code Code>
[[gnu::cold, gnu::noinline]] inline void report_about(char const* pretty, std::string_view member_name) noexcept {
  action_text text;
  if (pretty) describe_action(pretty, member_name, text);
  error_info const e{Code, message_of<Code>, pretty ? text.type : nullptr,
                     pretty && text.name[0] ? text.name : nullptr};
  call_error_hook(e);
}
[[gnu::cold, gnu::noinline]] inline void report_error(error_code code) noexcept {
  error_info const e{code, nullptr, nullptr, nullptr};
  call_error_hook(e);
}
#define NANOFLUX_DETAIL_NORETURN_IF_THROWING
#else
// With exceptions it never returns, and says so: the optimiser then knows, for
// example, that the dispatching flag is false after a dispatch.
template <error_code Code>
[[noreturn, gnu::cold, gnu::noinline]] inline void report_about(char const* pretty, std::string_view member_name) {
  action_text text;
  if (pretty) describe_action(pretty, member_name, text);
  throw dispatch_error(error_info{Code, message_of<Code>, pretty ? text.type : nullptr,
                                  pretty && text.name[0] ? text.name : nullptr});
}
[[noreturn, gnu::cold, gnu::noinline]] inline void report_error(error_code code) {
  throw dispatch_error(error_info{code, nullptr, nullptr, nullptr});
}
#define NANOFLUX_DETAIL_NORETURN_IF_THROWING [[noreturn]]
#endif
#define NANOFLUX_DETAIL_REPORT_ATTRIBUTES NANOFLUX_DETAIL_NORETURN_IF_THROWING NANOFLUX_INLINE
template <error_code Code>
NANOFLUX_DETAIL_NORETURN_IF_THROWING [[gnu::cold, gnu::noinline]] inline void report_about(char const* pretty) {
  report_about<Code>(pretty, std::string_view());
}

// Reports `code` (an error_code constant) about the action type A from the function
// it is written in, whose template parameter A must be: passes that function's
// __PRETTY_FUNCTION__, which the compiler has anyway (see action_text).
#if NANOFLUX_ERROR_MESSAGES
#define NANOFLUX_DETAIL_REPORT_ABOUT(code, A)                                                      \
  do {                                                                                             \
    if constexpr (::nanoflux::detail::has_member_action_name<A>)                                   \
      ::nanoflux::detail::report_about<code>(__PRETTY_FUNCTION__, std::string_view(A::action_name)); \
    else                                                                                           \
      ::nanoflux::detail::report_about<code>(__PRETTY_FUNCTION__);                                 \
  } while (false)
#else
#define NANOFLUX_DETAIL_REPORT_ABOUT(code, A) ::nanoflux::detail::report_error(code)
#endif

/// Reports error Code about action A (void: about no action): throws dispatch_error
/// (with exceptions), or calls the error hook and returns (without: the caller then
/// drops the operation). For every layer: queues call report<error_code::queue_full,
/// A>(); a layer whose contract names another exception throws it itself when
/// exceptions are on, and calls report<...>() only under NANOFLUX_NO_EXCEPTIONS.
template <error_code Code, class A = void>
NANOFLUX_DETAIL_REPORT_ATTRIBUTES void report() {
#if NANOFLUX_ERROR_MESSAGES
  if constexpr (std::is_void_v<A>)
    report_about<Code>(nullptr);
  else
    NANOFLUX_DETAIL_REPORT_ABOUT(Code, A);
#else
  report_error(Code);
#endif
}

// The errors of the queue and of fixed_subscribers, and a nested dispatch, about no
// particular action (a drain from inside a dispatch).
NANOFLUX_DETAIL_REPORT_ATTRIBUTES void report_nested_dispatch() { report<error_code::nested_dispatch>(); }
NANOFLUX_DETAIL_REPORT_ATTRIBUTES void report_queue_full() { report<error_code::queue_full>(); }
#ifdef NANOFLUX_NO_EXCEPTIONS
NANOFLUX_INLINE void report_capacity_exceeded() { report<error_code::subscriber_capacity>(); }
#else
// The contract names capacity_error (a std::length_error) for this one.
[[noreturn, gnu::cold, gnu::noinline]] inline void report_capacity_exceeded() { throw capacity_error(capacity_message); }
#endif

}  // namespace NANOFLUX_DETAIL_ERROR_MODE

}  // namespace nanoflux::detail

#endif
