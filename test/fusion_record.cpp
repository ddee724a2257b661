// Fusion record/replay (nanoflux/fusion_json.hpp): the recorder middleware writes one
// JSON line per fuse of a recordable actor; replay into a store with the same actors
// reaches the same state, fuses async results without running the async work again,
// and stops at the first bad line.
#define BOOST_TEST_MODULE fusion_record
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion_json.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fusion = nanoflux::fusion;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace chat {

enum class mood { calm, excited };
BOOST_DESCRIBE_ENUM(mood, calm, excited)

struct message {
  std::string from;
  std::string text;
  mood tone = mood::calm;
  std::optional<double> score;
  bool operator==(message const&) const = default;
};
BOOST_DESCRIBE_STRUCT(message, (), (from, text, tone, score))

struct state {
  std::vector<std::string> users;
  std::vector<message> messages;
  std::map<std::string, int> stats;
  int revision = 0;
  bool operator==(state const&) const = default;
};
BOOST_DESCRIBE_STRUCT(state, (), (users, messages, stats, revision))

std::ostream& operator<<(std::ostream& out, state const& s) {
  return out << boost::json::serialize(boost::json::value_from(s));
}

// The same actors, defined on any store: what the recording and the replaying programs share.
struct actors {
  std::function<void(std::string)> join;
  std::function<void(message)> say;
  std::function<void()> bump;
  std::function<void(std::string, int)> fetch;  // async (a store with an executor only)
  int fetches_started = 0;

  explicit actors(fusion::store<state>& s) {
    auto users = s.fusionator("users", &state::users, fusion::recordable);
    join = users.actor("join", [](std::vector<std::string> const& u, std::string name) {
      auto next = u;
      next.push_back(std::move(name));
      return next;
    });
    auto messages = s.fusionator("messages", &state::messages, fusion::recordable);
    say = messages.actor("say", [](std::vector<message> const& m, message const& msg) {
      auto next = m;
      next.push_back(msg);
      return next;
    });
    auto all = s.fusionator("all", fusion::recordable);
    bump = all.actor("bump", [](state const& st) {
      state next = st;
      for (auto const& m : next.messages) ++next.stats[m.from];
      return next;
    });
    if (s.has_executor())
      fetch = messages.actor(
          "fetch", [this](std::vector<message> const&, std::string from, int n) -> asio::awaitable<fusion::update<std::vector<message>>> {
            ++fetches_started;
            asio::steady_timer timer(co_await asio::this_coro::executor, 5ms);
            co_await timer.async_wait(asio::use_awaitable);
            co_return [from, n](std::vector<message> const& current) {
              auto next = current;
              for (int i = 0; i < n; ++i) next.push_back(message{from, "fetched " + std::to_string(i), mood::calm, {}});
              return next;
            };
          });
  }
};

state revision_counted(state const& proposed, state const&, std::string_view) {
  state next = proposed;
  ++next.revision;
  return next;
}

}  // namespace chat

using chat::message;
using chat::mood;

BOOST_AUTO_TEST_SUITE(fusion_record_replay)

BOOST_AUTO_TEST_CASE(sync_round_trip_reaches_the_same_state) {
  std::ostringstream log;
  fusion::store<chat::state> recorded{chat::state{}};
  chat::actors a(recorded);
  recorded.use(chat::revision_counted);
  recorded.use(fusion::recorder(log));
  a.join("alice");
  a.join("bob \"the builder\"\n");  // escaped in JSON
  a.say(message{"alice", "hi", mood::excited, 0.1});
  a.say(message{"bob", "hello", mood::calm, {}});
  a.bump();

  std::string const text = log.str();
  BOOST_TEST(text.substr(0, text.find('\n')) == R"({"ns":"users","actor":"join","args":["alice"]})");
  BOOST_TEST(text.find(R"({"ns":"messages","actor":"say","args":[{"from":"alice","text":"hi","tone":"excited","score":1E-1}]})") !=
             std::string::npos);
  BOOST_TEST(text.find(R"({"ns":"all","actor":"bump","args":[]})") != std::string::npos);

  fusion::store<chat::state> replayed{chat::state{}};
  chat::actors b(replayed);
  replayed.use(chat::revision_counted);
  std::ostringstream again;
  replayed.use(fusion::recorder(again));
  std::istringstream in(text);
  BOOST_TEST(fusion::replay(replayed, in) == 5u);
  BOOST_TEST(*replayed.state() == *recorded.state());
  BOOST_TEST(replayed.state()->revision == 5);
  BOOST_TEST(replayed.state()->stats.at("alice") == 1);
  BOOST_TEST(again.str() == text);  // replaying records the same lines
}

