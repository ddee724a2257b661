// nanoflux: the name layer — the JavaScript original's convention (addProduct ->
// onAddProduct) on top of the typed core: action and store names derived at compile
// time, dispatch by name resolved at compile time or looked up at run time.
#ifndef NANOFLUX_NAMES_HPP
#define NANOFLUX_NAMES_HPP

#include <nanoflux/detail/fixed_string.hpp>
#include <nanoflux/detail/names/build_action.hpp>
#include <nanoflux/detail/store_order.hpp>
#include <nanoflux/detail/type_name.hpp>
#include <nanoflux/dispatcher.hpp>

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
/// dispatched; otherwise error() says why, and message() / detail() in words:
///   r.message() == "bad payload: addProduct: takes 2 arguments (one per member), 1 given"
///   r.detail()  ==              "addProduct: takes 2 arguments (one per member), 1 given"
/// The texts are constants computed at compile time: a result allocates nothing.
class dispatch_result {
public:
  constexpr dispatch_result() noexcept = default;
  constexpr dispatch_result(errc e) noexcept : error_(static_cast<int>(e)) {}  // NOLINT: implicit by design
  /// An error with its message: to_string(e) + ": " + the detail (a string that lives
  /// as long as the program, such as a literal).
  constexpr dispatch_result(errc e, std::string_view message) noexcept : error_(static_cast<int>(e)), message_(message) {}

  constexpr explicit operator bool() const noexcept { return error_ == 0; }
  /// The error; meaningful only when the result is false.
  constexpr errc error() const noexcept { return static_cast<errc>(error_); }
  /// "dispatched", or to_string(error()) followed by the detail when there is one.
  constexpr std::string_view message() const noexcept {
    return error_ == 0 ? "dispatched" : message_.empty() ? to_string(error()) : message_;
  }
  /// What failed and why (which argument or member), without the error's name; empty
  /// when there is nothing to add to error().
  constexpr std::string_view detail() const noexcept {
    if (error_ == 0 || message_.empty()) return {};
    std::size_t const prefix = to_string(error()).size() + 2;  // "bad payload: "
    return message_.size() > prefix ? message_.substr(prefix) : std::string_view{};
  }

