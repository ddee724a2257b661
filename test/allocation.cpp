// Dispatch and notify allocate nothing on the heap (subscribing may). Every global
// operator new is replaced by a counting one.
#define BOOST_TEST_MODULE allocation
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>

#include <vector>

#include "counting_new.hpp"

using counting_new::allocations;
using counting_new::aligned_allocations;

namespace {

struct add {
  int n;
};
struct counter : nanoflux::store<counter> {
  long value = 0;
  void on(add const& a) {
    value += a.n;
    notify();
  }
};
struct mirror {
  using depends_on = nanoflux::stores<counter>;
  counter* source;
  long seen = 0;
  void on(add const&) { seen = source->value; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_counter_counts) {
  std::size_t const before = allocations;
  int* p = new int(1);
  delete p;
  BOOST_TEST(allocations == before + 1);  // the replacement is in effect
}

BOOST_AUTO_TEST_CASE(dispatch_and_notify_do_not_allocate) {
  counter c;
  mirror m{&c};
  long notified = 0;
  std::vector<nanoflux::subscription> subs;
  for (int i = 0; i < 8; ++i) subs.push_back(c.subscribe([&](counter const& x) { notified += x.value; }));
  int passed = 0;
  auto d = nanoflux::make_dispatcher(m, c).with_middleware([&](auto const& a, auto next) {
    ++passed;
    next(a);
  });
  auto fluxy = d.bind<add>();

  std::size_t const before = allocations;
  for (int i = 0; i < 1000; ++i) d(add{1});
  for (int i = 0; i < 1000; ++i) fluxy(1);
  c.notify();
  BOOST_TEST(allocations == before);
  BOOST_TEST(c.value == 2000);
  BOOST_TEST(m.seen == 2000);
  BOOST_TEST(passed == 2000);
  BOOST_TEST(notified > 0);
}

BOOST_AUTO_TEST_CASE(unsubscribing_during_notify_does_not_allocate) {
  counter c;
  std::vector<nanoflux::subscription> subs;
  subs.reserve(16);
  int calls = 0;
  for (int i = 0; i < 16; ++i)
    subs.push_back(c.subscribe([&, i] {
      ++calls;
      if (i % 2 == 0) subs[static_cast<std::size_t>(15 - i)].unsubscribe();
    }));
  std::size_t const before = allocations;
  c.notify();
  c.notify();
  for (auto& s : subs) s.unsubscribe();
  BOOST_TEST(allocations == before);
  BOOST_TEST(calls > 0);
  BOOST_TEST(c.subscriber_count() == 0u);
}

BOOST_AUTO_TEST_CASE(aligned_subscriber_then_notify_does_not_allocate) {
  struct alignas(64) wide {
    int* calls;
    void operator()() const { ++*calls; }
  };
  counter c;
  int calls = 0;
  std::size_t const before_subscribe = aligned_allocations;
  auto s = c.subscribe(wide{&calls});
  BOOST_TEST(aligned_allocations == before_subscribe + 1);  // the aligned new is counted too
  std::vector<nanoflux::subscription> subs;
  subs.reserve(8);
  for (int i = 0; i < 8; ++i)
    subs.push_back(c.subscribe([&, i] {
      if (i == 3) {
        subs[5].unsubscribe();
        subs[1].unsubscribe();
        subs[3].unsubscribe();
        c.notify();  // nested, with removals pending
      }
    }));
  std::size_t const before = allocations;
  c.notify();
  c.notify();
  s.unsubscribe();
  BOOST_TEST(allocations == before);
  BOOST_TEST(calls == 3);  // outer, nested, second notify
  BOOST_TEST(c.subscriber_count() == 5u);
}
