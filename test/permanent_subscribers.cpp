// store<S, permanent_subscribers<N, SlotBytes>>: subscribers held in the store for its
// lifetime, no handles, a trivially destructible store. Order, capacity and its error,
// reentrancy (subscribing and notifying during a notify, a throwing subscriber),
// consistent views, copies and moves of the store, the member function forms.
#define BOOST_TEST_MODULE permanent_subscribers
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace {

struct bump {};

struct counter : nanoflux::store<counter, nanoflux::permanent_subscribers<3>> {
  int value = 0;
  void on(bump) {
    ++value;
    notify();
  }
};

struct small : nanoflux::store<small, nanoflux::permanent_subscribers<1, sizeof(void*)>> {
  int value = 0;
};

struct view {
  std::string* log;
  void render(counter const& c) { *log += std::to_string(c.value); }
  void touch() const { *log += 't'; }
};

constinit counter global_counter;  // no destructor to register, no start-up code

}  // namespace

static_assert(std::is_trivially_destructible_v<counter>);
static_assert(std::is_trivially_destructible_v<small>);
static_assert(counter::subscriber_capacity == 3);
static_assert(counter::subscriber_slot_bytes == 3 * sizeof(void*));
// A slot of one pointer is pointer-aligned: it packs with the store's int.
static_assert(sizeof(small) <= 4 * sizeof(void*));

BOOST_AUTO_TEST_CASE(subscribers_run_in_order_for_the_store_lifetime) {
  counter c;
  std::string log;
  view v{&log};
  BOOST_TEST(c.subscribe_permanently([&log](counter const& s) { log += char('a' + s.value); }));
  BOOST_TEST(c.subscribe_permanently(v, &view::render));
  BOOST_TEST(c.subscribe_permanently(std::as_const(v), &view::touch));
  BOOST_TEST(c.subscriber_count() == 3u);
  c.on(bump{});
  c.on(bump{});
  BOOST_TEST(log == "b1tc2t");
}

BOOST_AUTO_TEST_CASE(subscribing_past_the_capacity_throws_and_subscribes_nothing) {
  small s;
  int calls = 0;
  BOOST_TEST(s.subscribe_permanently([&calls] { ++calls; }));
  BOOST_CHECK_THROW(s.subscribe_permanently([&calls] { calls += 100; }), nanoflux::capacity_error);
  BOOST_TEST(s.subscriber_count() == 1u);
  s.notify();
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(subscribing_or_notifying_during_a_notify) {
  counter c;
  std::string log;
  bool added = false;
  c.subscribe_permanently([&] {
    log += 'a';
    if (!added) {
      added = true;
      c.subscribe_permanently([&log] { log += 'n'; });  // runs from the next notify on
      c.notify();                                        // nested: its own walk
    }
  });
  c.notify();
  BOOST_TEST(log == "aan");  // the nested notify saw the new one; the outer did not
  log.clear();
  c.notify();
  BOOST_TEST(log == "an");
}

BOOST_AUTO_TEST_CASE(a_throwing_subscriber_leaves_the_store_usable) {
  counter c;
  int calls = 0;
  bool fail = true;
  c.subscribe_permanently([&] {
    if (std::exchange(fail, false)) throw std::runtime_error("view");
  });
  c.subscribe_permanently([&calls] { ++calls; });
  BOOST_CHECK_THROW(c.notify(), std::runtime_error);
  BOOST_TEST(calls == 0);  // the rest not called
  c.notify();
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(consistent_views_notify_once_after_the_action) {
  counter c;
  int calls = 0;
  int seen = 0;
  c.subscribe_permanently([&](counter const& s) {
    ++calls;
    seen = s.value;
  });
  struct twice {
    counter* c;
    void on(bump) {
      c->notify();
      c->notify();
    }
  } t{&c};
  auto d = nanoflux::make_dispatcher(c, t).with_consistent_views();
  d(bump{});
  BOOST_TEST(calls == 1);  // three notifies during the dispatch, one after it
  BOOST_TEST(seen == 1);
}

BOOST_AUTO_TEST_CASE(copies_have_none_moves_take_them) {
  counter a;
  std::string log;
  a.subscribe_permanently([&log] { log += 'a'; });
  counter copy = a;
  BOOST_TEST(copy.subscriber_count() == 0u);
  counter moved = std::move(a);
  BOOST_TEST(a.subscriber_count() == 0u);  // NOLINT: moved-from
  a.notify();
  moved.notify();
  BOOST_TEST(log == "a");
  counter other;
  other.subscribe_permanently([&log] { log += 'o'; });
  other = std::move(moved);  // takes moved's, drops its own (nothing to destroy)
  other.notify();
  BOOST_TEST(log == "aa");
  copy = other;  // copy-assigning keeps the target's own (none)
  copy.notify();
  BOOST_TEST(log == "aa");
}

BOOST_AUTO_TEST_CASE(a_constinit_global_store) {
  int calls = 0;
  global_counter.subscribe_permanently([&calls] { ++calls; });
  global_counter.on(bump{});
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(the_other_stores_subscribe_permanently_too) {
  struct fixed : nanoflux::store<fixed, nanoflux::fixed_subscribers<1>> {};
  struct dynamic : nanoflux::store<dynamic> {};
  std::string log;
  view v{&log};
  fixed f;
  dynamic d;
  BOOST_TEST(f.subscribe_permanently(std::as_const(v), &view::touch));
  BOOST_TEST(d.subscribe_permanently(std::as_const(v), &view::touch));
  f.notify();
  d.notify();
  BOOST_TEST(log == "tt");
}