  friend constexpr bool operator==(dispatch_result a, dispatch_result b) noexcept { return a.error_ == b.error_; }
  friend constexpr bool operator==(dispatch_result a, errc b) noexcept { return a.error_ == static_cast<int>(b); }

private:
  int error_ = 0;
  std::string_view message_;
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

// The readable error for a type whose spelling gives no name (a lambda, an unnamed
// class), instantiated with that type so that the compiler prints it.
template <class UnnamedType>
inline constexpr bool has_a_name_to_derive = false;
template <class UnnamedType>
struct type_without_a_name {
  // An error here means nanoflux cannot derive a name from the type shown in
  // 'type_without_a_name<...>' (a lambda, an unnamed class): give it a static member
  // `action_name` (for an action) or `store_name` (for a store).
  static_assert(has_a_name_to_derive<UnnamedType>,
                "nanoflux: this type (shown in 'has_a_name_to_derive<...>') has no name to derive "
                "one from: give it a static member action_name (or store_name)");
  static constexpr bool ok = true;
};
template <class T>
inline constexpr bool name_derivable = is_identifier(spelled_name<T>::value) && camel_name<spelled_name<T>>::size != 0;
template <class T>
consteval std::string_view derived_name() {
  if constexpr (name_derivable<T>) {
    return camel_name<spelled_name<T>>::value.view();
  } else {
    // Instantiates the error (a decltype, not a static_assert on it, so that clang
    // reports it once rather than follow it with errors about every name computed from it).
    using reported [[maybe_unused]] = decltype(type_without_a_name<T>{});
    return {};
  }
}

template <class A>
consteval std::string_view action_name_of() {
  if constexpr (has_action_name<A>)
    return std::string_view(A::action_name);
  else
    return derived_name<A>();
}
template <class S>
consteval std::string_view store_name_of() {
  if constexpr (has_store_name<S>)
    return std::string_view(S::store_name);
  else
    return derived_name<S>();
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
/// "addProduct"; only the last component counts: outer<int>::inner_thing ->
/// "innerThing", a function's local class -> its own name), or its static member
/// `action_name` when it has one. A type without a name (a lambda, an unnamed class)
/// must have that member: a compile error says so.
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
// Run-time lookup is a perfect hash built at compile time. A name's key is its length
// and three of its characters (first, middle, last) packed in 32 bits, when that tells
// the set's names apart, else a hash of all its characters (FNV-1a). The slot is
// multiply-shift: (key * m) >> (32 - log2 slots), with m found at compile time so that
// no two names share a slot. Up to 32 names: one m, four slots per name. More: a first
// multiply-shift picks a bucket (two names per bucket on average), each bucket has its
// own m, two slots per name. One string comparison confirms the hit.
constexpr std::uint32_t sampled_key(std::string_view s) noexcept {
  if (s.empty()) return 0;
  auto at = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
  return static_cast<std::uint32_t>(s.size()) ^ (at(0) << 8) ^ (at(s.size() / 2) << 16) ^ (at(s.size() - 1) << 24);
}
constexpr std::uint32_t full_key(std::string_view s) noexcept {
  std::uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}
constexpr std::size_t log2_of_pow2_at_least(std::size_t n) noexcept {
  std::size_t b = 0;
  while ((std::size_t{1} << b) < n) ++b;
  return b;
}
// The multipliers tried, in order: odd numbers from a fixed pseudo-random sequence.
constexpr std::uint32_t multiplier(std::uint32_t i) noexcept {
  std::uint32_t x = (i + 1) * 0x9E3779B9u;
  x = (x ^ (x >> 16)) * 0x85EBCA6Bu;
  x = (x ^ (x >> 13)) * 0xC2B2AE35u;
  return (x ^ (x >> 16)) | 1u;
}

// The name table is built during constant evaluation only (a static constexpr member):
// a failure there must stop the compilation, and no run-time hook could report it.
// These functions are not constexpr, so calling one stops the constant evaluation and
// the compiler names it ("non-constexpr function ... cannot be used in a constant
// expression"). No throw: the layer builds with -fno-exceptions.
inline void two_action_names_hash_alike__give_one_a_static_member_action_name() noexcept {}
inline void no_multiplier_places_these_action_names__please_report_the_set() noexcept {}

template <std::size_t N>
struct name_table {
  static constexpr bool small = N <= 32;
  static constexpr std::size_t slot_bits = log2_of_pow2_at_least(small ? (4 * N < 8 ? 8 : 4 * N) : 2 * N);
  static constexpr std::size_t slots = std::size_t{1} << slot_bits;
  static constexpr std::size_t bucket_bits = small ? 0 : log2_of_pow2_at_least(N / 2);
  static constexpr std::size_t buckets = std::size_t{1} << bucket_bits;
  static constexpr std::uint32_t bucket_multiplier = 0x9E3779B1u;

  std::array<std::string_view, N> names{};   // declaration order
  std::array<std::uint32_t, slots> slot{};    // index + 1, or 0 for none
  std::array<std::uint32_t, buckets> mult{};  // each bucket's multiplier
  bool sampled = true;                        // the key: sampled_key, else full_key
  std::size_t duplicate_first = N, duplicate_second = N;

  constexpr std::uint32_t key(std::string_view name) const noexcept {
    return sampled ? sampled_key(name) : full_key(name);
  }
  static constexpr std::size_t bucket_of(std::uint32_t key) noexcept {
    if constexpr (small)
      return 0;
    else
      return (key * bucket_multiplier) >> (32 - bucket_bits);
  }
  static constexpr std::size_t slot_in(std::uint32_t key, std::uint32_t m) noexcept {
    return (key * m) >> (32 - slot_bits);
  }
  constexpr std::size_t slot_of(std::string_view name) const noexcept {
    std::uint32_t const k = key(name);
    return slot_in(k, mult[bucket_of(k)]);
  }
  // The index of `name` in declaration order, or N.
  constexpr std::size_t find(std::string_view name) const noexcept {
    std::uint32_t const s = slot[slot_of(name)];
    return s != 0 && names[s - 1] == name ? s - 1 : N;
  }
};

// Built in O(N log N) steps plus the multiplier searches (a few tries per bucket), so
// that large sets stay within the compilers' constexpr step limits.
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
    // The sampled key if it tells all names apart, else the full one.
    auto distinct = [&](bool sampled) {
      std::array<std::uint32_t, N> k{};
      for (std::size_t i = 0; i < N; ++i) k[i] = sampled ? sampled_key(names[i]) : full_key(names[i]);
      std::sort(k.begin(), k.end());
      for (std::size_t i = 1; i < N; ++i)
        if (k[i] == k[i - 1]) return false;
      return true;
    };
    t.sampled = distinct(true);
    // An error here: two names of the set have the same 32-bit FNV-1a hash. Give one of
    // the two actions a static member `action_name`.
    if (!t.sampled && !distinct(false)) two_action_names_hash_alike__give_one_a_static_member_action_name();
    // Names grouped by bucket (counting sort), buckets placed largest first.
    std::array<std::uint32_t, N> key{};
    std::array<std::size_t, table::buckets + 1> start{};
    for (std::size_t i = 0; i < N; ++i) {
      key[i] = t.key(names[i]);
      ++start[table::bucket_of(key[i]) + 1];
    }
    for (std::size_t b = 0; b < table::buckets; ++b) start[b + 1] += start[b];
    std::array<std::size_t, N> member{};
    std::array<std::size_t, table::buckets> fill{};
    for (std::size_t i = 0; i < N; ++i) {
      std::size_t const b = table::bucket_of(key[i]);
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
      for (std::uint32_t i = 0;; ++i) {
        // An error here: no multiplier separates these names (not seen in practice).
        if (i == (1u << 16)) no_multiplier_places_these_action_names__please_report_the_set();
        std::uint32_t const m = multiplier(i);
        bool fits = true;
        for (std::size_t k = first; k < last && fits; ++k) {
          std::size_t const s = table::slot_in(key[member[k]], m);
          fits = t.slot[s] == 0;
          for (std::size_t j = first; j < k && fits; ++j) fits = table::slot_in(key[member[j]], m) != s;
        }
        if (!fits) continue;
        t.mult[b] = m;
        for (std::size_t k = first; k < last; ++k)
          t.slot[table::slot_in(key[member[k]], m)] = static_cast<std::uint32_t>(member[k] + 1);
        break;
      }
    }
  }
  return t;
}

