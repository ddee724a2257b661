// store<S, fixed_subscribers<N, SlotBytes>>: what is particular to it (the shared
// guarantees are tested by fixed_subscriptions, subscriptions.cpp built for this store):
// slot sizes, the capacity and its error, slots reused and compacted, subscriptions and
// stores moved with the links between them kept, callables destroyed exactly once.
#define BOOST_TEST_MODULE fixed_subscribers
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

struct small : nanoflux::store<small, nanoflux::fixed_subscribers<3>> {
  int value = 0;
};

struct view {
  int renders = 0;
  void render(small const&) { ++renders; }
};

// Counts its live copies: every construction is matched by one destruction.
struct tracked {
  static inline int live = 0;
  int* calls;
  std::string text;
  tracked(int* c, std::string t) : calls(c), text(std::move(t)) { ++live; }
  tracked(tracked const& o) : calls(o.calls), text(o.text) { ++live; }
  tracked(tracked&& o) noexcept : calls(o.calls), text(std::move(o.text)) { ++live; }
  ~tracked() { --live; }
  void operator()() const { ++*calls; }
};

}  // namespace

static_assert(std::is_same_v<decltype(std::declval<small&>().subscribe([] {})), nanoflux::subscription>);
static_assert(std::is_base_of_v<std::length_error, nanoflux::capacity_error>);
static_assert(small::subscriber_capacity == 3);
static_assert(small::subscriber_slot_bytes == 3 * sizeof(void*));

BOOST_AUTO_TEST_CASE(default_slot_holds_a_member_function_or_three_references) {
  small s;
  view v;
  int a = 0, b = 0, c = 0;
  auto s1 = s.subscribe(v, &view::render);  // object pointer + member pointer
  auto s2 = s.subscribe([&a, &b, &c] { ++a, ++b, ++c; });
  s.notify();
  BOOST_TEST(v.renders == 1);
  BOOST_TEST(a + b + c == 3);
}

BOOST_AUTO_TEST_CASE(subscribing_past_the_capacity_throws_and_subscribes_nothing) {
  small s;
  std::string order;
  auto a = s.subscribe([&] { order += 'a'; });
  auto b = s.subscribe([&] { order += 'b'; });
  auto c = s.subscribe([&] { order += 'c'; });
  nanoflux::subscription d;
  BOOST_CHECK_THROW(d = s.subscribe([&] { order += 'd'; }), nanoflux::capacity_error);
  BOOST_TEST(!d.active());
  BOOST_TEST(s.subscriber_count() == 3u);
  try {
    (void)s.subscribe([] {});
  } catch (std::length_error const& e) {
    BOOST_TEST(std::string(e.what()).find("fixed_subscribers<N> is in use") != std::string::npos);
  }
  s.notify();
  BOOST_TEST(order == "abc");
  b.unsubscribe();  // frees a slot
  d = s.subscribe([&] { order += 'd'; });
  BOOST_TEST(d.active());
  order.clear();
  s.notify();
  BOOST_TEST(order == "acd");  // subscription order kept across the compaction
}

BOOST_AUTO_TEST_CASE(a_slot_freed_during_a_notify_is_free_after_it) {
  struct scene {
    small s;
    std::string order;
    std::vector<nanoflux::subscription> subs;
    bool refused = false;
  } x;  // subscribers capture &x: one pointer
  x.subs.reserve(4);
  x.subs.push_back(x.s.subscribe([&x] { x.order += 'a'; }));
  x.subs.push_back(x.s.subscribe([&x] {
    x.order += 'b';
    x.subs[0].unsubscribe();
    try {
      (void)x.s.subscribe([] {});
    } catch (nanoflux::capacity_error const&) {
      x.refused = true;  // a's slot is kept until this notify returns
    }
  }));
  x.subs.push_back(x.s.subscribe([&x] { x.order += 'c'; }));
  x.s.notify();
  BOOST_TEST(x.order == "abc");
  BOOST_TEST(x.refused);
  BOOST_TEST(x.s.subscriber_count() == 2u);
  x.subs.push_back(x.s.subscribe([&x] { x.order += 'n'; }));  // after the notify: room again
  x.order.clear();
  x.refused = false;
  x.s.notify();
  BOOST_TEST(x.order == "bcn");
}

