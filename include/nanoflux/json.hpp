// nanoflux: JSON actions — described actions to and from Redux-style
// {"type":"addProduct","payload":{...}}, a recorder middleware and replay.
// Needs Boost.JSON (link nanoflux::json) and Boost.Describe.
#ifndef NANOFLUX_JSON_HPP
#define NANOFLUX_JSON_HPP

#include <nanoflux/names.hpp>

#include <boost/describe/class.hpp>  // BOOST_DESCRIBE_STRUCT, for the users of this header
#include <boost/describe/enum.hpp>   // BOOST_DESCRIBE_ENUM
#include <boost/describe/members.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_stack.hpp>
#include <boost/json/value_to.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <ranges>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace nanoflux {

namespace detail {
template <class A>
concept described_action =
    boost::describe::has_describe_members<A>::value;

template <class A>
constexpr bool has_members() {
  using members = boost::describe::describe_members<A, boost::describe::mod_public>;
  return boost::mp11::mp_size<members>::value != 0;
}

template <class A>
struct check_described {
  // An error here means the action is not described: add
  // BOOST_DESCRIBE_STRUCT(Action, (), (member1, member2...)) after its definition, at
  // namespace scope (<nanoflux/json.hpp> provides the macro).
  static_assert(described_action<A>,
                "nanoflux: a JSON action must be described: BOOST_DESCRIBE_STRUCT(Action, (), (members...)) after "
                "its definition (the macro comes with <nanoflux/json.hpp>)");
  static constexpr bool ok = true;
};
}  // namespace detail

/// The action as one line of JSON: {"type":"addProduct","payload":{...members...}};
/// an action without members has no payload. Members convert as Boost.JSON does:
/// described structs and enums (by name), strings, numbers, bools, std::optional
/// (null when empty) and sequences.
template <class A>
std::string to_json(A const& action) {
  static_assert(detail::check_described<A>::ok);
  boost::json::object message;
  message["type"] = action_name_v<A>;
  if constexpr (detail::has_members<A>()) message["payload"] = boost::json::value_from(action);
  return boost::json::serialize(message);
}

namespace detail {

// The parser's handler: builds the value as Boost.JSON's own parser does, except that
// (1) it counts the keys, so that a duplicate key (which the value silently collapses,
// keeping the last) can be refused: {"type":"a","type":"b"}; and (2) it converts
// numbers with a fraction or an exponent with std::from_chars, correctly rounded:
// Boost.JSON 1.81's own conversion is off by one unit in the last place for about one
// double in ten, so that to_json's text of a double did not always read back as that
// double (a recorded session did not replay to the same state).
struct precise_handler {
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();
  using ec = boost::system::error_code;
  using sv = boost::json::string_view;

  boost::json::value_stack st;
  std::size_t keys = 0;
  std::string number;  // the parts of a number split across buffers

