// store<Derived> and subscription: subscribing in every form, notify order, RAII,
// reentrancy (unsubscribe/subscribe/notify during notify), throwing subscribers,
// copies, moves, chained stores and lifetimes.
// Built twice: as `subscriptions` (the default store) and, with
// NANOFLUX_TEST_FIXED_SUBSCRIBERS, as `fixed_subscriptions` (every store here a
// store<S, fixed_subscribers<256, 64>>): every guarantee holds for both.
#define BOOST_TEST_MODULE subscriptions
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

#ifdef NANOFLUX_TEST_FIXED_SUBSCRIBERS
template <class S>
using test_store = nanoflux::store<S, nanoflux::fixed_subscribers<256, 64>>;
#else
template <class S>
using test_store = nanoflux::store<S>;
#endif

struct counter : test_store<counter> {
  int value = 0;
};

struct view {
  int plain = 0, with_store = 0, const_plain = 0, const_with_store = 0;
  mutable int const_calls = 0;
  void on_plain() { ++plain; }
  void on_store(counter const& c) { with_store += c.value; }
  void on_const_plain() const { ++const_calls; }
  void on_const_store(counter const& c) const { const_calls += c.value; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(subscribing)

BOOST_AUTO_TEST_CASE(every_callable_form) {
  counter c;
  c.value = 10;
  int no_arg = 0, with_arg = 0, generic = 0;
  view v;
  view const& cv = v;
  auto s1 = c.subscribe([&] { ++no_arg; });
  auto s2 = c.subscribe([&](counter const& x) { with_arg += x.value; });
  auto s3 = c.subscribe([&](auto const& x) { generic += x.value; });
  auto s4 = c.subscribe(v, &view::on_plain);
  auto s5 = c.subscribe(v, &view::on_store);
  auto s6 = c.subscribe(cv, &view::on_const_plain);
  auto s7 = c.subscribe(cv, &view::on_const_store);
  BOOST_TEST(c.subscriber_count() == 7u);
  c.notify();
  BOOST_TEST(no_arg == 1);
  BOOST_TEST(with_arg == 10);
  BOOST_TEST(generic == 10);
  BOOST_TEST(v.plain == 1);
  BOOST_TEST(v.with_store == 10);
  BOOST_TEST(v.const_calls == 11);
}

BOOST_AUTO_TEST_CASE(function_pointers_and_stateful_callables) {
  static int hits = 0;
  struct functor {
    int* calls;
    void operator()() { ++*calls; }
  };
  counter c;
  int calls = 0;
  auto s1 = c.subscribe(+[] { ++hits; });
  auto s2 = c.subscribe(functor{&calls});
  c.notify();
  c.notify();
  BOOST_TEST(hits == 2);
  BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE(notified_in_subscription_order) {
  counter c;
  std::string order;
  auto a = c.subscribe([&] { order += 'a'; });
  auto b = c.subscribe([&] { order += 'b'; });
  auto d = c.subscribe([&] { order += 'c'; });
  c.notify();
  BOOST_TEST(order == "abc");
}

BOOST_AUTO_TEST_CASE(callable_is_destroyed_on_unsubscribe) {
  counter c;
  auto token = std::make_shared<int>(0);
  std::weak_ptr<int> watch = token;
  auto s = c.subscribe([t = std::move(token)] { ++*t; });
  c.notify();
  BOOST_TEST(!watch.expired());
  s.unsubscribe();
  BOOST_TEST(watch.expired());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(subscription_handle)

BOOST_AUTO_TEST_CASE(default_constructed_is_inactive) {
  nanoflux::subscription s;
  BOOST_TEST(!s.active());
  s.unsubscribe();
  s.unsubscribe();
  BOOST_TEST(!s.active());
  static_assert(!std::is_copy_constructible_v<nanoflux::subscription>);
  static_assert(std::is_nothrow_move_constructible_v<nanoflux::subscription>);
}

BOOST_AUTO_TEST_CASE(unsubscribe_twice_is_harmless) {
  counter c;
  int calls = 0;
  auto s = c.subscribe([&] { ++calls; });
  BOOST_TEST(s.active());
  s.unsubscribe();
  BOOST_TEST(!s.active());
  s.unsubscribe();
  c.notify();
  BOOST_TEST(calls == 0);
  BOOST_TEST(c.subscriber_count() == 0u);
}

BOOST_AUTO_TEST_CASE(destruction_unsubscribes) {
  counter c;
  int calls = 0;
  {
    auto s = c.subscribe([&] { ++calls; });
    c.notify();
  }
  c.notify();
  BOOST_TEST(calls == 1);
  BOOST_TEST(c.subscriber_count() == 0u);
}

BOOST_AUTO_TEST_CASE(move_construct_and_assign) {
  counter c;
  int a = 0, b = 0;
  auto s1 = c.subscribe([&] { ++a; });
  nanoflux::subscription s2(std::move(s1));
  BOOST_TEST(!s1.active());  // NOLINT(bugprone-use-after-move): moved-from is inactive
  BOOST_TEST(s2.active());
  c.notify();
  BOOST_TEST(a == 1);
  auto s3 = c.subscribe([&] { ++b; });
  s3 = std::move(s2);  // s3's own subscription (b) ends; it now owns a's
  c.notify();
  BOOST_TEST(a == 2);
  BOOST_TEST(b == 0);
  BOOST_TEST(c.subscriber_count() == 1u);
  nanoflux::subscription& alias = s3;
  s3 = std::move(alias);  // self-move keeps it
  BOOST_TEST(c.subscriber_count() == 1u);
}

BOOST_AUTO_TEST_CASE(release_keeps_the_subscriber) {
  counter c;
  int calls = 0;
  {
    auto s = c.subscribe([&] { ++calls; });
    s.release();
    BOOST_TEST(!s.active());
  }
  c.notify();
  BOOST_TEST(calls == 1);
  BOOST_TEST(c.subscriber_count() == 1u);
}

BOOST_AUTO_TEST_CASE(subscription_outliving_its_store) {
  nanoflux::subscription s;
  {
    counter c;
    s = c.subscribe([] {});
    BOOST_TEST(s.active());
  }
  BOOST_TEST(!s.active());
  s.unsubscribe();  // must not touch the destroyed store (checked under ASan)
  auto c2 = std::make_unique<counter>();
  nanoflux::subscription s2 = c2->subscribe([] {});
  c2.reset();
  // s2 is destroyed at scope exit, after the store: harmless.
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reentrancy)

// Subscribers that record their name in a shared log; any of them may run an action.
struct harness {
  counter c;
  std::string log;
  std::vector<nanoflux::subscription> subs;
  // A running action may add subscribers (and actions): the room reserved here keeps
  // the running std::function where it is.
  std::vector<std::function<void()>> actions;

  harness() { actions.reserve(16); }

  void add(char name) {
    std::size_t const index = actions.size();
    actions.emplace_back();
    subs.push_back(c.subscribe([this, name, index] {
      log += name;
      if (actions[index]) actions[index]();
    }));
  }
};

BOOST_AUTO_TEST_CASE(unsubscribing_oneself_during_notify) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  h.actions[1] = [&] { h.subs[1].unsubscribe(); };
  h.c.notify();
  BOOST_TEST(h.log == "abc");
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "ac");
  BOOST_TEST(h.c.subscriber_count() == 2u);
}

BOOST_AUTO_TEST_CASE(unsubscribing_a_later_one_during_notify) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  h.actions[0] = [&] { h.subs[2].unsubscribe(); };
  h.c.notify();
  BOOST_TEST(h.log == "ab");  // c removed before its turn: not called
}

BOOST_AUTO_TEST_CASE(unsubscribing_an_earlier_one_during_notify) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  h.actions[2] = [&] { h.subs[0].unsubscribe(); };
  h.c.notify();
  BOOST_TEST(h.log == "abc");  // nobody skipped, nobody repeated
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "bc");
}

