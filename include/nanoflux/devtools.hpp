// nanoflux: time-travel debugging in Redux DevTools. A bridge sends a state_store's
// actions and models to the Redux DevTools server (npm @redux-devtools/cli 4.0.3) and
// obeys the monitor: jump, skip, reorder, import, commit, rollback, reset, pause, lock.
// Needs Boost.Beast/Asio and Boost.JSON: link nanoflux::devtools.
//
//   using todo_store = nanoflux::state_store<todo_model, nanoflux::devtools::monitored<todo_reducer>>;
//   todo_store todos{todo_model{}};
//   nanoflux::devtools::bridge<todo_store, todo_actions> tools{todos, {.port = 8000}};
//   auto d = nanoflux::make_dispatcher<todo_actions>(todos).with_middleware(tools.middleware());
//   for (;;) { d(...); tools.poll(); }   // poll(): the monitor's commands, on this thread
//
// A connected monitor can change the application's state. options::send_only makes the
// bridge ignore every such command.
#ifndef NANOFLUX_DEVTOOLS_HPP
#define NANOFLUX_DEVTOOLS_HPP

#include <nanoflux/detail/devtools/connection.hpp>
#include <nanoflux/detail/devtools/protocol.hpp>
#include <nanoflux/json.hpp>
#include <nanoflux/state.hpp>

#include <boost/describe/members.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace nanoflux::devtools {

/// How the bridge connects. The defaults stay on this machine.
struct options {
  std::string host = "127.0.0.1";  // the Redux DevTools server (an address or a host name)
  std::uint16_t port = 8000;
  std::string name = "nanoflux";   // the instance's name in the monitor (also its instanceId)
  /// The number of recorded steps (the initial state and the actions) kept for the
  /// monitor; older actions are committed, as Redux DevTools' maxAge. Also the bound of
  /// the messages waiting to be sent (the oldest dropped and counted). At least 2.
  std::size_t max_age = 50;
  std::size_t max_message_bytes = std::size_t(1) << 20;  // a longer incoming message ends the session
  std::size_t max_commands = 256;                        // monitor commands waiting for poll()
  /// True: only sends; every command that would change the application (jump, skip,
  /// reorder, import, commit, rollback, reset, pause, lock) is ignored and counted.
  bool send_only = false;
  /// False: no connection at all (tests and fuzzing feed the bridge with receive()).
  bool connect = true;
  std::chrono::milliseconds reconnect_min{100};
  std::chrono::milliseconds reconnect_max{2000};
  std::chrono::milliseconds handshake_timeout{3000};  // connect + login, or the attempt fails
};

/// What the bridge has done, for tests and for the curious. Readable from any thread
/// only through bridge::stats() on the application's thread.
struct statistics {
  std::uint64_t sent = 0;              // messages (INIT, STATE, ACTION) written to the server
  std::uint64_t dropped = 0;           // unsent messages dropped (buffer full, or superseded by a reconnection)
  std::uint64_t malformed = 0;         // incoming messages refused (not JSON, wrong shape, too long)
  std::uint64_t ignored = 0;           // well-formed, but not for this instance or not supported
  std::uint64_t commands_dropped = 0;  // commands refused because poll() was not called for a while
  std::uint64_t connects = 0;          // sessions logged in
  std::uint64_t failures = 0;          // connection attempts or sessions ended by an error
  std::uint64_t refused = 0;           // state-changing commands ignored in send_only mode
  std::uint64_t locked_out = 0;        // the application's actions refused while the monitor locked changes
  std::uint64_t bad_imports = 0;       // IMPORT commands whose state or actions did not convert
  std::uint64_t recorded = 0;          // actions recorded
  bool connected = false;              // logged in right now
};

/// The action the bridge uses to show a model in the store (jump, skip, import...): a
/// state_store's reducer must accept it. monitored<Reducer> adds it to any reducer.
template <class Model>
struct replace_model {
  std::shared_ptr<Model const> model;
};

