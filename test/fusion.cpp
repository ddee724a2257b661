// Fusion: a port of the nanoflux-fusion 0.6.0-beta spec (spec/nanoflux-fusion-spec.js,
// -async-spec.js, -immutability-spec.js, -middleware-spec.js); each case names the
// `it(...)` it ports. Plus what the C++ layer adds: slices carried over by pointer,
// lookup errors, error handling of async actors.
#define BOOST_TEST_MODULE fusion
#include <boost/test/unit_test.hpp>

#include <nanoflux/fusion.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
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

struct payload {
  std::string foo;
  int bar = 0;
  bool operator==(payload const&) const = default;
};
struct pair_state {
  std::string a;
  payload b;
};
struct app_state {
  std::string initial;
  pair_state ab;
  std::string meta;
  std::vector<std::string> list;
};

asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fusion_spec)

// it("verify Fusion API existence after reset"): the API exists with the contract's
// names and types (checked at compile time; the JS "reset" is a new store).
template <class S>
concept fusion_store_api = requires(S& s, S const& cs) {
  { cs.state() } noexcept -> std::same_as<std::shared_ptr<typename S::state_type const>>;
  { s.subscribe([](typename S::state_type const&) {}) } -> std::same_as<nanoflux::subscription>;
  { s.subscribe([] {}) } -> std::same_as<nanoflux::subscription>;
  s.fusionator("ns");
  s.fusionator("ns", &app_state::meta);
  { cs.template actor<void(std::string)>("name", "ns") } -> std::same_as<std::function<void(std::string)>>;
  s.use([](typename S::state_type const& p, typename S::state_type const&, std::string_view) { return p; });
  s.on_error([](std::exception_ptr, std::string_view) {});
};
static_assert(fusion_store_api<fusion::store<app_state>>);
static_assert(!fusion_store_api<nanoflux::store<int>>);  // the concept can fail

BOOST_AUTO_TEST_CASE(api_exists) {
  fusion::store<app_state> store{app_state{}};
  BOOST_TEST(!store.has_executor());
  BOOST_TEST(store.subscriber_count() == 0u);
  asio::io_context io;
  fusion::store<app_state> with_executor{app_state{}, io.get_executor()};
  BOOST_TEST(with_executor.has_executor());
}

// it("should throw exception if no initial state is defined"): in C++ a store cannot be
// made without one (no default constructor, no implicit conversion from State).
static_assert(!std::is_default_constructible_v<fusion::store<app_state>>);
static_assert(!std::is_convertible_v<app_state, fusion::store<app_state>>);
static_assert(std::is_constructible_v<fusion::store<app_state>, app_state>);
static_assert(!std::is_copy_constructible_v<fusion::store<app_state>>);

// it("should initialize state with initial state")
BOOST_AUTO_TEST_CASE(initialize_state_with_initial_state) {
  fusion::store<pair_state> store{pair_state{"default", payload{"foo", 0}}};
  int calls = 0;
  auto sub = store.subscribe([&](pair_state const& s) {
    ++calls;
    BOOST_TEST(s.a == "fromTestActor");
    BOOST_TEST(s.b.foo == "foo");  // the rest of the initial state is kept
    BOOST_TEST(s.b.bar == 0);
  });
  std::shared_ptr<pair_state const> const initial = store.state();
  BOOST_TEST(initial->a == "default");
  BOOST_TEST(initial->b.foo == "foo");
  BOOST_TEST(initial->b.bar == 0);
  BOOST_TEST(calls == 0);  // setting the initial state notifies nobody
  auto test = store.fusionator("default", &pair_state::a).actor("test", [](std::string const& a, std::string v) {
    BOOST_TEST(a == "default");  // the actor starts from the initial slice
    return v;
  });
  test("fromTestActor");
  BOOST_TEST(calls == 1);
  BOOST_TEST(initial->a == "default");  // the initial snapshot is unchanged
}