BOOST_AUTO_TEST_CASE(unsubscribing_in_any_order_keeps_the_links) {
  // Removing a slot moves the later ones down: each subscription must still end its own.
  struct five : nanoflux::store<five, nanoflux::fixed_subscribers<5>> {};
  for (int first = 0; first < 5; ++first) {
    five f;
    std::string order;
    std::vector<nanoflux::subscription> subs;
    for (char name : std::string("abcde")) subs.push_back(f.subscribe([&order, name] { order += name; }));
    subs[static_cast<std::size_t>(first)].unsubscribe();
    subs[static_cast<std::size_t>((first + 2) % 5)].unsubscribe();
    f.notify();
    std::string expected;
    for (int k = 0; k < 5; ++k)
      if (k != first && k != (first + 2) % 5) expected += static_cast<char>('a' + k);
    BOOST_TEST(order == expected);
    for (auto& s : subs) s.unsubscribe();
    BOOST_TEST(f.subscriber_count() == 0u);
  }
}

BOOST_AUTO_TEST_CASE(moved_subscriptions_stay_linked) {
  small s;
  int calls = 0;
  std::vector<nanoflux::subscription> subs;
  for (int i = 0; i < 3; ++i) subs.push_back(s.subscribe([&] { ++calls; }));  // the vector reallocates
  nanoflux::subscription kept = std::move(subs[1]);
  subs.erase(subs.begin() + 1);
  BOOST_TEST(s.subscriber_count() == 3u);
  kept.unsubscribe();
  BOOST_TEST(s.subscriber_count() == 2u);
  subs.clear();
  BOOST_TEST(s.subscriber_count() == 0u);
  s.notify();
  BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(subscriptions_outliving_the_store_after_moves) {
  std::vector<nanoflux::subscription> subs;
  {
    auto s = std::make_unique<small>();
    subs.push_back(s->subscribe([] {}));
    subs.push_back(s->subscribe([] {}));
    subs.reserve(100);  // moves both subscriptions
    small moved = std::move(*s);
    s.reset();
    BOOST_TEST(subs[0].active());
    BOOST_TEST(moved.subscriber_count() == 2u);
  }
  BOOST_TEST(!subs[0].active());
  BOOST_TEST(!subs[1].active());
  subs[0].unsubscribe();  // touches nothing (ASan)
  subs.clear();
}

BOOST_AUTO_TEST_CASE(moving_a_store_moves_the_callables) {
  tracked::live = 0;
  int calls = 0;
  {
    struct s1 : nanoflux::store<s1, nanoflux::fixed_subscribers<2, 64>> {};
    s1 a;
    auto sub = a.subscribe(tracked(&calls, std::string(40, 'x')));  // not in the small-string buffer
    BOOST_TEST(tracked::live == 1);
    s1 b = std::move(a);
    BOOST_TEST(tracked::live == 1);
    BOOST_TEST(a.subscriber_count() == 0u);  // NOLINT: moved-from
    b.notify();
    a.notify();
    BOOST_TEST(calls == 1);
    s1 c;
    auto other = c.subscribe(tracked(&calls, "y"));
    c = std::move(b);  // c's own subscriber ends
    BOOST_TEST(!other.active());
    BOOST_TEST(sub.active());
    BOOST_TEST(tracked::live == 1);
    c.notify();
    BOOST_TEST(calls == 2);
    sub.unsubscribe();
    BOOST_TEST(tracked::live == 0);
    auto released = c.subscribe(tracked(&calls, "z"));
    released.release();
    BOOST_TEST(tracked::live == 1);
    BOOST_TEST(c.subscriber_count() == 1u);
  }
  BOOST_TEST(tracked::live == 0);  // the released one, destroyed with its store
}

BOOST_AUTO_TEST_CASE(callables_unsubscribed_during_a_notify_die_after_it) {
  tracked::live = 0;
  {
    struct s2 : nanoflux::store<s2, nanoflux::fixed_subscribers<4, 64>> {};
    s2 s;
    int calls = 0;
    std::vector<nanoflux::subscription> subs;
    subs.reserve(4);
    subs.push_back(s.subscribe(tracked(&calls, std::string(40, 'a'))));
    subs.push_back(s.subscribe([&] {
      int const before = tracked::live;
      subs[0].unsubscribe();
      subs[2].unsubscribe();
      BOOST_TEST(tracked::live == before);  // still alive: the notify is running
    }));
    subs.push_back(s.subscribe(tracked(&calls, std::string(40, 'c'))));
    BOOST_TEST(tracked::live == 2);
    s.notify();
    BOOST_TEST(calls == 1);  // a before the removal; c removed before its turn
    BOOST_TEST(tracked::live == 0);
    BOOST_TEST(s.subscriber_count() == 1u);
  }
}

BOOST_AUTO_TEST_CASE(copying_a_store_copies_no_subscriber) {
  small a;
  int calls = 0;
  auto sub = a.subscribe([&] { ++calls; });
  small b = a;
  BOOST_TEST(b.subscriber_count() == 0u);
  b.notify();
  BOOST_TEST(calls == 0);
  a = b;  // keeps its own
  a.notify();
  BOOST_TEST(calls == 1);
}

// subscribe_permanently(f): a subscription without a handle (firmware), kept by the
// store in a slot like the others, for the store's lifetime.
BOOST_AUTO_TEST_CASE(permanent_subscriptions_take_a_slot_for_the_store_lifetime) {
  tracked::live = 0;
  int calls = 0;
  {
    struct s3 : nanoflux::store<s3, nanoflux::fixed_subscribers<2, 64>> {};
    s3 s;
    std::string order;
    BOOST_TEST(s.subscribe_permanently([&order](s3 const&) { order += 'p'; }));
    auto handle = s.subscribe([&order] { order += 'h'; });
    BOOST_TEST(s.subscriber_count() == 2u);
    BOOST_CHECK_THROW(s.subscribe_permanently([] {}), nanoflux::capacity_error);  // full: reported
    BOOST_TEST(s.subscriber_count() == 2u);
    s.notify();
    BOOST_TEST(order == "ph");
    handle.unsubscribe();  // the permanent one keeps its place
    BOOST_TEST(s.subscriber_count() == 1u);
    BOOST_TEST(s.subscribe_permanently(tracked(&calls, std::string(40, 't'))));
    BOOST_TEST(tracked::live == 1);
    s3 moved = std::move(s);  // permanent subscribers move with the store
    BOOST_TEST(tracked::live == 1);
    order.clear();
    moved.notify();
    s.notify();  // NOLINT: moved-from, holds none
    BOOST_TEST(order == "p");
    BOOST_TEST(calls == 1);
  }
  BOOST_TEST(tracked::live == 0);  // destroyed with their store
}

BOOST_AUTO_TEST_CASE(a_permanent_subscriber_unsubscribing_another_during_a_notify) {
  struct s4 : nanoflux::store<s4, nanoflux::fixed_subscribers<3>> {};
  s4 s;
  std::string order;
  nanoflux::subscription b;
  s.subscribe_permanently([&] {
    order += 'a';
    b.unsubscribe();
  });
  b = s.subscribe([&] { order += 'b'; });
  s.subscribe_permanently([&] { order += 'c'; });
  s.notify();
  s.notify();
  BOOST_TEST(order == "acac");  // b removed before its turn; none skipped or repeated
  BOOST_TEST(s.subscriber_count() == 2u);
}

BOOST_AUTO_TEST_CASE(the_default_store_subscribes_permanently_too) {
  struct s5 : nanoflux::store<s5> {};
  int calls = 0;
  {
    s5 s;
    BOOST_TEST(s.subscribe_permanently([&calls] { ++calls; }));
    BOOST_TEST(s.subscriber_count() == 1u);
    s.notify();
  }
  BOOST_TEST(calls == 1);
}