/// A reducer with one more overload: replace_model<Model> makes the given model current.
///   nanoflux::state_store<todo_model, nanoflux::devtools::monitored<todo_reducer>>
template <class Reducer>
struct monitored : Reducer {
  monitored() = default;
  monitored(Reducer r) : Reducer(std::move(r)) {}  // NOLINT: implicit by design
  using Reducer::operator();
  template <class Model>
  Model operator()(Model const&, replace_model<Model> const& r) const {
    return *r.model;
  }
};

namespace detail {

inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

template <class A>
boost::json::value action_value(A const& action) {
  boost::json::object o;
  o["type"] = action_name_v<A>;
  if constexpr (boost::describe::has_describe_members<A>::value) {
    if constexpr (nanoflux::detail::has_members<A>()) o["payload"] = boost::json::value_from(action);
  }
  return o;
}

template <class Model>
inline constexpr bool model_converts_to_json =
    boost::json::has_value_from<Model>::value && boost::json::has_value_to<Model>::value;

template <class Model>
struct check_model_json {
  static constexpr bool ok = model_converts_to_json<Model>;
  // An error here means the state_store's model cannot be written as JSON (nor read
  // back, for IMPORT): describe it, BOOST_DESCRIBE_STRUCT(todo_model, (), (items, filter)),
  // and its members too, or give it Boost.JSON's tag_invoke conversions.
  static_assert(model_converts_to_json<Model>,
                "nanoflux: devtools needs the model to convert to and from JSON (Boost.Describe or tag_invoke)");
};

template <class Store, class Model>
inline constexpr bool store_replaces_model = reducer_for<typename Store::reducer_type, Model, replace_model<Model>>;

template <class Store, class Model>
struct check_store_replaces {
  static constexpr bool ok = store_replaces_model<Store, Model>;
  // An error here means the store's reducer does not accept devtools::replace_model<Model>,
  // which the bridge needs to show a model (jump, skip, import): wrap the reducer,
  // state_store<Model, nanoflux::devtools::monitored<Reducer>>.
  static_assert(store_replaces_model<Store, Model>,
                "nanoflux: a devtools bridge needs state_store<Model, nanoflux::devtools::monitored<Reducer>>");
};

// The model to JSON and back. Without a conversion (after check_model_json's error):
// nothing, so that no second error (Boost.JSON's own) follows the readable one.
template <class Model>
boost::json::value model_value(Model const& m) {
  if constexpr (model_converts_to_json<Model>)
    return boost::json::value_from(m);
  else
    return {};
}
template <class Model>
std::optional<Model> model_from(boost::json::value const& v) {
  if constexpr (model_converts_to_json<Model>) {
    auto model = boost::json::try_value_to<Model>(v);
    if (model) return std::optional<Model>(std::move(*model));
  }
  return std::nullopt;
}

// A message rendered on the connection thread from data the application no longer changes.
template <class Render>
struct rendered final : devtools::detail::outgoing {
  explicit rendered(Render r) : render_(std::move(r)) {}
  std::string render(std::string_view socket_id) const override { return render_(socket_id); }
  Render render_;
};
template <class Render>
std::shared_ptr<devtools::detail::outgoing const> make_message(Render r) {
  return std::make_shared<rendered<Render> const>(std::move(r));
}

}  // namespace detail

/// The bridge between one state_store and the Redux DevTools server. Actions: the
/// actions an IMPORT may contain (nanoflux::actions<...>, usually the dispatcher's set;
/// with none, IMPORT is refused). Use it from the application's thread only; the
/// connection runs on a thread of its own.
template <class Store, class Actions = nanoflux::actions<>>
class bridge {
public:
  using model_type = typename Store::model_type;
  using reducer_type = typename Store::reducer_type;

private:
  using Model = model_type;
  using Reducer = reducer_type;
  // (Instantiated, not asserted again: one error each.)
  using model_checked [[maybe_unused]] = decltype(detail::check_model_json<Model>{});
  using store_checked [[maybe_unused]] = decltype(detail::check_store_replaces<Store, Model>{});
  static constexpr bool recording = requires(Store const& s) { s.snapshot(); };
  using model_ptr = std::shared_ptr<Model const>;