// The readable errors, instantiated with what they are about so that the compiler
// prints it.
template <class FirstAction, class SecondAction>
inline constexpr bool distinct_action_names = false;
template <class FirstAction, class SecondAction>
struct duplicate_action_name {
  // An error here means the two actions named in 'duplicate_action_name<...>' have the
  // same action_name_v in one action set: give one a static member `action_name`.
  static_assert(distinct_action_names<FirstAction, SecondAction>,
                "nanoflux: two actions of the set (named in 'distinct_action_names<...>') have the same name: "
                "give one a static member action_name");
  static constexpr bool ok = true;
};
template <fixed_string Name>
struct unknown_action_name {
  // An error here means no action of the dispatcher's set has the name shown in
  // 'unknown_action_name<...>'.
  static_assert(never<decltype(Name)>,
                "nanoflux: no action of the set has the name given to dispatch<\"name\">() (in the call shown)");
};
template <fixed_string Name>
struct unknown_store_name {
  // An error here means no connected store has the name shown in 'unknown_store_name<...>'.
  static_assert(never<decltype(Name)>,
                "nanoflux: no connected store has the name given to get<\"name\">() (in the call shown)");
};
template <class Actions>
struct open_set_has_no_names {
  // An error here means the dispatcher has the open action set: the name layer needs
  // the list of actions, make_dispatcher<nanoflux::actions<A...>>(stores...).
  static_assert(never<Actions>,
                "nanoflux: dispatch by name needs a closed action set: make_dispatcher<nanoflux::actions<...>>(...)");
  static constexpr bool ok = true;
};
struct action_set_names_ok {
  static constexpr bool ok = true;
};