// An async actor's completion is recorded with the slice it produced; replay fuses that
// slice as the actor's result (the async work does not run again), in recorded order
// with the sync calls made while it waited.
BOOST_AUTO_TEST_CASE(async_completions_replay_their_result) {
  std::ostringstream log;
  asio::io_context io;
  fusion::store<chat::state> recorded{chat::state{}, io.get_executor()};
  chat::actors a(recorded);
  recorded.use(fusion::recorder(log));
  a.fetch("server", 2);
  asio::post(io, [&] { a.say(message{"carol", "typed while fetching", mood::calm, {}}); });
  io.run();
  BOOST_TEST(a.fetches_started == 1);
  BOOST_TEST(recorded.state()->messages.size() == 3u);
  std::string const text = log.str();
  BOOST_TEST(text.find(R"({"ns":"messages","actor":"fetch","args":["server",2],"slice":[{"from":"carol")") !=
             std::string::npos);

  asio::io_context io2;
  fusion::store<chat::state> replayed{chat::state{}, io2.get_executor()};
  chat::actors b(replayed);
  std::istringstream in(text);
  BOOST_TEST(fusion::replay(replayed, in) == 2u);  // queued to the strand
  io2.run();
  BOOST_TEST(b.fetches_started == 0);
  BOOST_TEST(*replayed.state() == *recorded.state());
}

BOOST_AUTO_TEST_CASE(a_bad_line_stops_replay) {
  std::string const good = R"({"ns":"users","actor":"join","args":["alice"]})";
  std::vector<std::string> const bad = {
      "not json",
      R"({"ns":"users","actor":"join","args":["alice"]} trailing)",
      R"(["users","join"])",
      R"({"ns":"nobody","actor":"join","args":["x"]})",                       // unknown namespace
      R"({"ns":"users","actor":"leave","args":["x"]})",                       // unknown actor
      R"({"ns":"users","actor":"join","args":[]})",                           // too few arguments
      R"({"ns":"users","actor":"join","args":["x","y"]})",                    // too many
      R"({"ns":"users","actor":"join","args":[42]})",                         // wrong type
      R"({"ns":"users","actor":"join","args":"x"})",                          // not an array
      R"({"ns":"users","actor":"join"})",                                     // no arguments
      R"({"ns":"users","actor":"join","args":["x"],"extra":1})",              // another member
      R"({"ns":"users","actor":"join","args":["x"],"slice":[]})",             // a result for a sync actor
      R"({"ns":"users","actor":"join","ns":"users","args":["x"]})",           // a duplicate key
      R"({"ns":"messages","actor":"say","args":[{"from":"a","text":"b"}]})",  // a missing member
      R"({"ns":"messages","actor":"say","args":[{"from":"a","text":"b","tone":"sad","score":null}]})",
      R"({"ns":"messages","actor":"say","args":[{"from":"a","text":"b","tone":"calm","score":1e999}]})",
      R"({"ns":"plain","actor":"set","args":[1]})",  // an actor that is not recordable
      "",
  };
  for (std::string const& line : bad) {
    fusion::store<chat::state> s{chat::state{}};
    chat::actors a(s);
    auto plain = s.fusionator("plain", &chat::state::revision).actor("set", [](int const&, int v) { return v; });
    int notified = 0;
    auto sub = s.subscribe([&] { ++notified; });
    std::istringstream in(good + "\n" + line + "\n" + good + "\n");
    BOOST_TEST(fusion::replay(s, in) == 1u, line);
    BOOST_TEST(s.state()->users == std::vector<std::string>{"alice"}, line);
    BOOST_TEST(notified == 1, line);
  }
}