  struct action_base {
    virtual ~action_base() = default;
    virtual model_ptr apply(Reducer const& r, model_ptr const& before) const = 0;
    virtual boost::json::value json() const = 0;
  };
  template <class A>
  struct action_entry final : action_base {
    explicit action_entry(A a) : action(std::move(a)) {}
    // The replay: the reducer alone (effects do not run again); an action the reducer
    // does not take, or that throws, leaves the model as it was.
    model_ptr apply(Reducer const& r, model_ptr const& before) const override {
      if constexpr (reducer_for<Reducer, Model, A>) {
        try {
          auto next = r(*before, action);
          if constexpr (std::is_same_v<decltype(next), Model>)
            return std::make_shared<Model const>(std::move(next));
          else
            return std::make_shared<Model const>(std::move(next.model));
        } catch (...) {
          return before;
        }
      } else {
        return before;
      }
    }
    boost::json::value json() const override { return detail::action_value(action); }
    A action;
  };

  struct step {
    std::int64_t id = 0;                          // 0: the committed state (@@INIT)
    std::shared_ptr<action_base const> action;    // null for id 0
    std::int64_t timestamp = 0;
    bool skipped = false;
    model_ptr state;                              // the model after this step
  };

public:
  explicit bridge(Store& store, options opt = {}, Reducer reducer = {})
      : store_(&store), reducer_(std::move(reducer)), options_(std::move(opt)) {
    options_.max_age = std::max<std::size_t>(options_.max_age, 2);
    initial_ = current_model();
    staged_.push_back(step{0, nullptr, detail::now_ms(), false, initial_});
    devtools::detail::connection_settings s;
    s.host = options_.host;
    s.port = options_.port;
    s.instance_id = options_.name;
    s.name = options_.name;
    s.max_unsent = options_.max_age;
    s.max_message_bytes = options_.max_message_bytes;
    s.max_commands = options_.max_commands;
    s.reconnect_min = options_.reconnect_min;
    s.reconnect_max = std::max(options_.reconnect_max, options_.reconnect_min);
    s.handshake_timeout = options_.handshake_timeout;
    connection_ = std::make_unique<devtools::detail::connection>(std::move(s));
    if (options_.connect) connection_->start();
  }
  bridge(bridge const&) = delete;
  bridge& operator=(bridge const&) = delete;
  ~bridge() { connection_->stop(); }

  /// The middleware to give the dispatcher: records each action and the model after it
  /// and queues them for the monitor. It never waits for the network.
  auto middleware() noexcept { return tap{this}; }

  /// Applies the monitor's commands received since the last call, on the calling
  /// (application) thread; returns how many. Call it from the application's loop.
  std::size_t poll() {
    commands_.clear();
    connection_->take_commands(commands_);
    for (auto& c : commands_) {
      try {
        apply(c);
      } catch (...) {  // an allocation failure, a model that failed to copy: the command is lost
      }
    }
    bool const resync = connection_->take_resync() || std::exchange(resync_after_error_, false);
    if (resync && monitored_) send_state();
    return commands_.size();
  }

  /// One incoming message, as if the server had sent it (for tests and fuzzing, with
  /// options::connect = false; with a live connection, this would race with it).
  void receive(std::string_view text) { connection_->receive(text); }

  statistics stats() const {
    auto const& c = connection_->counters;
    statistics s;
    s.sent = c.sent.load();
    s.dropped = c.dropped.load();
    s.malformed = c.malformed.load();
    s.ignored = c.ignored.load();
    s.commands_dropped = c.commands_dropped.load();
    s.connects = c.connects.load();
    s.failures = c.failures.load();
    s.connected = c.ready.load();
    s.refused = refused_;
    s.locked_out = locked_out_;
    s.bad_imports = bad_imports_;
    s.recorded = recorded_;
    return s;
  }