// The readable error of an action set with two actions of one name, or none.
template <std::size_t First, std::size_t Second, class... A>
struct duplicate_check {
  using type = action_set_names_ok;
};
template <std::size_t First, std::size_t Second, class... A>
  requires(First < sizeof...(A))
struct duplicate_check<First, Second, A...> {
  using type = duplicate_action_name<type_at<First, A...>, type_at<Second, A...>>;
};

// The names of an action set. ok: usable by the name layer; static_assert(check::ok)
// reports why not (named in the static_assert itself, so that clang reports it once).
template <class Actions>
struct action_set_names {
  static constexpr std::size_t size = 0;
  static constexpr name_table<0> table{};
  static constexpr bool ok = false;
  using check = open_set_has_no_names<Actions>;
};
template <class A>
inline constexpr bool action_named = has_action_name<A> || name_derivable<A>;
// An action set with an action without a name: reported before any name is computed
// (so that the error comes with a short trace).
template <class... A>
  requires(!all_true<action_named<A>...>())
struct action_set_names<actions<A...>> {
  static constexpr std::size_t size = 0;
  static constexpr name_table<0> table{};
  static constexpr bool ok = false;
  static constexpr std::size_t first_unnamed = [] {
    constexpr bool named[] = {action_named<A>...};
    std::size_t i = 0;
    while (named[i]) ++i;
    return i;
  }();
  using check = type_without_a_name<type_at<first_unnamed, A...>>;
};
template <class... A>
struct action_set_names<actions<A...>> {
  static constexpr std::size_t size = sizeof...(A);
  static constexpr name_table<size> table = make_name_table<size>({action_name_v<A>...});
  static constexpr bool ok = table.duplicate_first == size;
  using check = typename duplicate_check<table.duplicate_first, table.duplicate_second, A...>::type;
  template <std::size_t I>
  using action = type_at<I, A...>;
};

// Builds A from args (the rule of build_action.hpp) and dispatches it, or reports
// bad_payload with the reason, when A cannot be built from arguments of these types.
template <class A, class D, class... Args>
dispatch_result try_dispatch(D& d, Args&&... args) {
  if constexpr (builds_action<A, Args...>) {
    d.dispatch(build_action<A>(std::forward<Args>(args)...));
    return {};
  } else {
    return {errc::bad_payload, static_text<argument_error<action_name_holder<A>, A, Args...>>::value.view()};
  }
}

// The readable errors of a dispatch by name whose arguments cannot build the action:
template <class NamedAction, class... Args>
struct check_action_builds {
  // An error here means dispatch<"name">(args...) names an action (the first type in
  // 'check_action_builds<...>') that cannot be built from arguments of the types after
  // it: one argument per member, in order, each converting without narrowing.
  static_assert(builds_action<NamedAction, Args...>,
                "nanoflux: dispatch<\"name\">(args...): the action (first type in 'check_action_builds<...>' "
                "above) cannot be built from these arguments (one per member, in order, no narrowing)");
  static constexpr bool ok = true;
};
template <class Actions, class... Args>
inline constexpr bool some_action_builds = false;
template <class... A, class... Args>
inline constexpr bool some_action_builds<actions<A...>, Args...> = !all_true<!builds_action<A, Args...>...>();
template <class Actions, class... Args>
struct check_some_action_builds;
template <class... A, class... Args>
struct check_some_action_builds<actions<A...>, Args...> {
  // An error here means no action of the set can be built from arguments of the types
  // in 'check_some_action_builds<actions<...>, Args...>' (after the set): every call
  // would return bad_payload. A member added to an action, say: pass it too.
  static_assert(some_action_builds<actions<A...>, Args...>,
                "nanoflux: dispatch_by_name(name, args...): no action of the set can be built from arguments "
                "of these types (one per member, in order, no narrowing): every call would fail");
  static constexpr bool ok = true;
};

