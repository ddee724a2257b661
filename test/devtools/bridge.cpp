// The devtools bridge without a network: commands fed as the server would send them
// (bridge.receive), applied by poll(). Checks the lifted state against
// redux-devtools-instrument's semantics and the model the store shows.
#define BOOST_TEST_MODULE devtools_bridge
#include <boost/test/unit_test.hpp>

#include "../../examples/devtools/todo.hpp"

#include <nanoflux/devtools.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/state.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace dt = nanoflux::devtools;
using todo_store = nanoflux::state_store<todo::model, dt::monitored<todo::reducer>>;
using bridge_t = dt::bridge<todo_store, todo::actions>;

namespace {

dt::options offline(std::size_t max_age = 50) {
  dt::options o;
  o.connect = false;
  o.max_age = max_age;
  o.name = "test";
  return o;
}

std::string publish(std::string const& data) {
  return R"({"event":"#publish","data":{"channel":"respond","data":)" + data + "}}";
}
std::string dispatch(std::string const& action) {
  return publish(R"({"type":"DISPATCH","instanceId":"test","action":)" + action + "}");
}

std::vector<std::string> texts(todo::model const& m) {
  std::vector<std::string> out;
  for (auto const& i : m.items) out.push_back(i.text + (i.done ? "+" : ""));
  return out;
}
using v = std::vector<std::string>;
using ids = std::vector<std::int64_t>;

struct fixture {
  todo_store store{todo::model{}};
  bridge_t tools;
  decltype(nanoflux::make_dispatcher<todo::actions>(store).with_middleware(tools.middleware())) d;
  int notified = 0;
  nanoflux::subscription sub;
  explicit fixture(dt::options o = offline())
      : tools(store, o), d(nanoflux::make_dispatcher<todo::actions>(store).with_middleware(tools.middleware())) {
    sub = store.subscribe([this] { ++notified; });
  }
  void command(std::string const& text) {
    tools.receive(text);
    tools.poll();
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(records_each_action_and_jumps) {
  fixture f;
  f.d(todo::add_todo{"milk"});
  f.d(todo::add_todo{"eggs"});
  f.d(todo::toggle_todo{1});
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 1, 2, 3}));
  BOOST_TEST(f.tools.current_index() == 3u);
  BOOST_TEST(f.tools.stats().recorded == 3u);

  int const before = f.notified;
  f.command(dispatch(R"({"type":"JUMP_TO_STATE","index":1})"));
  BOOST_TEST(texts(f.store.get()) == (v{"milk"}));
  BOOST_TEST(f.notified == before + 1);  // the store's subscribers see the jump
  f.command(dispatch(R"({"type":"JUMP_TO_ACTION","actionId":3})"));
  BOOST_TEST(texts(f.store.get()) == (v{"milk+", "eggs"}));
  f.command(dispatch(R"({"type":"JUMP_TO_STATE","index":0})"));
  BOOST_TEST(f.store.get().items.empty());
  // Out of range: nothing happens.
  f.command(dispatch(R"({"type":"JUMP_TO_STATE","index":4})"));
  f.command(dispatch(R"({"type":"JUMP_TO_ACTION","actionId":77})"));
  BOOST_TEST(f.store.get().items.empty());
  BOOST_TEST(f.tools.current_index() == 0u);
}

BOOST_AUTO_TEST_CASE(skip_replays_the_reducer) {
  fixture f;
  f.d(todo::add_todo{"milk"});
  f.d(todo::add_todo{"eggs"});
  f.d(todo::toggle_todo{2});
  f.command(dispatch(R"({"type":"TOGGLE_ACTION","id":1})"));
  // Without "add milk", eggs gets id 1, and toggle_todo{2} toggles nothing.
  BOOST_TEST(texts(f.store.get()) == (v{"eggs"}));
  BOOST_TEST(f.store.get().items[0].id == 1);
  f.command(dispatch(R"({"type":"TOGGLE_ACTION","id":1})"));
  BOOST_TEST(texts(f.store.get()) == (v{"milk", "eggs+"}));
  // SET_ACTIONS_ACTIVE [2, 4): eggs and the toggle.
  f.command(dispatch(R"({"type":"SET_ACTIONS_ACTIVE","start":2,"end":4,"active":false})"));
  BOOST_TEST(texts(f.store.get()) == (v{"milk"}));
  f.command(dispatch(R"({"type":"SET_ACTIONS_ACTIVE","start":2,"end":4,"active":true})"));
  BOOST_TEST(texts(f.store.get()) == (v{"milk", "eggs+"}));
  // The @@INIT step cannot be skipped.
  f.command(dispatch(R"({"type":"TOGGLE_ACTION","id":0})"));
  BOOST_TEST(texts(f.store.get()) == (v{"milk", "eggs+"}));
  // Sweep removes what is skipped.
  f.command(dispatch(R"({"type":"TOGGLE_ACTION","id":3})"));
  f.command(dispatch(R"({"type":"SWEEP"})"));
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 1, 2}));
  BOOST_TEST(texts(f.store.get()) == (v{"milk", "eggs"}));
}

