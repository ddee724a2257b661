// Fusion (linked into test_fusion): async actors that finish with update<Slice> — a
// change applied to the slice current at completion — and middleware that receive an
// actor_call (the actor's name, namespace, signature and arguments).
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace fusion = nanoflux::fusion;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

using list = std::vector<std::string>;

struct chat {
  list messages;
  fusion::shared<list> archive;
  int loads = 0;
};

asio::awaitable<void> pause(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::use_awaitable);
}

list with(list l, std::string s) {
  l.push_back(std::move(s));
  return l;
}

std::string message_of(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (std::exception const& x) {
    return x.what();
  } catch (...) {
    return "?";
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fusion_async_update)

// The plain form (the original's rule): the async actor's slice replaces whatever the
// slice became meanwhile, so the sync update made during the await is lost...
BOOST_AUTO_TEST_CASE(a_returned_slice_overwrites_a_sync_update_made_meanwhile) {
  asio::io_context io;
  fusion::store<chat> store{chat{}, io.get_executor()};
  auto messages = store.fusionator("messages", &chat::messages);
  auto say = messages.actor("say", [](list const& l, std::string text) { return with(l, std::move(text)); });
  auto load = messages.actor("load", [](list const& l) -> asio::awaitable<list> {
    co_await pause(5ms);
    co_return with(l, "history");
  });
  load();
  asio::post(io, [&] { say("typed while loading"); });  // runs while load waits
  io.run();
  BOOST_TEST(store.state()->messages == list{"history"}, boost::test_tools::per_element());
}

// ...while update<Slice> applies the change to the slice current at completion: both kept.
BOOST_AUTO_TEST_CASE(an_update_keeps_a_sync_update_made_meanwhile) {
  asio::io_context io;
  fusion::store<chat> store{chat{}, io.get_executor()};
  auto messages = store.fusionator("messages", &chat::messages);
  auto say = messages.actor("say", [](list const& l, std::string text) { return with(l, std::move(text)); });
  auto load = messages.actor("load", [](list const&) -> asio::awaitable<fusion::update<list>> {
    co_await pause(5ms);
    std::string fetched = "history";
    co_return [fetched](list const& current) { return with(current, fetched); };
  });
  std::vector<list> seen;
  auto sub = store.subscribe([&](chat const& s) { seen.push_back(s.messages); });
  load();
  asio::post(io, [&] { say("typed while loading"); });
  io.run();
  BOOST_TEST(store.state()->messages == (list{"typed while loading", "history"}), boost::test_tools::per_element());
  BOOST_TEST(seen.size() == 2u);  // one notification per fuse
}

// Two overlapping async updates of one slice: both applied, in completion order.
BOOST_AUTO_TEST_CASE(overlapping_updates_are_all_applied_in_completion_order) {
  asio::io_context io;
  fusion::store<chat> store{chat{}, io.get_executor()};
  auto fetch = store.fusionator("messages", &chat::messages)
                   .actor("fetch", [](list const&, std::string what, int ms) -> asio::awaitable<fusion::update<list>> {
                     co_await pause(std::chrono::milliseconds(ms));
                     co_return [what](list const& current) { return with(current, what); };
                   });
  fetch("slow", 20);
  fetch("fast", 1);
  io.run();
  BOOST_TEST(store.state()->messages == (list{"fast", "slow"}), boost::test_tools::per_element());
}

// A shared<T> slice and the whole state take updates too.
BOOST_AUTO_TEST_CASE(updates_of_a_shared_slice_and_of_the_whole_state) {
  asio::io_context io;
  fusion::store<chat> store{chat{}, io.get_executor()};
  auto archive = store.fusionator("archive", &chat::archive)
                     .actor("archive", [](list const&, std::string s) -> asio::awaitable<fusion::update<list>> {
                       co_await pause(1ms);
                       co_return [s](list const& current) { return with(current, s); };
                     });
  auto count = store.fusionator("all").actor("count", [](chat const&) -> asio::awaitable<fusion::update<chat>> {
    co_await pause(2ms);
    co_return [](chat const& current) {
      chat next = current;
      ++next.loads;
      return next;
    };
  });
  archive("a");
  count();
  archive("b");
  io.run();
  BOOST_TEST(store.state()->archive.get() == (list{"a", "b"}), boost::test_tools::per_element());
  BOOST_TEST(store.state()->loads == 1);
}

// An update is as pure as an actor: one that throws, or that calls an actor, publishes
// nothing and goes to on_error.
BOOST_AUTO_TEST_CASE(a_throwing_or_impure_update_publishes_nothing) {
  asio::io_context io;
  fusion::store<chat> store{chat{}, io.get_executor()};
  std::vector<std::string> errors;
  store.on_error([&](std::exception_ptr e, std::string_view actor) {
    errors.push_back(std::string(actor) + ": " + message_of(e));
  });
  int notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  auto messages = store.fusionator("messages", &chat::messages);
  auto say = messages.actor("say", [](list const& l, std::string text) { return with(l, std::move(text)); });
  auto fail = messages.actor("fail", [](list const&) -> asio::awaitable<fusion::update<list>> {
    co_return [](list const&) -> list { throw std::runtime_error("no"); };
  });
  auto impure = messages.actor("impure", [&](list const&) -> asio::awaitable<fusion::update<list>> {
    co_return [&](list const& current) {
      say("nested");  // refused: it would be overwritten by this fuse
      return current;
    };
  });
  fail();
  impure();
  io.run();
  BOOST_TEST(store.state()->messages.empty());
  BOOST_TEST(notified == 0);
  BOOST_REQUIRE(errors.size() == 2u);
  BOOST_TEST(errors[0] == "fail: no");
  BOOST_TEST(errors[1].find("impure: nanoflux::fusion: actor 'say' was called while actor 'impure'") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fusion_middleware_call)

// The extended middleware learns the namespace, the signature and the arguments;
// the name-only form keeps working next to it.
BOOST_AUTO_TEST_CASE(middleware_sees_namespace_and_arguments) {
  fusion::store<chat> store{chat{}};
  std::vector<std::string> log;
  store.use([&](chat const& proposed, chat const&, std::string_view actor) {
    log.push_back("name-only " + std::string(actor));
    return proposed;
  });
  store.use([&](chat const& proposed, chat const&, fusion::actor_call const& call) {
    std::string line = std::string(call.ns()) + "/" + std::string(call.name());
    if (auto const* args = call.arguments<std::string, int>())
      line += " (" + std::get<0>(*args) + ", " + std::to_string(std::get<1>(*args)) + ")";
    if (auto const* args = call.arguments<std::string const&>()) line += " (" + std::get<0>(*args) + ")";
    BOOST_TEST(call.arguments<int>() == nullptr);  // not its signature
    BOOST_TEST(!call.is_async_completion());
    log.push_back(line);
    return proposed;
  });
  auto messages = store.fusionator("messages", &chat::messages);
  // By value: the middleware still sees the whole string (not a moved-from one).
  auto say = messages.actor("say", [](list const& l, std::string text) { return with(l, std::move(text)); });
  auto repeat = messages.actor("repeat", [](list const& l, std::string const& text, int n) {
    list next = l;
    for (int i = 0; i < n; ++i) next.push_back(text);
    return next;
  });
  say("a long message that would be moved from, and not fit in a small string buffer");
  repeat("hi", 2);
  BOOST_TEST(log == (std::vector<std::string>{
                        "name-only say",
                        "messages/say (a long message that would be moved from, and not fit in a small string buffer)",
                        "name-only repeat", "messages/repeat (hi, 2)"}),
             boost::test_tools::per_element());
  BOOST_TEST(store.state()->messages.size() == 3u);
}

// Same actor name in two namespaces: told apart by ns(); the signature is readable.
BOOST_AUTO_TEST_CASE(middleware_tells_namespaces_apart) {
  fusion::store<chat> store{chat{}};
  std::vector<std::string> seen;
  store.use([&](chat const& proposed, chat const&, fusion::actor_call const& call) {
    seen.push_back(std::string(call.ns()) + "." + std::string(call.name()));
    BOOST_TEST(call.signature().find("void(") == 0u);
    return proposed;
  });
  auto clear_messages = store.fusionator("messages", &chat::messages).actor("clear", [](list const&) { return list{}; });
  auto clear_archive = store.fusionator("archive", &chat::archive).actor("clear", [](list const&) { return list{}; });
  clear_archive();
  clear_messages();
  BOOST_TEST(seen == (std::vector<std::string>{"archive.clear", "messages.clear"}), boost::test_tools::per_element());
}

// An async completion: the middleware sees it as one, with the call's arguments.
BOOST_AUTO_TEST_CASE(middleware_sees_async_completions_with_their_arguments) {
  asio::io_context io;
  fusion::store<chat> store{chat{}, io.get_executor()};
  std::vector<std::string> seen;
  store.use([&](chat const& proposed, chat const&, fusion::actor_call const& call) {
    if (auto const* args = call.arguments<std::string>())
      seen.push_back(std::string(call.name()) + (call.is_async_completion() ? " async " : " sync ") +
                     std::get<0>(*args));
    return proposed;
  });
  auto messages = store.fusionator("messages", &chat::messages);
  auto fetch = messages.actor("fetch", [](list const&, std::string what) -> asio::awaitable<fusion::update<list>> {
    co_await pause(1ms);
    co_return [what](list const& current) { return with(current, what); };
  });
  auto load = messages.actor("load", [](list const& l, std::string what) -> asio::awaitable<list> {
    co_await pause(2ms);
    co_return with(l, what);
  });
  fetch("a rather long string argument, kept for the middleware at completion");
  load("b");
  io.run();
  BOOST_TEST(seen == (std::vector<std::string>{
                         "fetch async a rather long string argument, kept for the middleware at completion",
                         "load async b"}),
             boost::test_tools::per_element());
}

// A generic middleware (auto parameters) gets the actor_call.
BOOST_AUTO_TEST_CASE(generic_middleware_gets_the_call) {
  fusion::store<chat> store{chat{}};
  std::string ns;
  store.use([&](auto const& proposed, auto const&, auto const& call) {
    ns = std::string(call.ns());
    return proposed;
  });
  auto say = store.fusionator("messages", &chat::messages).actor("say", [](list const& l, std::string t) {
    return with(l, std::move(t));
  });
  say("x");
  BOOST_TEST(ns == "messages");
}

BOOST_AUTO_TEST_SUITE_END()