// An async actor's line must carry its result, and only async actors' lines may.
BOOST_AUTO_TEST_CASE(async_lines_need_their_result) {
  asio::io_context io;
  fusion::store<chat::state> s{chat::state{}, io.get_executor()};
  chat::actors a(s);
  std::istringstream in(R"({"ns":"messages","actor":"fetch","args":["x",1]})"
                        "\n");
  BOOST_TEST(fusion::replay(s, in) == 0u);
  io.run();
  BOOST_TEST(a.fetches_started == 0);
  BOOST_TEST(s.state()->messages.empty());
}

// Without an executor a replayed call fuses at once: an actor (or middleware) that
// throws reaches replay's caller, that line not counted, the lines after it not replayed.
BOOST_AUTO_TEST_CASE(a_throwing_actor_stops_replay_with_its_exception) {
  fusion::store<chat::state> s{chat::state{}};
  chat::actors a(s);
  s.use([](chat::state const& proposed, chat::state const&, fusion::actor_call const& call) {
    if (auto const* args = call.arguments<std::string>(); args && std::get<0>(*args) == "mallory")
      throw std::invalid_argument("banned");
    return proposed;
  });
  std::istringstream in(R"({"ns":"users","actor":"join","args":["alice"]})"
                        "\n"
                        R"({"ns":"users","actor":"join","args":["mallory"]})"
                        "\n"
                        R"({"ns":"users","actor":"join","args":["bob"]})"
                        "\n");
  BOOST_CHECK_THROW(fusion::replay(s, in), std::invalid_argument);
  BOOST_TEST(s.state()->users == std::vector<std::string>{"alice"});
}

// Recording an actor that is not recordable would leave it out silently: refused.
BOOST_AUTO_TEST_CASE(recording_an_actor_that_is_not_recordable_throws) {
  std::ostringstream log;
  fusion::store<chat::state> s{chat::state{}};
  s.use(fusion::recorder(log));
  auto set = s.fusionator("plain", &chat::state::revision).actor("set", [](int const&, int v) { return v; });
  BOOST_CHECK_EXCEPTION(set(3), std::logic_error, [](std::logic_error const& e) {
    return std::string(e.what()).find("actor 'set' of namespace 'plain' is not recordable") != std::string::npos;
  });
  BOOST_TEST(s.state()->revision == 0);  // nothing published
  BOOST_TEST(log.str().empty());
}

// Under ThreadSanitizer (./nf test): actors called from three threads while three others
// run the io_context; the recording (made on the store's strand) replays to the same
// state, in the same order.
BOOST_AUTO_TEST_CASE(recording_calls_from_many_threads_replays_to_the_same_state) {
  constexpr int callers = 3;
  constexpr int calls = 200;
  std::ostringstream log;
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  fusion::store<chat::state> recorded{chat::state{}, io.get_executor()};
  chat::actors a(recorded);
  long seen_with_arguments = 0;  // on the strand only
  recorded.use([&](chat::state const& proposed, chat::state const&, fusion::actor_call const& call) {
    if (call.arguments<std::string>() || call.arguments<message>() || call.arguments<std::string, int>())
      ++seen_with_arguments;
    return proposed;
  });
  recorded.use(fusion::recorder(log));
  std::vector<std::thread> runners;
  for (int i = 0; i < 3; ++i) runners.emplace_back([&] { io.run(); });
  std::vector<std::thread> threads;
  for (int t = 0; t < callers; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < calls; ++i) {
        a.say(message{"t" + std::to_string(t), std::to_string(i), mood::calm, {}});
        if (i % 50 == 0) a.fetch("t" + std::to_string(t), 1);
      }
    });
  for (auto& t : threads) t.join();
  work.reset();
  for (auto& r : runners) r.join();
  constexpr long fuses = callers * calls + callers * (calls / 50);
  BOOST_TEST(recorded.state()->messages.size() == static_cast<std::size_t>(fuses));
  BOOST_TEST(seen_with_arguments == fuses);

  asio::io_context io2;
  fusion::store<chat::state> replayed{chat::state{}, io2.get_executor()};
  chat::actors b(replayed);
  std::istringstream in(log.str());
  BOOST_TEST(fusion::replay(replayed, in) == static_cast<std::size_t>(fuses));
  io2.run();
  BOOST_TEST(b.fetches_started == 0);
  BOOST_TEST(replayed.state()->messages == recorded.state()->messages);
}

BOOST_AUTO_TEST_SUITE_END()