  /// The monitor's view, for tests: the staged action ids (0 first), the skipped ones,
  /// the current index.
  std::vector<std::int64_t> staged_ids() const {
    std::vector<std::int64_t> ids;
    for (auto const& s : staged_) ids.push_back(s.id);
    return ids;
  }
  std::size_t current_index() const noexcept { return current_; }
  bool paused() const noexcept { return paused_; }
  bool locked() const noexcept { return locked_; }
  bool monitored() const noexcept { return monitored_; }

private:
  struct tap {
    bridge* self;
    template <class A, class Next>
    void operator()(A const& action, Next next) const {
      if (self->locked_) [[unlikely]] {
        ++self->locked_out_;  // the monitor locked changes: as Redux DevTools, the action is refused
        return;
      }
      next(action);  // the stores run; if one throws, nothing is recorded
      self->record(action);
    }
  };

  model_ptr current_model() const {
    if constexpr (recording)
      return store_->snapshot();
    else
      return std::make_shared<Model const>(store_->get());
  }

  template <class A>
  void record(A const& action) noexcept {
    try {
      // The model after the action: copied (shared, with history) only when the store took it.
      model_ptr after;
      if constexpr (reducer_for<Reducer, Model, A> || recording)
        after = current_model();
      else
        after = staged_[current_].state;
      ++recorded_;
      if (paused_) {  // as Redux DevTools: a paused monitor sees only the latest state
        staged_.clear();
        staged_.push_back(step{0, nullptr, detail::now_ms(), false, std::move(after)});
        current_ = 0;
        return;
      }
      // After a jump back, the store went on from the model shown: the steps after it
      // are gone (as an undo branch), and the monitor needs the whole list again.
      bool const branched = current_ + 1 < staged_.size();
      if (branched) staged_.erase(staged_.begin() + std::ptrdiff_t(current_ + 1), staged_.end());
      std::int64_t const id = next_id_++;
      staged_.push_back(step{id, std::make_shared<action_entry<A> const>(action), detail::now_ms(), false, after});
      current_ = staged_.size() - 1;
      trim();  // the monitor commits the same oldest actions (the message carries maxAge)
      if (!monitored_) return;
      if (branched)
        send_state();
      else
        send_action(staged_.back());
    } catch (...) {  // the application's action happened; only the monitor's record is incomplete
      resync_after_error_ = true;
    }
  }

  // Keeps at most max_age steps: the oldest actions are committed.
  void trim() {
    while (staged_.size() > options_.max_age) {
      staged_.pop_front();  // the new first step's model is the committed state
      staged_.front().id = 0;
      staged_.front().action = nullptr;
      staged_.front().skipped = false;
      current_ = current_ > 0 ? current_ - 1 : 0;
    }
  }

  // --- the monitor's commands ------------------------------------------------------

  using command = devtools::detail::command;

  std::size_t index_of(std::int64_t id) const {
    for (std::size_t i = 0; i < staged_.size(); ++i)
      if (staged_[i].id == id) return i;
    return staged_.size();
  }