BOOST_AUTO_TEST_CASE(unsubscribing_everyone_during_notify) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  h.add('d');
  h.actions[1] = [&] {
    for (auto& s : h.subs) s.unsubscribe();
  };
  h.c.notify();
  BOOST_TEST(h.log == "ab");
  BOOST_TEST(h.c.subscriber_count() == 0u);
  h.c.notify();
  BOOST_TEST(h.log == "ab");
}

BOOST_AUTO_TEST_CASE(subscribing_during_notify_takes_effect_next_time) {
  harness h;
  h.add('a');
  h.add('b');
  bool done = false;
  h.actions[0] = [&] {
    if (std::exchange(done, true)) return;  // only once
    h.add('n');
  };
  h.c.notify();
  BOOST_TEST(h.log == "ab");
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "abn");
}

BOOST_AUTO_TEST_CASE(many_subscriptions_during_notify_reallocate_safely) {
  harness h;
  h.add('a');
  h.add('b');
  bool done = false;
  h.actions[0] = [&] {
    if (std::exchange(done, true)) return;
    for (int i = 0; i < 100; ++i) h.subs.push_back(h.c.subscribe([] {}));
  };
  h.c.notify();
  BOOST_TEST(h.log == "ab");
  BOOST_TEST(h.c.subscriber_count() == 102u);
}

BOOST_AUTO_TEST_CASE(subscribing_during_notify_with_room_to_spare) {
  harness h;
  h.subs.reserve(8);
  h.add('a');
  h.add('b');
  h.add('c');  // three entries: the array has room for a fourth without moving
  bool done = false;
  h.actions[0] = [&] {
    if (std::exchange(done, true)) return;
    h.add('n');
  };
  h.c.notify();
  BOOST_TEST(h.log == "abc");
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "abcn");
}