  bool on_document_begin(ec&) { return true; }
  bool on_document_end(ec&) { return true; }
  bool on_object_begin(ec&) { return true; }
  bool on_object_end(std::size_t n, ec&) {
    st.push_object(n);
    return true;
  }
  bool on_array_begin(ec&) { return true; }
  bool on_array_end(std::size_t n, ec&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(sv s, std::size_t, ec&) {
    st.push_chars(s);
    return true;
  }
  bool on_key(sv s, std::size_t, ec&) {
    ++keys;
    st.push_key(s);
    return true;
  }
  bool on_string_part(sv s, std::size_t, ec&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(sv s, std::size_t, ec&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(sv s, ec&) {
    number.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, sv, ec&) {
    number.clear();
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, sv, ec&) {
    number.clear();
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, sv s, ec& e) {
    number.append(s.data(), s.size());
    double precise = 0;
    auto const [end, error] = std::from_chars(number.data(), number.data() + number.size(), precise);
    bool const whole = end == number.data() + number.size();
    number.clear();
    if (error == std::errc() && whole) {
      d = precise;
    } else if (!(d - d == 0)) {
      // Beyond double's range (1e999 would be infinity): refused, since it is out of
      // range and cannot be written back. (Below its range, 1e-999, stays 0.)
      e = boost::json::error::exponent_overflow;
      return false;
    }
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, ec&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(ec&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(sv, ec&) { return true; }
  bool on_comment(sv, ec&) { return true; }
};

// The number of keys in a parsed value; SIZE_MAX when it holds a number that is not
// finite (a literal beyond double's range, such as 1e999, parses as infinity: refused,
// since it is out of range and cannot be written back).
inline std::size_t count_keys(boost::json::value const& v) noexcept {
  constexpr std::size_t refused = std::size_t(-1);
  std::size_t n = 0;
  if (auto const* o = v.if_object()) {
    for (auto const& member : *o) {
      std::size_t const k = count_keys(member.value());
      if (k == refused) return refused;
      n += 1 + k;
    }
  } else if (auto const* a = v.if_array()) {
    for (auto const& element : *a) {
      std::size_t const k = count_keys(element);
      if (k == refused) return refused;
      n += k;
    }
  } else if (auto const* d = v.if_double()) {
    if (!(*d - *d == 0)) return refused;  // infinity or NaN
  }
  return n;
}

// Parses one JSON document; false for anything that is not exactly one valid document
// without duplicate keys and with finite numbers only (invalid UTF-8 and excessive
// nesting are refused by the parser).
inline bool parse_strict(std::string_view text, boost::json::value& out) noexcept {
  try {
    boost::json::basic_parser<precise_handler> parser{boost::json::parse_options()};
    parser.handler().st.reset();
    boost::system::error_code ec;
    std::size_t const used = parser.write_some(false, text.data(), text.size(), ec);
    if (ec || used != text.size() || !parser.done()) return false;
    out = parser.handler().st.release();
    return parser.handler().keys == count_keys(out);
  } catch (...) {  // an allocation failure
    return false;
  }
}

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

// True when every floating-point number in v (through described members, optionals,
// pairs and ranges) is finite. The text's numbers are all finite (parse_strict), so an
// infinity here is a number beyond its member's range, a float given 1e39 say, which
// Boost.JSON converts without a word: refused.
template <class T>
bool all_finite(T const& v) noexcept {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isfinite(v);
  } else if constexpr (is_optional<T>) {
    return !v.has_value() || all_finite(*v);
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    bool finite = true;
    using members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;
    boost::mp11::mp_for_each<members>([&](auto member) { finite = finite && all_finite(v.*member.pointer); });
    return finite;
  } else if constexpr (requires { v.first; v.second; }) {
    return all_finite(v.first) && all_finite(v.second);
  } else if constexpr (std::ranges::input_range<T const> && !std::is_convertible_v<T const&, std::string_view>) {
    for (auto const& element : v)
      if (!all_finite(element)) return false;
    return true;
  } else {
    return true;
  }
}

// The messages of a bad JSON payload, computed at compile time.
enum class payload_problem { not_an_object, unknown_member, missing_member, wrong_member, other };
template <class A, payload_problem Problem, class Member = void>
struct payload_error {
  static constexpr text_buffer make() {
    text_buffer t;
    t << "bad payload: " << action_name_v<A> << ": ";
    if constexpr (Problem == payload_problem::not_an_object)
      t << "the payload must be an object";
    else if constexpr (Problem == payload_problem::unknown_member)
      t << "the payload has a member the action does not have";
    else if constexpr (Problem == payload_problem::missing_member)
      t << "member '" << std::string_view(Member::name) << "' is missing";
    else if constexpr (Problem == payload_problem::wrong_member)
      t << "member '" << std::string_view(Member::name) << "' has the wrong type, or a value out of its range";
    else
      t << "the payload does not convert to the action";
    return t;
  }
};
template <class A, payload_problem Problem, class Member = void>
inline constexpr std::string_view payload_error_text = static_text<payload_error<A, Problem, Member>>::value.view();

// Why the payload does not convert to A: the first member (in declaration order) that
// is missing or does not convert, else a member A does not have.
template <class A>
std::string_view diagnose_payload(boost::json::value const& payload) {
  using members = boost::describe::describe_members<A, boost::describe::mod_public | boost::describe::mod_inherited>;
  boost::json::object const* object = payload.if_object();
  if (object == nullptr) return payload_error_text<A, payload_problem::not_an_object>;
  std::string_view found;
  std::size_t known = 0;
  boost::mp11::mp_for_each<members>([&](auto member) {
    using D = decltype(member);
    using M = std::remove_cvref_t<decltype(std::declval<A const&>().*D::pointer)>;
    if (!found.empty()) return;
    boost::json::value const* v = object->if_contains(D::name);
    if (v == nullptr) {
      found = payload_error_text<A, payload_problem::missing_member, D>;
      return;
    }
    ++known;
    bool converts = false;
    try {
      auto const r = boost::json::try_value_to<M>(*v);
      converts = r && all_finite(*r);
    } catch (...) {
    }
    if (!converts) found = payload_error_text<A, payload_problem::wrong_member, D>;
  });
  if (!found.empty()) return found;
  if (known != object->size()) return payload_error_text<A, payload_problem::unknown_member>;
  return payload_error_text<A, payload_problem::other>;
}

// Converts the payload (nullptr: absent) to A and dispatches it; bad_payload when it
// does not convert, with what failed. The conversion never lets an exception out; the stores' can.
template <class A, class D>
dispatch_result dispatch_json_payload(D& d, boost::json::value const* payload) {
  static_assert(check_described<A>::ok);
  static boost::json::value const empty = boost::json::object();
  if (payload == nullptr) payload = &empty;
  boost::system::result<A> action = boost::system::error_code();
  try {
    action = boost::json::try_value_to<A>(*payload);
  } catch (...) {  // e.g. an allocation failure inside the conversion
    return errc::bad_payload;
  }
  if (!action || !all_finite(*action)) return {errc::bad_payload, diagnose_payload<A>(*payload)};
  d.dispatch(*action);
  return {};
}

template <class Actions, class Middleware, class... Stores>
struct json_layer<basic_dispatcher<Actions, Middleware, Stores...>> {
  using dispatcher_type = basic_dispatcher<Actions, Middleware, Stores...>;
  using set = action_set_names<Actions>;
  static_assert(set::check::ok);

  static dispatch_result dispatch_json(dispatcher_type& d, std::string_view text) noexcept(false) {
    boost::json::value message;
    if (!parse_strict(text, message)) return errc::malformed;
    boost::json::object const* object = message.if_object();
    if (object == nullptr) return errc::malformed;
    boost::json::value const* type = object->if_contains("type");
    if (type == nullptr || !type->is_string()) return errc::malformed;
    boost::json::value const* payload = object->if_contains("payload");
    if (object->size() != (payload ? 2u : 1u)) return errc::malformed;  // only type and payload
    boost::json::string const& name = type->get_string();
    std::size_t const index = set::table.find(std::string_view(name.data(), name.size()));
    if (index >= set::size) return errc::unknown_action;
    return table(std::make_index_sequence<set::size>{})[index](d, payload);
  }

private:
  template <std::size_t... I>
  static constexpr auto table(std::index_sequence<I...>) {
    using fn = dispatch_result (*)(dispatcher_type&, boost::json::value const*);
    return std::array<fn, set::size>{&dispatch_json_payload<typename set::template action<I>, dispatcher_type>...};
  }
};

// The recorder middleware: one JSON line per action, written before the stores run.
class json_recorder {
public:
  explicit json_recorder(std::ostream& out) noexcept : out_(&out) {}
  template <class A, class Next>
  void operator()(A const& action, Next next) const {
    *out_ << to_json(action) << '\n';
    next(action);
  }

private:
  std::ostream* out_;
};

}  // namespace detail

/// Middleware writing one JSON line (to_json) per action, before the stores see it:
///   auto d = make_dispatcher<actions<...>>(s).with_middleware(nanoflux::recorder(file));
inline detail::json_recorder recorder(std::ostream& out) noexcept { return detail::json_recorder(out); }

/// Dispatches the JSON actions of `lines`, one per line, in order; stops at the first
/// line that is not one (malformed, unknown or bad payload: that line and the rest are
/// not dispatched). Returns how many lines were dispatched.
template <class D>
std::size_t replay(D& d, std::istream& lines) {
  std::size_t dispatched = 0;
  std::string line;
  while (std::getline(lines, line)) {
    if (!d.dispatch_json(line)) break;
    ++dispatched;
  }
  return dispatched;
}

}  // namespace nanoflux

#endif