  void apply(command& c) {
    switch (c.kind) {
      case command::start:
        monitored_ = true;
        send_init();  // supersedes whatever is unsent: the monitor starts over
        send_state(/*replaces_all=*/false);
        return;
      case command::stop:
      case command::disconnected:
        monitored_ = false;
        return;
      default:
        break;
    }
    if (options_.send_only) {
      ++refused_;
      return;
    }
    switch (c.kind) {
      case command::jump_to_state:
        if (std::size_t(c.a) >= staged_.size()) return;
        current_ = std::size_t(c.a);
        break;
      case command::jump_to_action: {
        std::size_t const i = index_of(c.a);
        if (i == staged_.size()) return;
        current_ = i;
        break;
      }
      case command::toggle_action: {
        std::size_t const i = index_of(c.a);
        if (i == 0 || i == staged_.size()) return;
        staged_[i].skipped = !staged_[i].skipped;
        recompute(i);
        break;
      }
      case command::set_actions_active: {
        std::size_t first = staged_.size();
        for (std::int64_t id = c.a; id < c.b && id - c.a <= std::int64_t(staged_.size()); ++id) {
          std::size_t const i = index_of(id);
          if (i == 0 || i == staged_.size()) continue;
          staged_[i].skipped = !c.flag;
          first = std::min(first, i);
        }
        if (first == staged_.size()) return;
        recompute(first);
        break;
      }
      case command::reorder_action:
        if (!reorder(c.a, c.b)) return;
        break;
      case command::sweep:
        staged_.erase(std::remove_if(staged_.begin() + 1, staged_.end(), [](step const& s) { return s.skipped; }),
                      staged_.end());
        current_ = std::min(current_, staged_.size() - 1);
        break;
      case command::commit:
        staged_.front().state = staged_[current_].state;
        collapse();
        break;
      case command::rollback:
        collapse();
        break;
      case command::reset:
        staged_.front().state = initial_;
        collapse();
        break;
      case command::pause_recording:
        paused_ = c.flag;
        if (paused_) {  // as Redux DevTools: the current state becomes the committed one
          staged_.front().state = staged_[current_].state;
          collapse();
        }
        break;
      case command::lock_changes:
        locked_ = c.flag;
        break;
      case command::import_state:
        if (!import(c.text)) {
          ++bad_imports_;
          return;
        }
        break;
      default:
        return;
    }
    show();
    if (monitored_) send_state();
  }

  // Forgets the actions: the first step's model is the committed state.
  void collapse() {
    staged_.erase(staged_.begin() + 1, staged_.end());
    staged_.front().timestamp = detail::now_ms();
    current_ = 0;
  }

  // Replays the reducer from step `from` on (skipped steps keep the model before them).
  void recompute(std::size_t from) {
    for (std::size_t i = std::max<std::size_t>(from, 1); i < staged_.size(); ++i) {
      step& s = staged_[i];
      s.state = s.skipped ? staged_[i - 1].state : s.action->apply(reducer_, staged_[i - 1].state);
    }
  }

  // As redux-devtools-instrument's REORDER_ACTION.
  bool reorder(std::int64_t id, std::int64_t before_id) {
    std::size_t const from = index_of(id);
    if (from == 0 || from == staged_.size()) return false;
    std::size_t to = index_of(before_id);
    if (to == 0 || to == staged_.size()) to = before_id > staged_.back().id ? staged_.size() : 1;
    if (to == from || to == from + 1) return false;
    step moved = std::move(staged_[from]);
    staged_.erase(staged_.begin() + std::ptrdiff_t(from));
    if (to > from) --to;
    staged_.insert(staged_.begin() + std::ptrdiff_t(to), std::move(moved));
    recompute(std::min(from, to));
    return true;
  }

  // Shows the current step's model in the store (its subscribers run).
  void show() { store_->on(replace_model<Model>{staged_[current_].state}); }

