// nanoflux: the name layer — the JavaScript original's convention (addProduct ->
// onAddProduct) on top of the typed core: action and store names derived at compile
// time, dispatch by name resolved at compile time or looked up at run time.
#ifndef NANOFLUX_NAMES_HPP
#define NANOFLUX_NAMES_HPP

#include <nanoflux/detail/fixed_string.hpp>
#include <nanoflux/detail/store_order.hpp>
#include <nanoflux/detail/type_name.hpp>
#include <nanoflux/dispatcher.hpp>

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace nanoflux {

/// Why a dispatch by name (or from JSON) did not happen. No store saw anything.
enum class errc {
  unknown_action = 1,  // no action of the set has that name
  bad_payload,         // the action cannot be built from the arguments / payload
  malformed,           // (JSON) the text is not a JSON object {"type": "...", ...}
};

constexpr std::string_view to_string(errc e) noexcept {
  switch (e) {
    case errc::unknown_action: return "unknown action";
    case errc::bad_payload: return "bad payload";
    case errc::malformed: return "malformed";
  }
  return "unknown error";
}

/// The result of dispatch_by_name / dispatch_json: true when the action was
/// dispatched; otherwise error() says why.
class dispatch_result {
public:
  constexpr dispatch_result() noexcept = default;
  constexpr dispatch_result(errc e) noexcept : error_(static_cast<int>(e)) {}  // NOLINT: implicit by design

  constexpr explicit operator bool() const noexcept { return error_ == 0; }
  /// The error; meaningful only when the result is false.
  constexpr errc error() const noexcept { return static_cast<errc>(error_); }
  constexpr std::string_view message() const noexcept { return error_ == 0 ? "dispatched" : to_string(error()); }

  friend constexpr bool operator==(dispatch_result a, dispatch_result b) noexcept { return a.error_ == b.error_; }
  friend constexpr bool operator==(dispatch_result a, errc b) noexcept { return a.error_ == static_cast<int>(b); }

private:
  int error_ = 0;
};

namespace detail {

template <class T>
struct spelled_name {  // the type's own unqualified name, e.g. "add_product"
  static constexpr std::string_view value = base_name(pretty_name<T>());
};

template <class A>
concept has_action_name = requires {
  { A::action_name } -> std::convertible_to<std::string_view>;
};
template <class S>
concept has_store_name = requires {
  { S::store_name } -> std::convertible_to<std::string_view>;
};

template <class A>
consteval std::string_view action_name_of() {
  if constexpr (has_action_name<A>)
    return std::string_view(A::action_name);
  else
    return camel_name<spelled_name<A>>::value.view();
}
template <class S>
consteval std::string_view store_name_of() {
  if constexpr (has_store_name<S>)
    return std::string_view(S::store_name);
  else
    return camel_name<spelled_name<S>>::value.view();
}

struct on_prefix {
  static constexpr std::string_view value = "on";
};
template <class A>
struct action_name_holder {
  static constexpr std::string_view value = action_name_of<A>();
};

}  // namespace detail

/// The action's name: its type's unqualified name in lowerCamelCase, without template
/// arguments (add_product, AddProduct, addProduct, shop::add_product<int> ->
/// "addProduct"), or its static member `action_name` when it has one.
template <class A>
inline constexpr std::string_view action_name_v = detail::action_name_of<A>();

/// The original's handler name: "on" + the capitalised action name ("onAddProduct").
template <class A>
inline constexpr std::string_view handler_name_v =
    detail::prefixed_name<detail::on_prefix, detail::action_name_holder<A>>::value.view();

/// The store's name, like the original's getStore(name): product_store ->
/// "productStore", or its static member `store_name`.
template <class S>
inline constexpr std::string_view store_name_v = detail::store_name_of<S>();

namespace detail {

// --- compile-time name tables -------------------------------------------------------------
// Run-time lookup is a perfect hash built at compile time ("hash and displace"): a
// name's hash picks a bucket; each bucket has a displacement, found at compile time,
// that sends its names to free slots of a table twice the size of the set; one string
// comparison confirms the hit. The hash reads the length and three characters of the
// name when that tells the set's names apart, and every character otherwise.
constexpr std::uint32_t sampled_hash(std::string_view s) noexcept {
  std::uint32_t h = static_cast<std::uint32_t>(s.size()) * 0x9E3779B1u;
  if (!s.empty()) {
    h = (h ^ static_cast<unsigned char>(s.front())) * 0x85EBCA6Bu;
    h = (h ^ (static_cast<std::uint32_t>(static_cast<unsigned char>(s.back())) << 8)) * 0xC2B2AE35u;
    h = (h ^ (static_cast<std::uint32_t>(static_cast<unsigned char>(s[s.size() / 2])) << 16)) * 0x27D4EB2Fu;
  }
  return h ^ (h >> 15);
}
constexpr std::uint32_t full_hash(std::string_view s) noexcept {
  std::uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h ^ (h >> 13);
}
constexpr std::uint32_t displace(std::uint32_t h, std::uint32_t d) noexcept {
  std::uint32_t x = (h ^ (d * 0x9E3779B9u)) * 0x85EBCA6Bu;
  return x ^ (x >> 16);
}
constexpr std::size_t pow2_at_least(std::size_t n) noexcept {
  std::size_t m = 1;
  while (m < n) m *= 2;
  return m;
}

template <std::size_t N>
struct name_table {
  // Up to 32 names: one bucket (a single displacement, i.e. a seeded perfect hash into
  // four times as many slots: one table load less per lookup). More: two names per
  // bucket on average, twice as many slots as names.
  static constexpr bool small = N <= 32;
  static constexpr std::size_t slots = small ? pow2_at_least(4 * N < 8 ? 8 : 4 * N) : pow2_at_least(2 * N);
  static constexpr std::size_t buckets = small ? 1 : pow2_at_least(N / 2);
  std::array<std::string_view, N> names{};        // declaration order
  std::array<std::uint32_t, slots> slot{};         // index + 1, or 0 for none
  std::array<std::uint32_t, buckets> displacement{};
  bool sampled = true;
  std::size_t duplicate_first = N, duplicate_second = N;

  constexpr std::uint32_t hash(std::string_view name) const noexcept {
    return sampled ? sampled_hash(name) : full_hash(name);
  }
  constexpr std::size_t slot_of(std::uint32_t h) const noexcept {
    return displace(h, displacement[h & (buckets - 1)]) & (slots - 1);
  }
  // The index of `name` in declaration order, or N.
  constexpr std::size_t find(std::string_view name) const noexcept {
    std::uint32_t const s = slot[slot_of(hash(name))];
    return s != 0 && names[s - 1] == name ? s - 1 : N;
  }
};

// Built in O(N log N) steps (plus the displacement search, about N steps), so that
// large sets stay within the compilers' constexpr step limits.
template <std::size_t N>
constexpr name_table<N> make_name_table(std::array<std::string_view, N> const& names) {
  using table = name_table<N>;
  table t;
  t.names = names;
  if constexpr (N > 0) {
    // Duplicate names: sort a copy, compare neighbours.
    std::array<std::string_view, N> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 1; i < N; ++i)
      if (sorted[i] == sorted[i - 1]) {
        std::size_t k = 0;
        while (names[k] != sorted[i]) ++k;
        t.duplicate_first = k++;
        while (names[k] != sorted[i]) ++k;
        t.duplicate_second = k;
        return t;  // reported by the caller
      }
    // The sampled hash if it tells all names apart, else the full one.
    auto distinct = [&](bool sampled) {
      std::array<std::uint32_t, N> h{};
      for (std::size_t i = 0; i < N; ++i) h[i] = sampled ? sampled_hash(names[i]) : full_hash(names[i]);
      std::sort(h.begin(), h.end());
      for (std::size_t i = 1; i < N; ++i)
        if (h[i] == h[i - 1]) return false;
      return true;
    };
    t.sampled = distinct(true);
    if (!t.sampled && !distinct(false)) throw "nanoflux: two action names hash alike; please report the set";
    // Names grouped by bucket (counting sort), buckets placed largest first.
    std::array<std::uint32_t, N> hash{};
    std::array<std::size_t, table::buckets + 1> start{};
    for (std::size_t i = 0; i < N; ++i) {
      hash[i] = t.hash(names[i]);
      ++start[(hash[i] & (table::buckets - 1)) + 1];
    }
    for (std::size_t b = 0; b < table::buckets; ++b) start[b + 1] += start[b];
    std::array<std::size_t, N> member{};
    std::array<std::size_t, table::buckets> fill{};
    for (std::size_t i = 0; i < N; ++i) {
      std::size_t const b = hash[i] & (table::buckets - 1);
      member[start[b] + fill[b]++] = i;
    }
    std::array<std::size_t, table::buckets> order{};
    for (std::size_t b = 0; b < table::buckets; ++b) order[b] = b;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return start[x + 1] - start[x] > start[y + 1] - start[y] || (start[x + 1] - start[x] == start[y + 1] - start[y] && x < y);
    });
    for (std::size_t b : order) {
      std::size_t const first = start[b], last = start[b + 1];
      if (first == last) break;
      for (std::uint32_t d = 0;; ++d) {
        if (d == (1u << 16)) throw "nanoflux: could not place an action name; please report the set";
        bool fits = true;
        for (std::size_t k = first; k < last && fits; ++k) {
          std::size_t const s = displace(hash[member[k]], d) & (table::slots - 1);
          fits = t.slot[s] == 0;
          for (std::size_t j = first; j < k && fits; ++j) fits = (displace(hash[member[j]], d) & (table::slots - 1)) != s;
        }
        if (!fits) continue;
        t.displacement[b] = d;
        for (std::size_t k = first; k < last; ++k)
          t.slot[displace(hash[member[k]], d) & (table::slots - 1)] = static_cast<std::uint32_t>(member[k] + 1);
        break;
      }
    }
  }
  return t;
}

