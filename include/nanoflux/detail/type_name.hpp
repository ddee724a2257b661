// nanoflux: compile-time names of types, and the JavaScript naming convention
// (add_product, AddProduct -> "addProduct"; handler "onAddProduct").
#ifndef NANOFLUX_DETAIL_TYPE_NAME_HPP
#define NANOFLUX_DETAIL_TYPE_NAME_HPP

#include <array>
#include <cstddef>
#include <string_view>

namespace nanoflux::detail {

// The compiler's spelling of T, from __PRETTY_FUNCTION__:
//   g++:   "... pretty_name() [with T = ns::add_product<int>]"
//   clang: "... pretty_name() [T = ns::add_product<int>]"
template <class T>
constexpr std::string_view pretty_name() noexcept {
  std::string_view const p = __PRETTY_FUNCTION__;
  std::string_view const key = "T = ";
  std::size_t const begin = p.find(key) + key.size();
  std::size_t end = p.find(';', begin);  // g++ may list more template parameters after ';'
  if (end == std::string_view::npos) end = p.rfind(']');
  return p.substr(begin, end - begin);
}

// The unqualified name of a class, without template arguments:
//   "ns::detail::add_product<int, 2>" -> "add_product"
//   "outer<ns::x>::inner"             -> "inner"       (a member class)
//   "f<int>(std::string)::local"      -> "local"       (a function-local class)
//   "(anonymous namespace)::x", "{anonymous}::x" -> "x"
// A lambda or an unnamed class gives no identifier ("main()::<lambda()>" -> "",
// "(lambda at f.cpp:3:9)" stays as it is): see is_identifier.
constexpr std::string_view base_name(std::string_view full) noexcept {
  // Drop the trailing template argument list, brackets matched from the end.
  if (!full.empty() && full.back() == '>') {
    int depth = 0;
    for (std::size_t i = full.size(); i-- > 0;) {
      if (full[i] == '>') {
        ++depth;
      } else if (full[i] == '<' && --depth == 0) {
        full = full.substr(0, i);
        break;
      }
    }
  }
  // The last component: what follows the last "::" outside of any brackets.
  int depth = 0;
  for (std::size_t i = full.size(); i-- > 1;) {
    char const c = full[i];
    if (c == '>' || c == ')' || c == ']' || c == '}') {
      ++depth;
    } else if (c == '<' || c == '(' || c == '[' || c == '{') {
      --depth;
    } else if (c == ':' && depth == 0 && full[i - 1] == ':') {
      full = full.substr(i + 1);
      break;
    }
  }
  // "struct x" / "class x" (some compilers spell the class-key for local types).
  for (std::string_view key : {std::string_view("struct "), std::string_view("class ")})
    if (full.substr(0, key.size()) == key) full = full.substr(key.size());
  return full;
}

// True for a C++ identifier made of ASCII letters, digits and underscores.
constexpr bool is_identifier(std::string_view s) noexcept {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr char to_lower(char c) noexcept { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) noexcept { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// lowerCamelCase: underscores removed, the letter after one upper-cased, the leading
// capitals lower-cased ("HTTPRequest" -> "httpRequest", "AddProduct" -> "addProduct").
// Writes into out (when not null) and returns the length.
constexpr std::size_t camel_case(std::string_view in, char* out) noexcept {
  std::size_t n = 0;
  bool upper_next = false;
  std::size_t leading = 0;  // length of the leading run of capitals
  while (leading < in.size() && is_upper(in[leading])) ++leading;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '_') {
      upper_next = n > 0;
      continue;
    }
    if (i < leading) {
      // Keep the last capital of a run followed by a lower-case letter ("HTTPRequest").
      bool const keep = leading > 1 && i == leading - 1 && i + 1 < in.size() && is_lower(in[i + 1]);
      c = keep ? c : to_lower(c);
    } else if (upper_next) {
      c = to_upper(c);
    }
    upper_next = false;
    if (out) out[n] = c;
    ++n;
  }
  return n;
}

// A NUL-terminated constant string computed at compile time.
template <std::size_t N>
struct static_string {
  std::array<char, N + 1> chars{};
  constexpr std::string_view view() const noexcept { return {chars.data(), N}; }
};

// Storage for the camel-cased name of a spelling held by a type (Source::value).
template <class Source>
struct camel_name {
  static constexpr std::string_view source = Source::value;
  static constexpr std::size_t size = camel_case(source, nullptr);
  static constexpr static_string<size> value = [] {
    static_string<size> s;
    camel_case(source, s.chars.data());
    return s;
  }();
};

// Storage for Prefix + Capitalised(Name): "on" + "addProduct" -> "onAddProduct".
template <class Prefix, class Name>
struct prefixed_name {
  static constexpr std::string_view prefix = Prefix::value;
  static constexpr std::string_view name = Name::value;
  static constexpr static_string<prefix.size() + name.size()> value = [] {
    static_string<prefix.size() + name.size()> s;
    std::size_t i = 0;
    for (char c : prefix) s.chars[i++] = c;
    for (std::size_t k = 0; k < name.size(); ++k) s.chars[i++] = k == 0 ? to_upper(name[k]) : name[k];
    return s;
  }();
};

}  // namespace nanoflux::detail

#endif