// it("should be that multiple fusionators have merged initial state"): each
// fusionator's slice starts from the initial state, and fusing one keeps the other.
BOOST_AUTO_TEST_CASE(multiple_fusionators_share_the_initial_state) {
  fusion::store<app_state> store{app_state{"default", {}, "default", {}}};
  auto action_a = store.fusionator("fusionatorA", &app_state::initial).actor("actionA", [](std::string const&, std::string v) {
    return v;
  });
  store.fusionator("fusionatorB", &app_state::meta).actor("actionB", [](std::string const&, std::string v) { return v; });
  BOOST_TEST(store.state()->initial == "default");
  BOOST_TEST(store.state()->meta == "default");
  int calls = 0;
  auto sub = store.subscribe([&](app_state const& s) {
    ++calls;
    BOOST_TEST(s.initial == "fromFusionatorA");
    BOOST_TEST(s.meta == "default");
  });
  action_a("fromFusionatorA");
  BOOST_TEST(calls == 1);
}

// it("should use FusionActor 'test', fuse state and notify subscriber")
BOOST_AUTO_TEST_CASE(fuse_state_and_notify_subscriber) {
  fusion::store<pair_state> store{pair_state{}};
  int calls = 0;
  auto sub = store.subscribe([&](pair_state const& s) {
    ++calls;
    BOOST_TEST(s.a == "someValue");
    BOOST_TEST(s.b.foo == "foo");
    BOOST_TEST(s.b.bar == 123);
  });
  auto ns = store.fusionator("default");
  auto test = ns.actor("test", [](pair_state const&, std::string a, payload b) { return pair_state{a, b}; });
  test("someValue", payload{"foo", 123});
  BOOST_TEST(calls == 1);
  BOOST_TEST(store.state()->a == "someValue");
}

// it("should merge state without overwriting")
BOOST_AUTO_TEST_CASE(merge_state_without_overwriting) {
  fusion::store<app_state> store{app_state{}};
  auto init = store.fusionator("init", &app_state::initial).actor("init", [](std::string const&, std::string v) { return v; });
  auto test = store.fusionator("test", &app_state::ab).actor("test", [](pair_state const&, std::string a, payload b) {
    return pair_state{a, b};
  });
  init("initialState");  // no subscriber yet
  int calls = 0;
  auto sub = store.subscribe([&](app_state const& s) {
    ++calls;
    BOOST_TEST(s.initial == "initialState");  // carried over
    BOOST_TEST(s.ab.a == "test");
    BOOST_TEST(s.ab.b.foo == "other");
  });
  test("test", payload{"other", 0});
  BOOST_TEST(calls == 1);
}

// it("should work with multiple fusionators (namespaces)")
BOOST_AUTO_TEST_CASE(multiple_fusionators) {
  fusion::store<app_state> store{app_state{}};
  store.fusionator("fusionatorA", &app_state::initial).actor("actionA", [](std::string const&, std::string v) { return v; });
  store.fusionator("fusionatorB", &app_state::meta).actor("actionB", [](std::string const&, std::string v) { return v; });
  std::vector<std::string> seen;
  auto sub = store.subscribe([&](app_state const& s) { seen.push_back(s.initial + "|" + s.meta); });
  store.actor<void(std::string)>("actionA", "fusionatorA")("fromFusionatorA");
  store.actor<void(std::string)>("actionB", "fusionatorB")("fromFusionatorB");
  BOOST_TEST(seen == (std::vector<std::string>{"fromFusionatorA|", "fromFusionatorA|fromFusionatorB"}));
}

// it("should work with multiple fusionators without naming collision (namespaces)")
BOOST_AUTO_TEST_CASE(same_actor_name_in_two_namespaces) {
  fusion::store<app_state> store{app_state{}};
  auto a = store.fusionator("fusionatorA", &app_state::initial).actor("actionA", [](std::string const&, std::string v) {
    return "A:" + v;
  });
  auto b = store.fusionator("fusionatorB", &app_state::meta).actor("actionA", [](std::string const&, std::string v) {
    return "B:" + v;
  });
  a("x");
  b("y");
  BOOST_TEST(store.state()->initial == "A:x");
  BOOST_TEST(store.state()->meta == "B:y");
  store.actor<void(std::string)>("actionA", "fusionatorB")("z");
  BOOST_TEST(store.state()->meta == "B:z");
  BOOST_TEST(store.state()->initial == "A:x");
}

// it("should throw exception on unknown fusion actor")
BOOST_AUTO_TEST_CASE(unknown_actor_throws) {
  fusion::store<app_state> store{app_state{}};
  store.fusionator("default", &app_state::meta).actor("actionB", [](std::string const&, std::string v) { return v; });
  try {
    (void)store.actor<void(std::string)>("actionA", "default");
    BOOST_FAIL("expected lookup_error");
  } catch (fusion::lookup_error const& e) {
    BOOST_TEST(std::string(e.what()) == "nanoflux::fusion: unknown actor 'actionA' in namespace 'default'");
  }
}