// The readable errors, instantiated with what they are about so that the compiler
// prints it.
template <class FirstAction, class SecondAction>
struct duplicate_action_name {
  // An error here means the two actions named in 'duplicate_action_name<...>' have the
  // same action_name_v in one action set: give one a static member `action_name`.
  static_assert(never<FirstAction, SecondAction>,
                "nanoflux: two actions of the set (named in 'duplicate_action_name<...>' above) have the same name");
  static constexpr bool ok = true;
};
template <fixed_string Name>
struct unknown_action_name {
  // An error here means no action of the dispatcher's set has the name shown in
  // 'unknown_action_name<...>'.
  static_assert(never<decltype(Name)>, "nanoflux: no action of the set has this name (shown above)");
};
template <fixed_string Name>
struct unknown_store_name {
  // An error here means no connected store has the name shown in 'unknown_store_name<...>'.
  static_assert(never<decltype(Name)>, "nanoflux: no connected store has this name (shown above)");
};
template <class Actions>
struct open_set_has_no_names {
  // An error here means the dispatcher has the open action set: the name layer needs
  // the list of actions, make_dispatcher<nanoflux::actions<A...>>(stores...).
  static_assert(never<Actions>,
                "nanoflux: dispatch by name needs a closed action set: make_dispatcher<nanoflux::actions<...>>(...)");
};