// A subscribe that moves the entries to a larger array while a notify walks the old
// one: a removal afterwards must still reach the running notify, and a nested notify
// walks the new array.
BOOST_AUTO_TEST_CASE(unsubscribing_after_a_reallocation_during_notify) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  bool done = false;
  h.actions[0] = [&] {
    if (std::exchange(done, true)) return;
    for (int i = 0; i < 100; ++i) h.subs.push_back(h.c.subscribe([] {}));
    h.subs[2].unsubscribe();  // c, still to come in this notify
  };
  h.c.notify();
  BOOST_TEST(h.log == "ab");
  BOOST_TEST(h.c.subscriber_count() == 102u);
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "ab");
}

BOOST_AUTO_TEST_CASE(nested_notify_after_a_reallocation) {
  counter c;
  std::string log;
  std::vector<nanoflux::subscription> subs;
  subs.reserve(200);
  int depth = 0;
  subs.push_back(c.subscribe([&] {
    log += 'a';
    if (depth++ > 0) return;
    for (int i = 0; i < 50; ++i) subs.push_back(c.subscribe([] {}));
    subs.push_back(c.subscribe([&] { log += 'n'; }));
    c.notify();          // nested: a (returns at once), b, the 50, n; b unsubscribes c
  }));
  subs.push_back(c.subscribe([&] {
    log += 'b';
    subs[2].unsubscribe();
  }));
  subs.push_back(c.subscribe([&] { log += 'c'; }));
  c.notify();  // outer: a (nested notify), then b; c was removed by the nested b
  BOOST_TEST(log == "aabnb");
  BOOST_TEST(c.subscriber_count() == 53u);
  log.clear();
  depth = 1;
  c.notify();
  BOOST_TEST(log == "abn");
}

BOOST_AUTO_TEST_CASE(unsubscribing_oneself_after_a_reallocation) {
  // The subscriber's callable must live until the outermost notify returns, also when
  // the entries moved meanwhile (ASan checks the string below is not freed early).
  counter c;
  std::vector<nanoflux::subscription> subs;
  subs.reserve(200);
  std::string seen;
  subs.push_back(c.subscribe([&, own = std::string(64, 'x')] {
    for (int i = 0; i < 100; ++i) subs.push_back(c.subscribe([] {}));
    subs[0].unsubscribe();
    seen = own;  // still alive
  }));
  subs.push_back(c.subscribe([&] { seen += 'b'; }));
  c.notify();
  BOOST_TEST(seen == std::string(64, 'x') + 'b');
  BOOST_TEST(c.subscriber_count() == 101u);
  seen.clear();
  c.notify();
  BOOST_TEST(seen == "b");
}

BOOST_AUTO_TEST_CASE(nested_notify_with_unsubscribes) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  int depth = 0;
  h.actions[0] = [&] {
    if (depth++ == 0) {
      h.subs[2].unsubscribe();
      h.c.notify();  // inner notify: a (no recursion), b
    }
  };
  h.c.notify();
  BOOST_TEST(h.log == "aabb");
  BOOST_TEST(h.c.subscriber_count() == 2u);
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "ab");
}

BOOST_AUTO_TEST_CASE(throwing_subscriber_leaves_the_list_consistent) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  bool fail = true;
  h.actions[1] = [&] {
    h.subs[0].unsubscribe();
    if (fail) throw std::runtime_error("subscriber failed");
  };
  BOOST_CHECK_THROW(h.c.notify(), std::runtime_error);
  BOOST_TEST(h.log == "ab");  // c not called in that notify
  BOOST_TEST(h.c.subscriber_count() == 2u);
  fail = false;
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "bc");  // a was removed, the list is usable
}

BOOST_AUTO_TEST_CASE(throwing_subscriber_at_every_position) {
  constexpr int n = 5;
  for (int k = 0; k < n; ++k) {
    counter c;
    std::vector<int> calls(n, 0);
    bool armed = true;
    std::vector<nanoflux::subscription> subs;
    for (int i = 0; i < n; ++i)
      subs.push_back(c.subscribe([&, i] {
        ++calls[static_cast<std::size_t>(i)];
        if (armed && i == k) throw std::runtime_error("subscriber failed");
      }));
    BOOST_CHECK_THROW(c.notify(), std::runtime_error);
    for (int i = 0; i < n; ++i) BOOST_TEST(calls[static_cast<std::size_t>(i)] == (i <= k ? 1 : 0));
    BOOST_TEST(c.subscriber_count() == static_cast<std::size_t>(n));
    armed = false;
    c.notify();  // the list is intact: everyone is called once more
    for (int i = 0; i < n; ++i) BOOST_TEST(calls[static_cast<std::size_t>(i)] == (i <= k ? 2 : 1));
  }
}