BOOST_AUTO_TEST_CASE(reorder_as_instrument) {
  fixture f;
  f.d(todo::add_todo{"a"});
  f.d(todo::add_todo{"b"});
  f.d(todo::toggle_todo{1});
  f.command(dispatch(R"({"type":"REORDER_ACTION","actionId":3,"beforeActionId":1})"));
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 3, 1, 2}));
  BOOST_TEST(texts(f.store.get()) == (v{"a", "b"}));  // the toggle ran on an empty list
  // beforeActionId past the last: to the end.
  f.command(dispatch(R"({"type":"REORDER_ACTION","actionId":3,"beforeActionId":99})"));
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 1, 2, 3}));
  BOOST_TEST(texts(f.store.get()) == (v{"a+", "b"}));
}

BOOST_AUTO_TEST_CASE(commit_rollback_reset) {
  fixture f;
  f.d(todo::add_todo{"a"});
  f.d(todo::add_todo{"b"});
  f.command(dispatch(R"({"type":"COMMIT"})"));
  BOOST_TEST(f.tools.staged_ids() == (ids{0}));
  f.d(todo::add_todo{"c"});
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 3}));  // ids go on
  f.command(dispatch(R"({"type":"ROLLBACK"})"));
  BOOST_TEST(texts(f.store.get()) == (v{"a", "b"}));
  f.command(dispatch(R"({"type":"RESET"})"));
  BOOST_TEST(f.store.get().items.empty());
  BOOST_TEST(f.tools.staged_ids() == (ids{0}));
}

BOOST_AUTO_TEST_CASE(pause_and_lock) {
  fixture f;
  f.d(todo::add_todo{"a"});
  f.command(dispatch(R"({"type":"PAUSE_RECORDING","status":true})"));
  BOOST_TEST(f.tools.paused());
  f.d(todo::add_todo{"b"});
  BOOST_TEST(texts(f.store.get()) == (v{"a", "b"}));  // the application goes on
  BOOST_TEST(f.tools.staged_ids() == (ids{0}));        // only the latest state is kept
  f.command(dispatch(R"({"type":"PAUSE_RECORDING","status":false})"));
  f.d(todo::add_todo{"c"});
  BOOST_TEST(f.tools.staged_ids().size() == 2u);

  f.command(dispatch(R"({"type":"LOCK_CHANGES","status":true})"));
  f.d(todo::add_todo{"d"});
  BOOST_TEST(texts(f.store.get()) == (v{"a", "b", "c"}));
  BOOST_TEST(f.tools.stats().locked_out == 1u);
  f.command(dispatch(R"({"type":"LOCK_CHANGES","status":false})"));
  f.d(todo::add_todo{"d"});
  BOOST_TEST(texts(f.store.get()) == (v{"a", "b", "c", "d"}));
}

BOOST_AUTO_TEST_CASE(max_age_commits_the_oldest) {
  fixture f{offline(4)};
  for (int i = 0; i < 10; ++i) f.d(todo::add_todo{std::to_string(i)});
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 8, 9, 10}));
  f.command(dispatch(R"({"type":"JUMP_TO_STATE","index":0})"));
  BOOST_TEST(f.store.get().items.size() == 7u);  // the committed state: after the 7th action
  f.command(dispatch(R"({"type":"TOGGLE_ACTION","id":8})"));
  f.command(dispatch(R"({"type":"JUMP_TO_STATE","index":3})"));
  BOOST_TEST(f.store.get().items.size() == 9u);
}