  // IMPORT: an exported lifted state ({actionsById, stagedActionIds, skippedActionIds,
  // committedState, currentStateIndex, ...}, or Redux's {payload, preloadedState}). The
  // models are not trusted: the committed state converts to Model, every action to one
  // of Actions, and the rest is replayed with the reducer. All or nothing.
  bool import(std::string const& text) {
    using set = nanoflux::detail::action_set_names<Actions>;
    if constexpr (set::size == 0) {
      (void)text;
      return false;
    } else {
      boost::json::value root;
      if (!nanoflux::detail::parse_strict(text, root) || !root.is_object()) return false;
      boost::json::object const* lifted = &root.get_object();
      boost::json::value inner;
      if (auto const* payload = lifted->if_contains("payload"); payload && payload->is_string()) {
        auto const& s = payload->get_string();
        if (!nanoflux::detail::parse_strict(std::string_view(s.data(), s.size()), inner) || !inner.is_object())
          return false;
        lifted = &inner.get_object();
      }
      auto const* by_id = lifted->if_contains("actionsById");
      auto const* ids = lifted->if_contains("stagedActionIds");
      if (!by_id || !by_id->is_object() || !ids || !ids->is_array() || ids->get_array().empty()) return false;
      boost::json::value const* committed = lifted->if_contains("committedState");
      if (committed == nullptr) {
        auto const* states = lifted->if_contains("computedStates");
        if (!states || !states->is_array() || states->get_array().empty() || !states->get_array()[0].is_object())
          return false;
        committed = states->get_array()[0].get_object().if_contains("state");
        if (committed == nullptr) return false;
      }
      std::optional<Model> model = detail::model_from<Model>(*committed);
      if (!model || !nanoflux::detail::all_finite(*model)) return false;

      std::deque<step> steps;
      steps.push_back(step{0, nullptr, detail::now_ms(), false, std::make_shared<Model const>(std::move(*model))});
      std::int64_t max_seen = 0;
      for (std::size_t k = 0; k < ids->get_array().size(); ++k) {
        boost::json::object holder{{"id", ids->get_array()[k]}};
        std::int64_t id = 0;
        if (!devtools::detail::get_index(holder, "id", id)) return false;
        if (k == 0) {
          if (id != 0) return false;
          continue;
        }
        if (id == 0 || id <= max_seen) return false;  // ids ascend (the monitor's order)
        max_seen = id;
        auto const* entry = by_id->get_object().if_contains(std::to_string(id));
        if (!entry || !entry->is_object()) return false;
        auto const* action = entry->get_object().if_contains("action");
        if (!action || !action->is_object()) return false;
        auto typed = make_action<set>(action->get_object());
        if (!typed) return false;
        std::int64_t timestamp = 0;
        devtools::detail::get_index(entry->get_object(), "timestamp", timestamp);
        steps.push_back(step{id, std::move(typed), timestamp, false, nullptr});
      }
      if (auto const* skipped = lifted->if_contains("skippedActionIds")) {
        if (!skipped->is_array()) return false;
        for (auto const& v : skipped->get_array()) {
          boost::json::object holder{{"id", v}};
          std::int64_t id = 0;
          if (!devtools::detail::get_index(holder, "id", id)) return false;
          for (auto& s : steps)
            if (s.id == id && id != 0) s.skipped = true;
        }
      }
      std::int64_t index = std::int64_t(steps.size()) - 1;
      devtools::detail::get_index(*lifted, "currentStateIndex", index);
      staged_ = std::move(steps);
      recompute(1);
      current_ = std::min<std::size_t>(std::size_t(index), staged_.size() - 1);
      next_id_ = max_seen + 1;
      trim();
      return true;
    }
  }

  template <class Set>
  static std::shared_ptr<action_base const> make_action(boost::json::object const& o) {
    auto const* type = o.if_contains("type");
    if (!type || !type->is_string()) return nullptr;
    auto const* payload = o.if_contains("payload");
    if (o.size() != (payload ? 2u : 1u)) return nullptr;
    auto const& name = type->get_string();
    std::size_t const index = Set::table.find(std::string_view(name.data(), name.size()));
    if (index >= Set::size) return nullptr;
    return make_action_table<Set>(std::make_index_sequence<Set::size>{})[index](payload);
  }
  template <class Set, std::size_t... I>
  static auto make_action_table(std::index_sequence<I...>) {
    using fn = std::shared_ptr<action_base const> (*)(boost::json::value const*);
    return std::array<fn, Set::size>{&make_one<typename Set::template action<I>>...};
  }
  template <class A>
  static std::shared_ptr<action_base const> make_one(boost::json::value const* payload) {
    static boost::json::value const empty = boost::json::object();
    auto a = boost::json::try_value_to<A>(payload ? *payload : empty);
    if (!a || !nanoflux::detail::all_finite(*a)) return nullptr;
    return std::make_shared<action_entry<A> const>(std::move(*a));
  }

  // --- messages (rendered on the connection thread) ---------------------------------

  struct header {
    std::string instance_id;
    std::string name;
    boost::json::object open(char const* type, std::string_view socket_id) const {
      return boost::json::object{{"type", type}, {"id", socket_id}, {"instanceId", instance_id}, {"name", name}};
    }
  };
  header make_header() const { return header{options_.name, options_.name}; }

