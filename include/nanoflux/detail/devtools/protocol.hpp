// nanoflux devtools: the SocketCluster packets the bridge reads, parsed strictly. Not
// for users: see <nanoflux/devtools.hpp>.
//
// The protocol as @redux-devtools/cli 4.0.3 (socketcluster-server 19.2, protocol
// version 2) implements it: every WebSocket text message is one JSON packet, or the
// empty string (the server's ping; the client answers with the empty string).
//   reply:   {"rid": n, "data": ..., "error": ...}     (to our {"event", "data", "cid": n})
//   publish: {"event": "#publish", "data": {"channel": "respond", "data": {...}}}
// A command (the inner data) from the monitor: {"type": "START" | "STOP" | "UPDATE" |
// "DISCONNECTED" | "IMPORT" | "DISPATCH" | ..., "action": {...}, "state": "...",
// "instanceId": ...}; DISPATCH's action is a Redux DevTools lifted action
// ({"type": "JUMP_TO_STATE", "index": 3} and so on).
#ifndef NANOFLUX_DETAIL_DEVTOOLS_PROTOCOL_HPP
#define NANOFLUX_DETAIL_DEVTOOLS_PROTOCOL_HPP

#include <nanoflux/json.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace nanoflux::devtools::detail {

/// What the monitor asks for. Applied on the application's thread by bridge::poll().
struct command {
  enum kind_t : std::uint8_t {
    start,               // START / UPDATE: (re)send INIT and the recorded actions
    stop,                // STOP / DISCONNECTED (a monitor left): stop sending actions
    jump_to_state,       // a = index into the staged actions (0: the committed state)
    jump_to_action,      // a = action id
    toggle_action,       // a = action id: skip / unskip it, replay the rest
    set_actions_active,  // [a, b) action ids, flag = active
    reorder_action,      // a = action id, b = the id it moves before
    sweep,               // forget the skipped actions
    import_state,        // text = an exported lifted state (JSON)
    commit,              // the current state becomes the committed one, actions forgotten
    rollback,            // back to the committed state, actions forgotten
    reset,               // back to the initial state, actions forgotten
    pause_recording,     // flag = paused
    lock_changes,        // flag = locked: the application's actions are refused
    disconnected,        // (from the connection) the server went away
  };
  kind_t kind = start;
  std::int64_t a = 0;
  std::int64_t b = 0;
  bool flag = false;
  std::string text;
};

/// One parsed packet.
struct packet {
  enum kind_t : std::uint8_t { ping, reply, monitor, ignored, malformed };
  kind_t kind = malformed;
  std::int64_t rid = 0;  // reply: the call answered
  bool failed = false;   // reply: it carries an error
  std::string value;     // reply: data when it is a string (login's channel); data.id for the handshake
  command cmd;           // monitor
};

inline constexpr std::int64_t max_id = std::int64_t(1) << 52;  // JavaScript's exact integers

// An integer in [0, max_id] (a JSON number without fraction, or a double holding one).
inline bool get_index(boost::json::object const& o, std::string_view key, std::int64_t& out) {
  boost::json::value const* v = o.if_contains(key);
  if (v == nullptr) return false;
  if (auto const* i = v->if_int64()) {
    if (*i < 0 || *i > max_id) return false;
    out = *i;
    return true;
  }
  if (auto const* u = v->if_uint64()) {
    if (*u > std::uint64_t(max_id)) return false;
    out = std::int64_t(*u);
    return true;
  }
  if (auto const* d = v->if_double()) {
    if (!(*d >= 0 && *d <= double(max_id)) || double(std::int64_t(*d)) != *d) return false;
    out = std::int64_t(*d);
    return true;
  }
  return false;
}

inline bool get_bool(boost::json::object const& o, std::string_view key, bool& out) {
  boost::json::value const* v = o.if_contains(key);
  if (v == nullptr || !v->is_bool()) return false;
  out = v->get_bool();
  return true;
}

inline std::string_view get_string(boost::json::object const& o, std::string_view key) {
  boost::json::value const* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return {};
  return {v->get_string().data(), v->get_string().size()};
}