// dispatch_by_name's entry for the slot of A's name: confirms that `name` is A's name
// (a comparison with a constant of known length, which the compiler inlines), then
// builds and dispatches A.
template <class A, class D, class... Args>
dispatch_result dispatch_if_named(D& d, std::string_view name, Args&&... args) {
  static constexpr std::string_view expected = action_name_v<A>;
  if constexpr (expected.empty()) {
    if (!name.empty()) return errc::unknown_action;
  } else {
    if (name.size() != expected.size() || std::memcmp(name.data(), expected.data(), expected.size()) != 0)
      return errc::unknown_action;
  }
  return try_dispatch<A>(d, std::forward<Args>(args)...);
}
// dispatch_by_name's entry for the slots no name of the set hashes to.
template <class D, class... Args>
dispatch_result no_action_named(D&, std::string_view, Args&&...) {
  return errc::unknown_action;
}

template <class Actions, class Middleware, class... Stores>
struct name_layer<basic_dispatcher<Actions, Middleware, Stores...>> {
  using dispatcher_type = basic_dispatcher<Actions, Middleware, Stores...>;
  using set = action_set_names<Actions>;
  static_assert(set::check::ok);

  static constexpr std::array<std::string_view, set::size> names() noexcept { return set::table.names; }

  template <fixed_string Name, class... Args>
  static void dispatch(dispatcher_type& d, Args&&... args) {
    constexpr std::size_t index = set::table.find(Name.view());
    if constexpr (!set::ok) {
      // reported above
    } else if constexpr (index == set::size) {
      (void)unknown_action_name<Name>{};
    } else {
      using A = typename set::template action<index>;
      if constexpr (check_action_builds<A, Args...>::ok) d.dispatch(build_action<A>(std::forward<Args>(args)...));
    }
  }

  // The name's slot in the perfect hash table gives the function to call: it compares
  // the name with the one action name that hashes there, and dispatches that action.
  template <class... Args>
  static dispatch_result dispatch_by_name(dispatcher_type& d, std::string_view name, Args&&... args) {
    if constexpr (!set::ok) {
      return errc::unknown_action;  // reported above
    } else {
      return dispatch_by_name_in_set(d, name, std::forward<Args>(args)...);
    }
  }
  template <class... Args>
  static dispatch_result dispatch_by_name_in_set(dispatcher_type& d, std::string_view name, Args&&... args) {
    static_assert(check_some_action_builds<Actions, Args...>::ok);
    using table = name_table<set::size>;
    std::uint32_t const key = [&] {
      if constexpr (set::table.sampled)
        return sampled_key(name);
      else
        return full_key(name);
    }();
    std::size_t const slot = table::slot_in(key, set::table.mult[table::bucket_of(key)]);
    return slot_table<Args...>[slot](d, name, std::forward<Args>(args)...);
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
  // One function per slot of the name table: the action whose name hashes there, or
  // no_action_named. Built at compile time.
  template <class... Args, std::size_t... I>
  static constexpr auto make_slot_table(std::index_sequence<I...>) {
    using fn = dispatch_result (*)(dispatcher_type&, std::string_view, Args&&...);
    constexpr std::array<fn, set::size> by_index{
        &dispatch_if_named<typename set::template action<I>, dispatcher_type, Args...>...};
    std::array<fn, name_table<set::size>::slots> by_slot{};
    for (std::size_t s = 0; s < by_slot.size(); ++s) {
      std::uint32_t const entry = set::table.slot[s];
      by_slot[s] = entry == 0 ? &no_action_named<dispatcher_type, Args...> : by_index[entry - 1];
    }
    return by_slot;
  }
  template <class... Args>
  static constexpr auto slot_table = make_slot_table<Args...>(std::make_index_sequence<set::size>{});
};

}  // namespace detail

}  // namespace nanoflux

#endif