  static std::string model_json(Model const& m) { return boost::json::serialize(detail::model_value(m)); }

  boost::json::object lib_config() const {
    bool const writable = !options_.send_only;
    boost::json::object features{{"pause", writable}, {"lock", writable},      {"persist", false},
                                 {"export", true},    {"jump", writable},      {"skip", writable},
                                 {"reorder", writable}, {"dispatch", false},   {"test", false},
                                 {"sync", false}};
    if (writable)
      features["import"] = "custom";
    else
      features["import"] = false;
    return boost::json::object{{"name", options_.name}, {"features", std::move(features)}};
  }

  void send_action(step const& s) {
    connection_->send(detail::make_message(
        [h = make_header(), s, max_age = options_.max_age](std::string_view socket_id) {
          boost::json::object m = h.open("ACTION", socket_id);
          boost::json::object lifted{
              {"type", "PERFORM_ACTION"}, {"action", s.action->json()}, {"timestamp", s.timestamp}};
          m["action"] = boost::json::serialize(lifted);
          m["payload"] = model_json(*s.state);
          m["nextActionId"] = s.id + 1;
          m["maxAge"] = max_age;
          return boost::json::serialize(m);
        }));
  }

  void send_init() {
    connection_->send(detail::make_message(
        [h = make_header(), s = staged_.front(), config = lib_config()](std::string_view socket_id) {
          boost::json::object m = h.open("INIT", socket_id);
          m["payload"] = model_json(*s.state);
          m["action"] = boost::json::serialize(boost::json::object{{"timestamp", s.timestamp}});
          m["libConfig"] = config;
          return boost::json::serialize(m);
        }),
        /*replaces_all=*/true);
  }

  // The whole lifted state, as redux-devtools-instrument keeps it; it supersedes the
  // unsent messages (but not an INIT just queued).
  void send_state(bool replaces_all = true) {
    connection_->send(detail::make_message([h = make_header(), steps = staged_, current = current_,
                                            next_id = next_id_, paused = paused_, locked = locked_,
                                            config = lib_config()](std::string_view socket_id) {
      boost::json::object by_id;
      boost::json::array computed, staged, skipped;
      for (step const& s : steps) {
        boost::json::object action = s.action ? s.action->json().as_object() : boost::json::object{{"type", "@@INIT"}};
        by_id[std::to_string(s.id)] =
            boost::json::object{{"type", "PERFORM_ACTION"}, {"action", std::move(action)}, {"timestamp", s.timestamp}};
        computed.push_back(boost::json::object{{"state", detail::model_value(*s.state)}});
        staged.push_back(s.id);
        if (s.skipped) skipped.push_back(s.id);
      }
      boost::json::object lifted{{"actionsById", std::move(by_id)},
                                 {"committedState", detail::model_value(*steps.front().state)},
                                 {"computedStates", std::move(computed)},
                                 {"currentStateIndex", current},
                                 {"nextActionId", next_id},
                                 {"skippedActionIds", std::move(skipped)},
                                 {"stagedActionIds", std::move(staged)},
                                 {"isLocked", locked},
                                 {"isPaused", paused}};
      boost::json::object m = h.open("STATE", socket_id);
      m["payload"] = boost::json::serialize(lifted);
      m["libConfig"] = config;
      return boost::json::serialize(m);
    }), replaces_all);
  }

  Store* store_;
  Reducer reducer_;
  options options_;
  model_ptr initial_;
  std::deque<step> staged_;
  std::size_t current_ = 0;
  std::int64_t next_id_ = 1;
  bool monitored_ = false;
  bool paused_ = false;
  bool locked_ = false;
  bool resync_after_error_ = false;
  std::uint64_t refused_ = 0;
  std::uint64_t locked_out_ = 0;
  std::uint64_t bad_imports_ = 0;
  std::uint64_t recorded_ = 0;
  std::vector<command> commands_;
  std::unique_ptr<devtools::detail::connection> connection_;
};

}  // namespace nanoflux::devtools

#endif