// A lifted action of a DISPATCH: false when it is not one the bridge knows, or its
// fields are missing or of the wrong type.
inline packet::kind_t parse_lifted_action(boost::json::object const& a, command& c) {
  std::string_view const type = get_string(a, "type");
  bool ok = true;
  if (type == "JUMP_TO_STATE") {
    c.kind = command::jump_to_state;
    ok = get_index(a, "index", c.a);
  } else if (type == "JUMP_TO_ACTION") {
    c.kind = command::jump_to_action;
    ok = get_index(a, "actionId", c.a);
  } else if (type == "TOGGLE_ACTION") {
    c.kind = command::toggle_action;
    ok = get_index(a, "id", c.a);
  } else if (type == "SET_ACTIONS_ACTIVE") {
    c.kind = command::set_actions_active;
    ok = get_index(a, "start", c.a) && get_index(a, "end", c.b) && get_bool(a, "active", c.flag);
  } else if (type == "REORDER_ACTION") {
    c.kind = command::reorder_action;
    ok = get_index(a, "actionId", c.a) && get_index(a, "beforeActionId", c.b);
  } else if (type == "SWEEP") {
    c.kind = command::sweep;
  } else if (type == "COMMIT") {
    c.kind = command::commit;
  } else if (type == "ROLLBACK") {
    c.kind = command::rollback;
  } else if (type == "RESET") {
    c.kind = command::reset;
  } else if (type == "PAUSE_RECORDING") {
    c.kind = command::pause_recording;
    ok = get_bool(a, "status", c.flag);
  } else if (type == "LOCK_CHANGES") {
    c.kind = command::lock_changes;
    ok = get_bool(a, "status", c.flag);
  } else if (type == "IMPORT_STATE") {
    c.kind = command::import_state;
    boost::json::value const* next = a.if_contains("nextLiftedState");
    ok = next != nullptr && next->is_object();
    if (ok) c.text = boost::json::serialize(*next);
  } else if (type.empty()) {
    return packet::malformed;
  } else {
    return packet::ignored;  // a lifted action the bridge does not implement
  }
  return ok ? packet::monitor : packet::malformed;
}

// The inner data of a publish on one of our channels.
inline packet::kind_t parse_command(boost::json::object const& m, std::string_view instance_id, command& c) {
  std::string_view const type = get_string(m, "type");
  if (type.empty()) return packet::malformed;
  if (boost::json::value const* target = m.if_contains("instanceId")) {
    // Sent to one instance: ours (a string, or a number written as one), or nobody.
    if (auto const* s = target->if_string()) {
      if (std::string_view(s->data(), s->size()) != instance_id) return packet::ignored;
    } else if (!target->is_null()) {
      if (boost::json::serialize(*target) != instance_id) return packet::ignored;
    }
  }
  if (type == "START" || type == "UPDATE") {
    c.kind = command::start;
  } else if (type == "STOP" || type == "DISCONNECTED") {
    c.kind = command::stop;
  } else if (type == "IMPORT") {
    std::string_view const state = get_string(m, "state");
    if (state.empty()) return packet::malformed;
    c.kind = command::import_state;
    c.text.assign(state);
  } else if (type == "DISPATCH") {
    boost::json::value const* action = m.if_contains("action");
    if (action == nullptr || !action->is_object()) return packet::malformed;
    return parse_lifted_action(action->get_object(), c);
  } else {
    return packet::ignored;  // ACTION (dispatch from the monitor), SYNC, EXPORT...: not supported
  }
  return packet::monitor;
}

/// Parses one incoming WebSocket message. `channels`: the channels the bridge listens
/// on ("respond" and "sc-<socket id>"); a publish on another channel is ignored.
/// Never throws; anything that is not exactly a packet of the protocol is malformed.
inline packet parse_packet(std::string_view text, std::string_view respond_channel, std::string_view own_channel,
                           std::string_view instance_id) noexcept {
  packet p;
  if (text.empty()) {
    p.kind = packet::ping;
    return p;
  }
  try {
    boost::json::value root;
    if (!nanoflux::detail::parse_strict(text, root)) return p;
    boost::json::object const* o = root.if_object();
    if (o == nullptr) return p;
    if (o->contains("rid")) {
      if (!get_index(*o, "rid", p.rid)) return p;
      p.kind = packet::reply;
      if (boost::json::value const* e = o->if_contains("error"); e != nullptr && !e->is_null()) p.failed = true;
      if (boost::json::value const* d = o->if_contains("data")) {
        if (auto const* s = d->if_string()) {
          p.value.assign(s->data(), s->size());
        } else if (auto const* obj = d->if_object()) {
          p.value.assign(get_string(*obj, "id"));
        }
      }
      return p;
    }
    std::string_view const event = get_string(*o, "event");
    if (event.empty()) return p;
    if (event != "#publish") {
      p.kind = packet::ignored;  // #setAuthToken, #removeAuthToken, ...
      return p;
    }
    boost::json::value const* data = o->if_contains("data");
    if (data == nullptr || !data->is_object()) return p;
    std::string_view const channel = get_string(data->get_object(), "channel");
    boost::json::value const* inner = data->get_object().if_contains("data");
    if (channel.empty() || inner == nullptr || !inner->is_object()) return p;
    if (channel != respond_channel && channel != own_channel) {
      p.kind = packet::ignored;
      return p;
    }
    p.kind = parse_command(inner->get_object(), instance_id, p.cmd);
    return p;
  } catch (...) {  // an allocation failure
    p = packet();
    return p;
  }
}

}  // namespace nanoflux::devtools::detail

#endif
