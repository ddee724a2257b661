// nanoflux Fusion record/replay: the actors of a `recordable` fusionator written as JSON
// lines by a recorder middleware and replayed into a store — the Fusion counterpart of
// nanoflux::recorder and nanoflux::replay (json.hpp). Arguments and results convert
// through Boost.JSON and Boost.Describe, as the JSON layer's actions do.
// Needs Boost.JSON (link nanoflux::json) and Boost.Asio (fusion.hpp).
#ifndef NANOFLUX_FUSION_JSON_HPP
#define NANOFLUX_FUSION_JSON_HPP

#include <nanoflux/fusion.hpp>
#include <nanoflux/json.hpp>

// BOOST_DESCRIBE_STRUCT and BOOST_DESCRIBE_ENUM, for the arguments' types.
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace nanoflux::fusion {

namespace detail {

template <class T>
inline constexpr bool json_convertible = boost::json::has_value_from<T>::value && boost::json::has_value_to<T>::value;

// Reads one value as a T: false when it does not convert or holds a number beyond T's
// range (as dispatch_json refuses it).
template <class T>
bool read_json(boost::json::value const& v, std::optional<T>& out) noexcept {
  try {
    auto r = boost::json::try_value_to<T>(v);
    if (!r || !nanoflux::detail::all_finite(*r)) return false;
    out.emplace(std::move(*r));
    return true;
  } catch (...) {  // an allocation failure
    return false;
  }
}

// The JSON codec of one actor: Args are its arguments, Slice its result (written for an
// async actor's completion, which replay fuses as the result instead of running the
// actor again).
template <bool Async, class Slice, class... Args>
struct json_codec {
  using arguments = std::tuple<Args const&...>;

  static void write(actor_call const& call, void* line) {
    auto& object = *static_cast<boost::json::object*>(line);
    boost::json::array& args = object["args"].emplace_array();
    if (void const* a = call_access::arguments(call))
      write_arguments(*static_cast<arguments const*>(a), args, std::index_sequence_for<Args...>{});
    if constexpr (Async) object["slice"] = boost::json::value_from(*static_cast<Slice const*>(call_access::result(call)));
  }

  static bool replay(void const* line, void const* target) {
    auto const& object = *static_cast<boost::json::object const*>(line);
    boost::json::array const& args = object.at("args").get_array();  // checked by replay_line
    if (args.size() != sizeof...(Args)) return false;
    return replay_with(object, args, target, std::index_sequence_for<Args...>{});
  }

  static constexpr actor_codec value{&write, &replay};

private:
  template <std::size_t... I>
  static void write_arguments(arguments const& a, boost::json::array& out, std::index_sequence<I...>) {
    (out.push_back(boost::json::value_from(std::get<I>(a))), ...);
  }

  template <std::size_t... I>
  static bool replay_with(boost::json::object const& object, boost::json::array const& args, void const* target,
                          std::index_sequence<I...>) {
    std::tuple<std::optional<Args>...> decoded;
    if (!(read_json(args[I], std::get<I>(decoded)) && ...)) return false;
    if constexpr (Async) {
      std::optional<Slice> result;
      if (!read_json(object.at("slice"), result)) return false;
      (*static_cast<std::function<void(Slice, Args...)> const*>(target))(std::move(*result),
                                                                          std::move(*std::get<I>(decoded))...);
    } else {
      (*static_cast<std::function<void(Args...)> const*>(target))(std::move(*std::get<I>(decoded))...);
    }
    return true;
  }
};

// Replays one recorded line: false (and nothing called) when it is not one.
template <class State>
bool replay_line(store<State>& s, std::string_view text) {
  boost::json::value parsed;
  if (!nanoflux::detail::parse_strict(text, parsed)) return false;
  boost::json::object const* line = parsed.if_object();
  if (line == nullptr) return false;
  boost::json::value const* ns = line->if_contains("ns");
  boost::json::value const* actor = line->if_contains("actor");
  boost::json::value const* args = line->if_contains("args");
  boost::json::value const* slice = line->if_contains("slice");
  if (ns == nullptr || !ns->is_string() || actor == nullptr || !actor->is_string() || args == nullptr ||
      !args->is_array())
    return false;
  if (line->size() != (slice ? 4u : 3u)) return false;  // nothing else
  boost::json::string const& n = ns->get_string();
  boost::json::string const& a = actor->get_string();
  replayable const found =
      replay_access::find(s, std::string_view(n.data(), n.size()), std::string_view(a.data(), a.size()));
  if (!found.found || found.codec == nullptr) return false;
  if (found.async != (slice != nullptr)) return false;  // an async actor's line has its result, a sync one's not
  return found.codec->replay(line, found.target);
}

// The recorder middleware.
class fusion_json_recorder {
public:
  explicit fusion_json_recorder(std::ostream& out) noexcept : out_(&out) {}

  template <class State>
  State operator()(State const& proposed, State const&, actor_call const& call) const {
    actor_identity const& who = call_access::who(call);
    // An actor of a fusionator created without `recordable`: its arguments have no JSON
    // form here. Refused loudly rather than left out of the recording.
    if (who.codec == nullptr)
      throw std::logic_error("nanoflux::fusion::recorder: actor '" + who.name + "' of namespace '" + who.ns +
                             "' is not recordable: create its fusionator with nanoflux::fusion::recordable");
    boost::json::object line;
    line["ns"] = who.ns;
    line["actor"] = who.name;
    who.codec->write(call, &line);
    *out_ << boost::json::serialize(line) << '\n';
    return proposed;
  }

private:
  std::ostream* out_;
};

}  // namespace detail

/// The policy that makes a fusionator's actors recordable:
///   auto cart = store.fusionator("cart", &app::cart, nanoflux::fusion::recordable);
/// Each argument of its actors, and for an async actor its slice, must convert to and
/// from JSON through Boost.JSON: numbers, strings, bools, sequences, std::optional, and
/// structs and enums described with BOOST_DESCRIBE_STRUCT / BOOST_DESCRIBE_ENUM.
struct recordable_t {
  static constexpr bool is_fusion_codec = true;

  template <bool Async, class Slice, class... Args>
  static constexpr detail::actor_codec const* codec() noexcept {
    // An error here means an argument of an actor of a recordable fusionator has no JSON
    // form: describe it with BOOST_DESCRIBE_STRUCT(type, (), (members...)) after its
    // definition, or give it Boost.JSON's tag_invoke conversions.
    static_assert((detail::json_convertible<Args> && ...),
                  "nanoflux::fusion::recordable: every argument of a recordable actor must convert to and from JSON "
                  "(describe structs with BOOST_DESCRIBE_STRUCT)");
    // An error here means an async actor's slice has no JSON form: its completion is
    // recorded as the slice it produced (replay does not run it again).
    static_assert(!Async || detail::json_convertible<Slice>,
                  "nanoflux::fusion::recordable: the slice of a recordable async actor must convert to and from JSON "
                  "(describe it with BOOST_DESCRIBE_STRUCT)");
    if constexpr ((detail::json_convertible<Args> && ...) && (!Async || detail::json_convertible<Slice>))
      return &detail::json_codec<Async, Slice, Args...>::value;
    else
      return nullptr;
  }
};
inline constexpr recordable_t recordable{};

/// Middleware writing one JSON line per fuse, before the new state is published:
///   {"ns":"cart","actor":"addItem","args":[{"name":"pen","price":2}]}
/// and for an async actor's completion also the slice it produced ("slice":...). Add it
/// with store.use(...) after the other middleware. Every actor of the store must be
/// recordable (else the fuse throws std::logic_error and publishes nothing).
inline detail::fusion_json_recorder recorder(std::ostream& out) noexcept { return detail::fusion_json_recorder(out); }

/// Replays the recorded lines of `lines` into `s`, a store with the same recordable
/// actors defined: calls each sync actor with its arguments, and fuses each async
/// actor's recorded slice as that actor's result (the async work does not run again).
/// Stops at the first line that is not one (malformed, an unknown namespace or actor,
/// one not recordable, or arguments that do not convert: that line and the rest are not
/// replayed). Returns how many lines were replayed. Without an executor each call fuses
/// at once, and an actor or middleware that throws propagates out of replay (that line
/// not counted). With an executor, the calls are queued to the store's strand in order
/// (run the executor to fuse them; their errors go to on_error).
template <class State>
std::size_t replay(store<State>& s, std::istream& lines) {
  std::size_t replayed = 0;
  std::string line;
  while (std::getline(lines, line)) {
    if (!detail::replay_line(s, line)) break;
    ++replayed;
  }
  return replayed;
}

}  // namespace nanoflux::fusion

#endif