BOOST_AUTO_TEST_CASE(an_action_after_a_jump_drops_the_steps_after_it) {
  fixture f;
  f.d(todo::add_todo{"a"});
  f.d(todo::add_todo{"b"});
  f.command(dispatch(R"({"type":"JUMP_TO_STATE","index":1})"));
  f.d(todo::add_todo{"c"});
  BOOST_TEST(texts(f.store.get()) == (v{"a", "c"}));
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 1, 3}));
  BOOST_TEST(f.tools.current_index() == 2u);
}

BOOST_AUTO_TEST_CASE(import_replays_untrusted_logs) {
  fixture f;
  f.d(todo::add_todo{"x"});
  std::string const log =
      R"({"actionsById":{"0":{"type":"PERFORM_ACTION","action":{"type":"@@INIT"},"timestamp":1},)"
      R"("4":{"type":"PERFORM_ACTION","action":{"type":"addTodo","payload":{"text":"bread"}},"timestamp":2},)"
      R"("6":{"type":"PERFORM_ACTION","action":{"type":"clearDone"},"timestamp":3},)"
      R"("7":{"type":"PERFORM_ACTION","action":{"type":"toggleTodo","payload":{"id":1}},"timestamp":4}},)"
      R"("committedState":{"items":[{"id":9,"text":"old","done":true}],"shown":"all","next_id":1},)"
      R"("stagedActionIds":[0,4,6,7],"skippedActionIds":[6],"currentStateIndex":3,)"
      R"("computedStates":[{"state":"ignored: recomputed"}]})";
  boost::json::object cmd{{"type", "IMPORT"}, {"state", log}};
  f.command(publish(boost::json::serialize(cmd)));
  BOOST_TEST(f.tools.stats().bad_imports == 0u);
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 4, 6, 7}));
  BOOST_TEST(texts(f.store.get()) == (v{"old+", "bread+"}));  // clearDone skipped
  f.d(todo::add_todo{"y"});
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 4, 6, 7, 8}));

  // Redux's export format: {"payload": "<lifted state as a string>"}.
  boost::json::object wrapped{{"payload", log}};
  boost::json::object cmd2{{"type", "IMPORT"}, {"state", boost::json::serialize(wrapped)}};
  f.command(publish(boost::json::serialize(cmd2)));
  BOOST_TEST(f.tools.stats().bad_imports == 0u);
  BOOST_TEST(f.tools.staged_ids() == (ids{0, 4, 6, 7}));

  // Refused as a whole: an unknown action, a payload of the wrong type, a model that
  // does not convert, ids out of order, extra keys, broken JSON.
  todo::model const shown = f.store.get();
  auto const bad = [&](std::string text) {
    boost::json::object c{{"type", "IMPORT"}, {"state", text}};
    f.command(publish(boost::json::serialize(c)));
  };
  auto replace = [&](std::string from, std::string to) {
    std::string s = log;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  bad(replace("clearDone", "formatDisk"));
  bad(replace(R"("text":"bread")", R"("text":5)"));
  bad(replace(R"("next_id":1)", R"("next_id":"one")"));
  bad(replace("[0,4,6,7]", "[0,7,4,6]"));
  bad(replace(R"({"type":"clearDone"})", R"({"type":"clearDone","extra":1})"));
  bad(replace("[0,4,6,7]", "[4,6,7]"));
  bad(log.substr(0, log.size() - 1));
  BOOST_TEST(f.tools.stats().bad_imports == 7u);
  BOOST_TEST((f.store.get() == shown));
}