// A subscriber catches what a nested notify threw: only the outermost notify may end
// the notifying state, so an entry removed afterwards is still skipped, and erased
// when the outer notify returns.
BOOST_AUTO_TEST_CASE(exception_caught_around_a_nested_notify) {
  harness h;
  h.add('a');
  h.add('b');
  h.add('c');
  bool nested = false;
  bool caught = false;
  bool done = false;  // the scene plays once
  h.actions[0] = [&] {
    if (nested || std::exchange(done, true)) return;
    nested = true;
    try {
      h.c.notify();
    } catch (std::runtime_error const&) {
      caught = true;
    }
    nested = false;
    h.subs[2].unsubscribe();  // c, still to come in the outer notify
  };
  h.actions[1] = [&] {
    if (nested) throw std::runtime_error("nested subscriber failed");
  };
  h.c.notify();
  BOOST_TEST(caught);
  BOOST_TEST(h.log == "aabb");  // outer a, nested a and b (throws), outer b; not c
  BOOST_TEST(h.c.subscriber_count() == 2u);
  h.log.clear();
  h.c.notify();
  BOOST_TEST(h.log == "ab");
}

BOOST_AUTO_TEST_CASE(subscribe_is_all_or_nothing) {
  // A callable whose copy throws: subscribe() throws and nothing is subscribed.
  struct throwing_copy {
    int* calls;
    throwing_copy(int* c) : calls(c) {}
    throwing_copy(throwing_copy const&) { throw std::runtime_error("copy failed"); }
    throwing_copy(throwing_copy&& o) noexcept : calls(o.calls) {}  // fixed_subscribers need it
    void operator()() const { ++*calls; }
  };
  counter c;
  int calls = 0;
  auto first = c.subscribe([&] { ++calls; });
  throwing_copy f(&calls);
  BOOST_CHECK_THROW((void)c.subscribe(f), std::runtime_error);
  BOOST_TEST(c.subscriber_count() == 1u);
  c.notify();
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(store_values)

BOOST_AUTO_TEST_CASE(copying_a_store_copies_no_subscribers) {
  counter c;
  int calls = 0;
  auto s = c.subscribe([&] { ++calls; });
  counter copy = c;
  BOOST_TEST(copy.subscriber_count() == 0u);
  copy.notify();
  BOOST_TEST(calls == 0);
  c.notify();
  BOOST_TEST(calls == 1);
  counter assigned;
  auto s2 = assigned.subscribe([&] { calls += 10; });
  assigned = c;  // keeps its own subscribers
  assigned.notify();
  BOOST_TEST(calls == 11);
}

BOOST_AUTO_TEST_CASE(moving_a_store_moves_its_subscribers) {
  counter c;
  c.value = 3;
  int seen = 0;
  auto s = c.subscribe([&](counter const& x) { seen = x.value; });
  counter moved = std::move(c);
  moved.value = 4;
  moved.notify();
  BOOST_TEST(seen == 4);  // the subscriber sees the store it now belongs to
  BOOST_TEST(s.active());
  s.unsubscribe();
  BOOST_TEST(moved.subscriber_count() == 0u);
}

BOOST_AUTO_TEST_CASE(move_assigning_a_store_over_one_with_subscribers) {
  counter a, b;
  int a_calls = 0, b_calls = 0;
  auto sa = a.subscribe([&] { ++a_calls; });
  auto sb = b.subscribe([&] { ++b_calls; });
  b = std::move(a);
  BOOST_TEST(!sb.active());  // b's old list is gone
  BOOST_TEST(sa.active());   // a's subscriber followed to b
  BOOST_TEST(a.subscriber_count() == 0u);  // NOLINT: moved-from store has none
  a.notify();
  b.notify();
  BOOST_TEST(a_calls == 1);
  BOOST_TEST(b_calls == 0);
  BOOST_TEST(b.subscriber_count() == 1u);
  sb.unsubscribe();  // harmless
  sa.unsubscribe();
  BOOST_TEST(b.subscriber_count() == 0u);
}

BOOST_AUTO_TEST_CASE(chained_stores) {
  struct upstream : test_store<upstream> {
    int value = 0;
  };
  struct downstream : test_store<downstream> {
    int doubled = 0;
    nanoflux::subscription link;
    explicit downstream(upstream& u)
        : link(u.subscribe([this](upstream const& x) {
            doubled = 2 * x.value;
            notify();
          })) {}
  };
  upstream u;
  downstream d(u);
  std::vector<int> seen;
  auto s = d.subscribe([&](downstream const& x) { seen.push_back(x.doubled); });
  u.value = 2;
  u.notify();
  u.value = 5;
  u.notify();
  BOOST_TEST(seen == (std::vector<int>{4, 10}));
}

BOOST_AUTO_TEST_SUITE_END()
