// Fusion: what the C++ layer defines beyond the JS spec (linked into test_fusion):
// calls between actors, middleware and subscribers; actors and pending fuses that
// outlive their store; where errors go with an executor; parameters by const&.
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fusion = nanoflux::fusion;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

struct counters {
  int a = 0;
  int b = 0;
  bool loading = false;
  std::vector<std::string> items;
};

asio::awaitable<void> wait_for(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::use_awaitable);
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

BOOST_AUTO_TEST_SUITE(fusion_nested_calls)

// An actor calling another actor from its function would have its own result
// overwritten by the outer fuse (a lost update): the nested call is refused.
BOOST_AUTO_TEST_CASE(actor_calling_an_actor_is_refused_and_nothing_is_published) {
  fusion::store<counters> store{counters{}};
  int calls = 0;
  auto sub = store.subscribe([&] { ++calls; });
  std::function<void(int)> set_b = store.fusionator("b", &counters::b).actor("setB", [](int const&, int v) { return v; });
  auto set_a = store.fusionator("a", &counters::a).actor("setA", [&](int const&, int v) {
    set_b(v);  // not allowed: actors are pure
    return v;
  });
  auto const before = store.state();
  try {
    set_a(5);
    BOOST_FAIL("expected dispatch_error");
  } catch (nanoflux::dispatch_error const& e) {
    std::string const what = e.what();
    BOOST_TEST(what.find("actor 'setB' was called while actor 'setA' is computing") != std::string::npos);
  }
  BOOST_TEST(store.state() == before);
  BOOST_TEST(calls == 0);
  set_b(2);  // the store is usable afterwards
  BOOST_TEST(store.state()->b == 2);
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(middleware_calling_an_actor_is_refused) {
  fusion::store<counters> store{counters{}};
  auto set_b = store.fusionator("b", &counters::b).actor("setB", [](int const&, int v) { return v; });
  auto set_a = store.fusionator("a", &counters::a).actor("setA", [](int const&, int v) { return v; });
  int middleware_calls = 0;
  store.use([&](counters const& proposed, counters const&, std::string_view actor) {
    ++middleware_calls;
    if (actor == "setA") set_b(proposed.a);
    return proposed;
  });
  BOOST_CHECK_THROW(set_a(1), nanoflux::dispatch_error);
  BOOST_TEST(middleware_calls == 1);
  BOOST_TEST(store.state()->a == 0);
  BOOST_TEST(store.state()->b == 0);
  set_b(4);
  BOOST_TEST(middleware_calls == 2);
  BOOST_TEST(store.state()->b == 4);
}

// With an executor the refused call fails the outer actor, reported to on_error.
BOOST_AUTO_TEST_CASE(actor_calling_an_actor_with_an_executor_goes_to_on_error) {
  asio::io_context io;
  fusion::store<counters> store{counters{}, io.get_executor()};
  std::vector<std::string> errors;
  store.on_error([&](std::exception_ptr e, std::string_view actor) {
    errors.push_back(std::string(actor) + ": " + message_of(e));
  });
  int calls = 0;
  auto sub = store.subscribe([&] { ++calls; });
  auto set_b = store.fusionator("b", &counters::b).actor("setB", [](int const&, int v) { return v; });
  auto set_a = store.fusionator("a", &counters::a).actor("setA", [&](int const&, int v) {
    set_b(v);
    return v;
  });
  set_a(5);
  BOOST_CHECK_NO_THROW(io.run());
  BOOST_TEST_REQUIRE(errors.size() == 1u);
  BOOST_TEST(errors[0].rfind("setA: nanoflux::fusion: actor 'setB' was called while actor 'setA'", 0) == 0u);
  BOOST_TEST(store.state()->a == 0);
  BOOST_TEST(store.state()->b == 0);
  BOOST_TEST(calls == 0);
}

// A subscriber may call an actor: the nested fuse happens at once and notifies every
// subscriber; the subscribers after the calling one then see the newest state (twice),
// never an older state after a newer one.
BOOST_AUTO_TEST_CASE(subscriber_calling_an_actor_fuses_at_once) {
  fusion::store<counters> store{counters{}};
  auto set_a = store.fusionator("a", &counters::a).actor("setA", [](int const&, int v) { return v; });
  auto set_b = store.fusionator("b", &counters::b).actor("setB", [](int const&, int v) { return v; });
  std::vector<std::string> log;
  auto first = store.subscribe([&](counters const& s) {
    log.push_back("first a=" + std::to_string(s.a) + " b=" + std::to_string(s.b));
    if (s.a == 1 && s.b == 0) set_b(2);  // react to a by setting b
  });
  auto second = store.subscribe([&](counters const& s) {
    log.push_back("second a=" + std::to_string(s.a) + " b=" + std::to_string(s.b));
  });
  set_a(1);
  BOOST_TEST(log == (std::vector<std::string>{"first a=1 b=0", "first a=1 b=2", "second a=1 b=2", "second a=1 b=2"}),
             boost::test_tools::per_element());
  BOOST_TEST(store.state()->b == 2);
}

// An async actor may call sync actors while it runs (e.g. a "loading" flag); its own
// result is fused into the state current when it completes, so nothing is lost.
BOOST_AUTO_TEST_CASE(async_actor_calling_sync_actors_while_it_runs) {
  asio::io_context io;
  fusion::store<counters> store{counters{}, io.get_executor()};
  auto set_loading = store.fusionator("loading", &counters::loading).actor("setLoading", [](bool const&, bool v) {
    return v;
  });
  std::vector<std::string> seen;
  auto sub = store.subscribe([&](counters const& s) {
    seen.push_back(std::string(s.loading ? "loading" : "idle") + " " + std::to_string(s.items.size()));
  });
  auto load = store.fusionator("items", &counters::items)
                  .actor("load", [&](std::vector<std::string> const&) -> asio::awaitable<std::vector<std::string>> {
                    set_loading(true);  // on the strand: fuses at once
                    co_await wait_for(2ms);
                    set_loading(false);
                    co_return std::vector<std::string>{"x", "y"};
                  });
  load();
  io.run();
  BOOST_TEST(seen == (std::vector<std::string>{"loading 0", "idle 0", "idle 2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fusion_lifetime)

BOOST_AUTO_TEST_CASE(actor_called_after_its_store_is_destroyed_does_nothing) {
  std::function<void(int)> set_a;
  int calls = 0;
  {
    fusion::store<counters> store{counters{}};
    set_a = store.fusionator("a", &counters::a).actor("setA", [&](int const&, int v) {
      ++calls;
      return v;
    });
    set_a(1);
  }
  set_a(2);
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(pending_async_actor_of_a_destroyed_store_is_dropped) {
  asio::io_context io;
  int notified = 0;
  bool started = false;
  bool completed = false;
  {
    fusion::store<counters> store{counters{}, io.get_executor()};
    auto sub = store.subscribe([&] { ++notified; });
    sub.release();  // stays subscribed for the store's lifetime
    auto load = store.fusionator("items", &counters::items)
                    .actor("load", [&](std::vector<std::string> const& items) -> asio::awaitable<std::vector<std::string>> {
                      started = true;
                      co_await wait_for(5ms);
                      completed = true;
                      auto next = items;  // the snapshot it started from is still valid
                      next.push_back("late");
                      co_return next;
                    });
    load();
    while (!started) io.run_one();  // the actor starts and waits on its timer
  }
  BOOST_CHECK_NO_THROW(io.run());  // completes without a store: dropped (ASan: no use after free)
  BOOST_TEST(completed);
  BOOST_TEST(notified == 0);
}

BOOST_AUTO_TEST_CASE(queued_sync_fuse_of_a_destroyed_store_is_dropped) {
  asio::io_context io;
  int computed = 0;
  {
    fusion::store<counters> store{counters{}, io.get_executor()};
    auto set_a = store.fusionator("a", &counters::a).actor("setA", [&](int const&, int v) {
      ++computed;
      return v;
    });
    set_a(1);  // not on the strand: queued
    BOOST_TEST(computed == 0);
  }
  io.run();
  BOOST_TEST(computed == 0);
}

// A subscriber may destroy the store that notifies it: the fuse in progress finishes.
BOOST_AUTO_TEST_CASE(subscriber_destroying_the_store) {
  auto store = std::make_unique<fusion::store<counters>>(counters{});
  auto set_a = store->fusionator("a", &counters::a).actor("setA", [](int const&, int v) { return v; });
  int later_calls = 0;
  auto first = store->subscribe([&] { store.reset(); });
  first.release();
  auto second = store->subscribe([&] { ++later_calls; });
  second.release();
  set_a(1);
  BOOST_TEST(!store);
  BOOST_TEST(later_calls == 1);  // the list was kept alive for the notify in progress
  set_a(2);                      // no store: nothing
  BOOST_TEST(later_calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fusion_executor)

// With an executor a sync actor called from outside the strand is queued: it fuses when
// the executor runs, in call order, and its errors go to on_error, not to the caller.
BOOST_AUTO_TEST_CASE(sync_actors_are_queued_in_call_order_and_report_errors) {
  asio::io_context io;
  fusion::store<counters> store{counters{}, io.get_executor()};
  std::vector<std::string> errors;
  store.on_error([&](std::exception_ptr e, std::string_view actor) {
    errors.push_back(std::string(actor) + ": " + message_of(e));
  });
  auto push = store.fusionator("items", &counters::items).actor("push", [](std::vector<std::string> const& l, std::string v) {
    if (v.empty()) throw std::invalid_argument("empty item");
    auto next = l;
    next.push_back(v);
    return next;
  });
  std::vector<std::size_t> sizes;
  auto sub = store.subscribe([&](counters const& s) { sizes.push_back(s.items.size()); });
  BOOST_CHECK_NO_THROW(push("a"));
  BOOST_CHECK_NO_THROW(push(""));
  BOOST_CHECK_NO_THROW(push("b"));
  BOOST_TEST(sizes.empty());
  io.run();
  BOOST_TEST(sizes == (std::vector<std::size_t>{1, 2}));
  BOOST_TEST(store.state()->items == (std::vector<std::string>{"a", "b"}));
  BOOST_TEST(errors == (std::vector<std::string>{"push: empty item"}));
}

// A throwing subscriber: the state is published, the error goes to on_error.
BOOST_AUTO_TEST_CASE(throwing_subscriber_with_an_executor) {
  asio::io_context io;
  fusion::store<counters> store{counters{}, io.get_executor()};
  int errors = 0;
  store.on_error([&](std::exception_ptr, std::string_view) { ++errors; });
  auto sub = store.subscribe([](counters const&) { throw std::runtime_error("view failed"); });
  auto set_a = store.fusionator("a", &counters::a).actor("setA", [](int const&, int v) { return v; });
  set_a(1);
  BOOST_CHECK_NO_THROW(io.run());
  BOOST_TEST(errors == 1);
  BOOST_TEST(store.state()->a == 1);
}

// An on_error handler that throws: reported on stderr, never out of run().
BOOST_AUTO_TEST_CASE(throwing_error_handler_does_not_escape_run) {
  asio::io_context io;
  fusion::store<counters> store{counters{}, io.get_executor()};
  int handler_calls = 0;
  store.on_error([&](std::exception_ptr, std::string_view) {
    ++handler_calls;
    throw std::runtime_error("handler failed (this line on stderr is expected)");
  });
  auto fail = store.fusionator("a", &counters::a).actor("fail", [](int const&) -> asio::awaitable<int> {
    co_await wait_for(1ms);
    throw std::logic_error("rejected");
  });
  fail();
  BOOST_CHECK_NO_THROW(io.run());
  BOOST_TEST(handler_calls == 1);
}

BOOST_AUTO_TEST_CASE(an_invalid_executor_is_refused) {
  BOOST_CHECK_THROW((fusion::store<counters>{counters{}, asio::any_io_executor{}}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fusion_parameters)

// Parameters after the slice may be taken by const&; the store keeps its own copy (for
// queued and async actors, until they run), and the lookup signature is by value.
BOOST_AUTO_TEST_CASE(const_ref_parameters_and_lookup) {
  asio::io_context io;
  fusion::store<counters> store{counters{}, io.get_executor()};
  auto ns = store.fusionator("items", &counters::items);
  auto push = ns.actor("push", [](std::vector<std::string> const& l, std::string const& v) {
    auto next = l;
    next.push_back(v);
    return next;
  });
  auto push_later = ns.actor("pushLater", [](std::vector<std::string> const& l, std::string const& v)
                                              -> asio::awaitable<std::vector<std::string>> {
    co_await wait_for(1ms);  // v refers to the store's copy, alive until the actor completes
    auto next = l;
    next.push_back(v);
    co_return next;
  });
  static_assert(std::is_same_v<decltype(push), std::function<void(std::string)>>);
  {
    std::string temporary = "first";
    push(temporary);
    temporary = "changed";  // the queued call kept its own copy
  }
  store.actor<void(std::string const&)>("push", "items")("second");
  store.actor<void(std::string)>("push", "items")("third");
  io.run();
  push_later(std::string("fourth, from a temporary gone when the actor runs"));
  io.restart();
  io.run();
  BOOST_TEST(store.state()->items ==
                 (std::vector<std::string>{"first", "second", "third", "fourth, from a temporary gone when the actor runs"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(signature_mismatch_names_the_normalized_signatures) {
  fusion::store<counters> store{counters{}};
  store.fusionator("a", &counters::a).actor("setA", [](int const&, int const& v) { return v; });
  try {
    (void)store.actor<void(double const&)>("setA", "a");
    BOOST_FAIL("expected lookup_error");
  } catch (fusion::lookup_error const& e) {
    BOOST_TEST(std::string(e.what()) == "nanoflux::fusion: actor 'setA' in namespace 'a' is void(int), not void(double)");
  }
}

// A function pointer is an actor too; a shared<T> member is seen as T.
int add(int const& a, int by) { return a + by; }
BOOST_AUTO_TEST_CASE(function_pointer_actor) {
  fusion::store<counters> store{counters{}};
  auto inc = store.fusionator("a", &counters::a).actor("add", &add);
  inc(2);
  inc(3);
  BOOST_TEST(store.state()->a == 5);
}

BOOST_AUTO_TEST_SUITE_END()