// it("should throw exception on invalid fusionator")
BOOST_AUTO_TEST_CASE(unknown_namespace_throws) {
  fusion::store<app_state> store{app_state{}};
  try {
    (void)store.actor<void(std::string)>("actionB", "unknown");
    BOOST_FAIL("expected lookup_error");
  } catch (fusion::lookup_error const& e) {
    BOOST_TEST(std::string(e.what()) == "nanoflux::fusion: unknown namespace 'unknown'");
  }
}

BOOST_AUTO_TEST_CASE(wrong_signature_throws_and_names_both) {
  fusion::store<app_state> store{app_state{}};
  store.fusionator("default", &app_state::meta).actor("set", [](std::string const&, std::string v) { return v; });
  try {
    (void)store.actor<void(int)>("set", "default");
    BOOST_FAIL("expected lookup_error");
  } catch (fusion::lookup_error const& e) {
    std::string const what = e.what();
    BOOST_TEST(what.find("actor 'set' in namespace 'default' is void(std::") != std::string::npos);
    BOOST_TEST(what.find(", not void(int)") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(redefining_an_actor_throws) {
  fusion::store<app_state> store{app_state{}};
  auto ns = store.fusionator("default", &app_state::meta);
  ns.actor("set", [](std::string const&, std::string v) { return v; });
  BOOST_CHECK_THROW(ns.actor("set", [](std::string const&, std::string v) { return v; }), fusion::lookup_error);
}

BOOST_AUTO_TEST_CASE(a_throwing_sync_actor_changes_nothing) {
  fusion::store<app_state> store{app_state{"start", {}, {}, {}}};
  int calls = 0;
  auto sub = store.subscribe([&] { ++calls; });
  auto fail = store.fusionator("default", &app_state::initial).actor("fail", [](std::string const&, int) -> std::string {
    throw std::runtime_error("actor failed");
  });
  auto const before = store.state();
  BOOST_CHECK_THROW(fail(1), std::runtime_error);  // no executor: the caller gets it
  BOOST_TEST(store.state() == before);
  BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fusion_async_spec)

// it("should be able to deal with Promises as FusionActor (async)")
BOOST_AUTO_TEST_CASE(async_actor) {
  asio::io_context io;
  fusion::store<pair_state> store{pair_state{}, io.get_executor()};
  int calls = 0;
  auto sub = store.subscribe([&](pair_state const& s) {
    ++calls;
    BOOST_TEST(s.a == "someValue");
    BOOST_TEST(s.b.bar == 123);
  });
  auto test = store.fusionator("default").actor(
      "test", [](pair_state const&, std::string a, payload b) -> asio::awaitable<pair_state> {
        co_await sleep_for(10ms);
        co_return pair_state{a, b};
      });
  test("someValue", payload{"foo", 123});
  BOOST_TEST(calls == 0);  // not before the executor runs it
  BOOST_TEST(store.state()->a.empty());
  io.run();
  BOOST_TEST(calls == 1);
  BOOST_TEST(store.state()->b.foo == "foo");
}

// it("should be able to deal with Promise Chains (async)") (twice in the spec)
BOOST_AUTO_TEST_CASE(async_chain) {
  asio::io_context io;
  fusion::store<app_state> store{app_state{}, io.get_executor()};
  auto async_a = []() -> asio::awaitable<std::string> {
    co_await sleep_for(5ms);
    co_return "fromAsyncA";
  };
  auto async_b = [](std::string from) -> asio::awaitable<std::string> {
    co_await sleep_for(5ms);
    co_return from + ">fromAsyncB";
  };
  std::vector<std::string> seen;
  auto sub = store.subscribe([&](app_state const& s) { seen.push_back(s.meta); });
  auto chain = store.fusionator("default", &app_state::meta)
                   .actor("chainTest", [&](std::string const&) -> asio::awaitable<std::string> {
                     std::string const a = co_await async_a();
                     co_return co_await async_b(a);
                   });
  chain();
  io.run();
  BOOST_TEST(seen == (std::vector<std::string>{"fromAsyncA>fromAsyncB"}));
}

// it("actors should be usable within actions (async)"): an action creator calls a sync
// actor later, from a timer.
BOOST_AUTO_TEST_CASE(actor_called_from_an_async_action) {
  asio::io_context io;
  fusion::store<app_state> store{app_state{}, io.get_executor()};
  auto actor_a = store.fusionator("default", &app_state::meta).actor("actionA", [](std::string const&, std::string v) {
    return v;
  });
  struct actions {
    asio::io_context& io;
    std::function<void(std::string)> actor;
    void test(std::string v) {
      asio::co_spawn(
          io,
          [a = actor, v]() -> asio::awaitable<void> {
            co_await sleep_for(5ms);
            a(v);
          },
          asio::detached);
    }
  } creator{io, actor_a};
  int calls = 0;
  auto sub = store.subscribe([&](app_state const& s) {
    ++calls;
    BOOST_TEST(s.meta == "fromActionA");
  });
  creator.test("fromActionA");
  io.run();
  BOOST_TEST(calls == 1);
}

// it("should be able handle rejections (async)")
BOOST_AUTO_TEST_CASE(async_rejection_leaves_the_state_and_goes_to_on_error) {
  asio::io_context io;
  fusion::store<app_state> store{app_state{"kept", {}, {}, {}}, io.get_executor()};
  int calls = 0;
  auto sub = store.subscribe([&] { ++calls; });
  std::vector<std::string> errors;
  store.on_error([&](std::exception_ptr e, std::string_view actor) {
    try {
      std::rethrow_exception(e);
    } catch (std::exception const& x) {
      errors.push_back(std::string(actor) + ": " + x.what());
    }
  });
  auto fail = store.fusionator("default", &app_state::initial).actor("fail", [](std::string const&) -> asio::awaitable<std::string> {
    co_await sleep_for(1ms);
    throw std::runtime_error("rejected");
  });
  auto const before = store.state();
  fail();
  BOOST_CHECK_NO_THROW(io.run());
  BOOST_TEST(errors == (std::vector<std::string>{"fail: rejected"}));
  BOOST_TEST(store.state() == before);
  BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(async_rejection_with_the_default_handler_does_not_escape_run) {
  asio::io_context io;
  fusion::store<app_state> store{app_state{}, io.get_executor()};
  auto fail = store.fusionator("default", &app_state::initial).actor("fail", [](std::string const&) -> asio::awaitable<std::string> {
    throw std::runtime_error("rejected (this line on stderr is expected)");
    co_return "";
  });
  fail();
  BOOST_CHECK_NO_THROW(io.run());
  BOOST_TEST(store.state()->initial.empty());
}

BOOST_AUTO_TEST_CASE(overlapping_async_actors_fuse_in_completion_order) {
  asio::io_context io;
  fusion::store<app_state> store{app_state{}, io.get_executor()};
  auto ns = store.fusionator("default", &app_state::list);
  auto append_after = ns.actor("appendAfter", [](std::vector<std::string> const& l, std::string v, int ms)
                                                  -> asio::awaitable<std::vector<std::string>> {
    co_await sleep_for(std::chrono::milliseconds(ms));
    auto next = l;  // the list as it was when this actor started
    next.push_back(v);
    co_return next;
  });
  append_after("slow", 30);
  append_after("fast", 1);
  io.run();
  // Both started from the empty list; "fast" fused first, "slow" replaced the slice last.
  BOOST_TEST(store.state()->list == (std::vector<std::string>{"slow"}));
}

BOOST_AUTO_TEST_CASE(async_actor_needs_an_executor) {
  fusion::store<app_state> store{app_state{}};
  auto ns = store.fusionator("default", &app_state::meta);
  BOOST_CHECK_THROW(ns.actor("x", [](std::string const&) -> asio::awaitable<std::string> { co_return ""; }),
                    fusion::lookup_error);
}

// it("should work with Q / RSVP / Bluebird (A+ compliant promise lib)(async)"): the
// three promise libraries become three kinds of Asio awaitables — an operation (a
// timer), a handler posted to the executor, and another coroutine spawned on it — each
// fused into its own slice.
BOOST_AUTO_TEST_CASE(awaitables_of_any_origin) {
  struct libs_state {
    std::string q, rsvp, bb;
  };
  asio::io_context io;
  fusion::store<libs_state> store{libs_state{}, io.get_executor()};
  std::vector<std::string> seen;
  auto sub = store.subscribe([&](libs_state const& s) { seen.push_back(s.q + "|" + s.rsvp + "|" + s.bb); });
  auto q_test = store.fusionator("q", &libs_state::q).actor("qTest", [](std::string const&) -> asio::awaitable<std::string> {
    co_await sleep_for(2ms);  // an I/O object's operation
    co_return "fromAsyncQ";
  });
  auto rsvp_test = store.fusionator("rsvp", &libs_state::rsvp).actor("rsvpTest", [](std::string const&) -> asio::awaitable<std::string> {
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);  // a posted handler
    co_return "fromAsyncRSVP";
  });
  auto bb_test = store.fusionator("bb", &libs_state::bb).actor("bluebirdTest", [](std::string const&) -> asio::awaitable<std::string> {
    auto inner = []() -> asio::awaitable<std::string> {
      co_await sleep_for(4ms);
      co_return "fromAsyncBluebird";
    };
    co_return co_await asio::co_spawn(co_await asio::this_coro::executor, inner(), asio::use_awaitable);
  });
  q_test();
  rsvp_test();
  bb_test();
  io.run();
  BOOST_TEST(seen == (std::vector<std::string>{"|fromAsyncRSVP|", "fromAsyncQ|fromAsyncRSVP|",
                                               "fromAsyncQ|fromAsyncRSVP|fromAsyncBluebird"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fusion_immutability_spec)

// it("should pass immutable object on notification"): subscribers get State const&,
// the store hands out shared_ptr<State const>; a held snapshot never changes.
BOOST_AUTO_TEST_CASE(notified_state_is_immutable) {
  fusion::store<pair_state> store{pair_state{}};
  static_assert(std::is_same_v<decltype(store.state()), std::shared_ptr<pair_state const>>);
  static_assert(!std::is_invocable_v<void (*)(pair_state&), pair_state const&>);
  std::shared_ptr<pair_state const> held;
  auto sub = store.subscribe([&](pair_state const& s) {
    if (!held) held = store.state();
    BOOST_TEST(&s == store.state().get());  // the current snapshot
  });
  auto test = store.fusionator("default").actor("test", [](pair_state const&, std::string a, payload b) {
    return pair_state{a, b};
  });
  test("someValue", payload{"foo", 123});
  test("other", payload{"bar", 1});
  BOOST_TEST(held->a == "someValue");  // unchanged by the later fuse
  BOOST_TEST(held->b.foo == "foo");
  BOOST_TEST(store.state()->a == "other");
}

// it("should have immutable arrays also")
BOOST_AUTO_TEST_CASE(arrays_are_immutable_too) {
  fusion::store<app_state> store{app_state{}};
  auto push = store.fusionator("default", &app_state::list).actor("push", [](std::vector<std::string> const& l, std::string v) {
    auto next = l;
    next.push_back(v);
    return next;
  });
  push("someValue");
  auto const snapshot = store.state();
  push("more");
  BOOST_TEST(snapshot->list == (std::vector<std::string>{"someValue"}));
  BOOST_TEST(store.state()->list == (std::vector<std::string>{"someValue", "more"}));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
struct catalog_state {
  fusion::shared<std::vector<int>> catalog;  // large, rarely changed
  int cart = 0;                               // small, changed often
};
}  // namespace

BOOST_AUTO_TEST_CASE(shared_slices_are_carried_over_by_pointer) {
  fusion::store<catalog_state> store{catalog_state{std::vector<int>(100'000, 7), 0}};
  auto add = store.fusionator("cart", &catalog_state::cart).actor("add", [](int const& c, int n) { return c + n; });
  auto load = store.fusionator("catalog", &catalog_state::catalog).actor("load", [](std::vector<int> const&, int n) {
    return std::vector<int>(static_cast<std::size_t>(n), 1);
  });
  auto const before = store.state();
  add(2);
  add(3);
  BOOST_TEST(store.state()->cart == 5);
  BOOST_TEST(store.state()->catalog.same_as(before->catalog));  // not copied
  load(3);
  BOOST_TEST(!store.state()->catalog.same_as(before->catalog));
  BOOST_TEST(store.state()->catalog->size() == 3u);
  BOOST_TEST(before->catalog->size() == 100'000u);
}

BOOST_AUTO_TEST_SUITE(fusion_middleware_spec)

namespace {
struct log_entry {
  std::string actor;
  std::string old_a, new_a;
  int old_b, new_b;
};
struct ab_state {
  std::string a;
  int b = 0;
  std::string meta;
  int foo_bar = 0;
};
}  // namespace

// it("should add and execute single non-modifying middleware")
BOOST_AUTO_TEST_CASE(single_logging_middleware) {
  fusion::store<ab_state> store{ab_state{}};
  std::vector<log_entry> log;
  store.use([&](ab_state const& proposed, ab_state const& current, std::string_view actor) {
    log.push_back({std::string(actor), current.a, proposed.a, current.b, proposed.b});
    return proposed;
  });
  auto test_a = store.fusionator("a", &ab_state::a).actor("testA", [](std::string const&, std::string v) { return v; });
  auto test_b = store.fusionator("b", &ab_state::b).actor("testB", [](int const&, int v) { return v; });
  test_a("fromA");
  test_b(42);
  BOOST_TEST(log.size() == 2u);
  BOOST_TEST(log.at(0).actor == "testA");
  BOOST_TEST(log.at(0).old_a == "");
  BOOST_TEST(log.at(0).new_a == "fromA");
  BOOST_TEST(log.at(0).new_b == 0);
  BOOST_TEST(log.at(1).actor == "testB");
  BOOST_TEST(log.at(1).old_a == "fromA");
  BOOST_TEST(log.at(1).old_b == 0);
  BOOST_TEST(log.at(1).new_b == 42);
}

// it("should add and execute multiple state modifying middleware") and
// it("should apply for multiple Fusionators")
BOOST_AUTO_TEST_CASE(modifying_middleware_in_order_for_every_fusionator) {
  fusion::store<ab_state> store{ab_state{}};
  std::string order;
  store.use([&](ab_state const& proposed, ab_state const&, std::string_view) {
    order += 'm';
    auto s = proposed;
    s.meta = "Applied";
    return s;
  });
  store.use([&](ab_state const& proposed, ab_state const&, std::string_view) {
    order += 'f';
    BOOST_TEST(proposed.meta == "Applied");  // sees the previous middleware's result
    auto s = proposed;
    s.foo_bar = 42;
    return s;
  });
  int calls = 0;
  auto sub = store.subscribe([&](ab_state const& s) {
    ++calls;
    BOOST_TEST(s.meta == "Applied");
    BOOST_TEST(s.foo_bar == 42);
  });
  store.fusionator("fusionatorA", &ab_state::a).actor("actionA", [](std::string const&, std::string v) { return v; })("fromA");
  store.fusionator("fusionatorB", &ab_state::b).actor("actionA", [](int const&, int v) { return v; })(7);
  BOOST_TEST(calls == 2);
  BOOST_TEST(order == "mfmf");
  BOOST_TEST(store.state()->a == "fromA");
  BOOST_TEST(store.state()->b == 7);
}

// it("should apply middleware for async Fusionators")
BOOST_AUTO_TEST_CASE(middleware_for_async_actors) {
  asio::io_context io;
  fusion::store<ab_state> store{ab_state{}, io.get_executor()};
  std::vector<std::string> actors;
  store.use([&](ab_state const& proposed, ab_state const&, std::string_view actor) {
    actors.emplace_back(actor);
    return proposed;
  });
  auto async_action = store.fusionator("default", &ab_state::a).actor("asyncAction", [](std::string const&) -> asio::awaitable<std::string> {
    co_await sleep_for(2ms);
    co_return "fromAsync";
  });
  async_action();
  io.run();
  BOOST_TEST(actors == (std::vector<std::string>{"asyncAction"}));
  BOOST_TEST(store.state()->a == "fromAsync");
}

BOOST_AUTO_TEST_CASE(throwing_middleware_publishes_nothing) {
  fusion::store<ab_state> store{ab_state{}};
  store.use([](ab_state const& proposed, ab_state const&, std::string_view) -> ab_state {
    if (proposed.b < 0) throw std::invalid_argument("negative");
    return proposed;
  });
  int calls = 0;
  auto sub = store.subscribe([&] { ++calls; });
  auto set_b = store.fusionator("b", &ab_state::b).actor("setB", [](int const&, int v) { return v; });
  set_b(1);
  auto const before = store.state();
  BOOST_CHECK_THROW(set_b(-1), std::invalid_argument);
  BOOST_TEST(store.state() == before);
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()