template <class Actions>
struct action_set_names {
  static constexpr std::size_t size = 0;
  static constexpr bool ok = sizeof(open_set_has_no_names<Actions>) > 0;  // reports the error
};
template <class... A>
struct action_set_names<actions<A...>> {
  static constexpr std::size_t size = sizeof...(A);
  static constexpr name_table<size> table = make_name_table<size>({action_name_v<A>...});
  static constexpr bool check() {
    if constexpr (table.duplicate_first == size)
      return true;
    else
      return duplicate_action_name<type_at<table.duplicate_first, A...>, type_at<table.duplicate_second, A...>>::ok;
  }
  static constexpr bool ok = check();
  template <std::size_t I>
  using action = type_at<I, A...>;
};

// Builds A{args...} and dispatches it, or reports bad_payload when A cannot be built
// from these arguments (list-initialisation: no narrowing).
// Members left out of args keep their default member initialisers, as in the
// original, where missing payload fields are undefined: so no warning for that here.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wmissing-braces"
#endif
template <class A, class D, class... Args>
dispatch_result try_dispatch(D& d, Args&&... args) {
  if constexpr (requires { A{std::forward<Args>(args)...}; }) {
    d.dispatch(A{std::forward<Args>(args)...});
    return {};
  } else {
    return errc::bad_payload;
  }
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

template <class Actions, class Middleware, class... Stores>
struct name_layer<basic_dispatcher<Actions, Middleware, Stores...>> {
  using dispatcher_type = basic_dispatcher<Actions, Middleware, Stores...>;
  using set = action_set_names<Actions>;
  static_assert(set::ok);

  static constexpr std::array<std::string_view, set::size> names() noexcept { return set::table.names; }

  template <fixed_string Name, class... Args>
  static void dispatch(dispatcher_type& d, Args&&... args) {
    constexpr std::size_t index = set::table.find(Name.view());
    if constexpr (index == set::size) {
      (void)unknown_action_name<Name>{};
    } else {
      using A = typename set::template action<index>;
      d.dispatch(A{std::forward<Args>(args)...});
    }
  }

  template <class... Args>
  static dispatch_result dispatch_by_name(dispatcher_type& d, std::string_view name, Args&&... args) {
    return dispatch_index(d, set::table.find(name), std::forward<Args>(args)...);
  }

  // Dispatches the action at `index` (declaration order) built from args; for the JSON
  // layer too. index == size means unknown.
  template <class... Args>
  static dispatch_result dispatch_index(dispatcher_type& d, std::size_t index, Args&&... args) {
    if (index >= set::size) return errc::unknown_action;
    return table_for<Args...>[index](d, std::forward<Args>(args)...);
  }

  template <fixed_string Name>
  static auto& get(dispatcher_type const& d) noexcept {
    constexpr std::array<std::string_view, sizeof...(Stores)> store_names{store_name_v<Stores>...};
    constexpr std::size_t index = [&] {
      std::size_t i = 0;
      while (i < store_names.size() && store_names[i] != Name.view()) ++i;
      return i;
    }();
    if constexpr (index == sizeof...(Stores)) {
      (void)unknown_store_name<Name>{};
      return d.template get<type_at<0, Stores...>>();
    } else {
      return d.template get<type_at<index, Stores...>>();
    }
  }

private:
  template <class... Args, std::size_t... I>
  static constexpr auto dispatch_table(std::index_sequence<I...>) {
    using fn = dispatch_result (*)(dispatcher_type&, Args&&...);
    return std::array<fn, set::size>{&try_dispatch<typename set::template action<I>, dispatcher_type, Args...>...};
  }
  // One function per action, indexed like the set: built at compile time.
  template <class... Args>
  static constexpr auto table_for = dispatch_table<Args...>(std::make_index_sequence<set::size>{});
};

}  // namespace detail

}  // namespace nanoflux

#endif