BOOST_AUTO_TEST_CASE(untrusted_messages_are_counted_and_ignored) {
  fixture f;
  f.d(todo::add_todo{"a"});
  todo::model const before = f.store.get();
  for (std::string const& junk :
       {std::string("{"), std::string("[]"), std::string("null"), std::string(R"({"event":"#publish"})"),
        publish(R"("x")"), publish(R"({"type":5})"), dispatch(R"({"type":"JUMP_TO_STATE","index":-1})"),
        dispatch(R"({"type":"JUMP_TO_STATE","index":1.5})"), dispatch(R"({"type":"JUMP_TO_STATE"})"),
        dispatch(R"({"type":"TOGGLE_ACTION","id":"1"})"), dispatch(R"({"type":"PAUSE_RECORDING","status":1})"),
        dispatch(R"({"type":"JUMP_TO_STATE","index":0,"index":1})"), dispatch(R"({"type":"JUMP_TO_STATE","index":1e999})"),
        std::string("\xff\xfe"), publish(R"({"type":"DISPATCH","action":"RESET"})")})
    f.command(junk);
  BOOST_TEST(f.tools.stats().malformed == 15u);
  // Well-formed but not ours: another instance, another channel, an unsupported type.
  f.command(publish(R"({"type":"DISPATCH","instanceId":"other","action":{"type":"RESET"}})"));
  f.command(R"({"event":"#publish","data":{"channel":"elsewhere","data":{"type":"DISPATCH","action":{"type":"RESET"}}}})");
  f.command(publish(R"({"type":"ACTION","action":"{}"})"));
  f.command(dispatch(R"({"type":"PERFORM_ACTION"})"));
  BOOST_TEST(f.tools.stats().ignored == 4u);
  BOOST_TEST((f.store.get() == before));
}

BOOST_AUTO_TEST_CASE(send_only_refuses_every_change) {
  dt::options o = offline();
  o.send_only = true;
  fixture f{o};
  f.d(todo::add_todo{"a"});
  for (char const* cmd : {R"({"type":"JUMP_TO_STATE","index":0})", R"({"type":"RESET"})", R"({"type":"TOGGLE_ACTION","id":1})",
                          R"({"type":"LOCK_CHANGES","status":true})", R"({"type":"PAUSE_RECORDING","status":true})"})
    f.command(dispatch(cmd));
  f.command(publish(R"({"type":"IMPORT","state":"{}"})"));
  BOOST_TEST(f.tools.stats().refused == 6u);
  f.d(todo::add_todo{"b"});
  BOOST_TEST(texts(f.store.get()) == (v{"a", "b"}));
}

// A store with history: the models are shared with it (no copy per action), and the
// store's own undo is recorded (a replay leaves it as it was).
BOOST_AUTO_TEST_CASE(a_store_with_history) {
  using hstore = nanoflux::state_store<todo::model, dt::monitored<todo::reducer>, nanoflux::history<8>>;
  hstore s{todo::model{}};
  dt::bridge<hstore, todo::actions> tools{s, offline()};
  using acts = nanoflux::actions<todo::add_todo, todo::toggle_todo, nanoflux::undo>;
  auto d = nanoflux::make_dispatcher<acts>(s).with_middleware(tools.middleware());
  d(todo::add_todo{"a"});
  d(todo::add_todo{"b"});
  d(nanoflux::undo{});
  BOOST_TEST(texts(s.get()) == (v{"a"}));
  BOOST_TEST(tools.staged_ids() == (ids{0, 1, 2, 3}));
  tools.receive(dispatch(R"({"type":"JUMP_TO_STATE","index":2})"));
  tools.poll();
  BOOST_TEST(texts(s.get()) == (v{"a", "b"}));
}

// A reducer that throws: the action is not recorded (the store did not change either).
struct throwing_reducer {
  todo::model operator()(todo::model const& m, todo::add_todo const& a) const { return todo::reducer{}(m, a); }
  todo::model operator()(todo::model const&, todo::clear_done) const { throw std::runtime_error("no"); }
};
BOOST_AUTO_TEST_CASE(a_throwing_reducer_records_nothing) {
  using tstore = nanoflux::state_store<todo::model, dt::monitored<throwing_reducer>>;
  tstore s{todo::model{}};
  using acts = nanoflux::actions<todo::add_todo, todo::clear_done>;
  dt::bridge<tstore, acts> tools{s, offline()};
  auto d = nanoflux::make_dispatcher<acts>(s).with_middleware(tools.middleware());
  d(todo::add_todo{"a"});
  BOOST_CHECK_THROW(d(todo::clear_done{}), std::runtime_error);
  BOOST_TEST(tools.staged_ids() == (ids{0, 1}));
}
