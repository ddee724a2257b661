// A store with fixed_subscribers (or permanent_subscribers) never touches the heap:
// every global operator new and delete is replaced by one that aborts while allocations
// are forbidden (counting_new.hpp), and the whole life of such stores runs forbidden
// (subscribe in every form, notify, nested notify, unsubscribe during a notify, moves of
// subscriptions and stores, dispatch with and without consistent views, a subscription
// outliving its store, permanent subscriptions). A plain main: Boost.Test allocates on
// its own.
#include <nanoflux/nanoflux.hpp>

#include <cstdio>
#include <cstdlib>
#include <new>
#include <utility>

#include "counting_new.hpp"
#include "plain_check.hpp"

namespace {

struct add {
  int n;
};
struct counter : nanoflux::store<counter, nanoflux::fixed_subscribers<8>> {
  long value = 0;
  void on(add const& a) {
    value += a.n;
    notify();
  }
};
struct doubled : nanoflux::store<doubled, nanoflux::fixed_subscribers<2>> {
  using depends_on = nanoflux::stores<counter>;
  counter const* source = nullptr;
  long value = 0;
  void on(add const&) {
    value = 2 * source->value;
    notify();
  }
};
struct view {
  long seen = 0;
  int renders = 0;
  void render(counter const& c) { seen = c.value; }
  void tick() { ++renders; }
};

void scenario() {
  counter c;
  doubled d2;
  d2.source = &c;
  view v;
  long sum = 0;
  nanoflux::subscription subs[8];
  subs[0] = c.subscribe([&sum](counter const& x) { sum += x.value; });
  subs[1] = c.subscribe(v, &view::render);
  subs[2] = c.subscribe(v, &view::tick);
  subs[3] = c.subscribe([&subs, &c] {  // unsubscribes another, and notifies again once
    subs[4].unsubscribe();
    static bool nested = false;
    if (!std::exchange(nested, true)) c.notify();
  });
  subs[4] = c.subscribe([&sum] { sum += 1000; });
  subs[5] = d2.subscribe([&sum](doubled const& x) { sum += x.value; });

  auto d = nanoflux::make_dispatcher(d2, c);
  for (int i = 0; i < 100; ++i) d(add{1});
  CHECK(c.value == 100);
  CHECK(d2.value == 200);
  CHECK(v.seen == 100);
  CHECK(c.subscriber_count() == 4u);

  nanoflux::subscription moved = std::move(subs[0]);  // the slot follows the handle
  counter other = std::move(c);                       // the slots follow the store
  other.notify();
  moved.unsubscribe();
  CHECK(other.subscriber_count() == 3u);

  nanoflux::subscription outliving;
  {
    counter shortlived;
    outliving = shortlived.subscribe([] {});
  }
  CHECK(!outliving.active());
  outliving.unsubscribe();

  d2.source = &other;
  auto consistent = nanoflux::make_dispatcher(d2, other).with_consistent_views();
  long before = sum;
  consistent(add{1});
  CHECK(other.value == 101);
  CHECK(sum == before + 2 * 101);  // doubled's subscriber, after both stores ran

  // Permanent subscriptions: on a fixed store, and on a store with permanent_subscribers.
  CHECK(other.subscribe_permanently([&sum] { sum += 1; }));
  struct lamp : nanoflux::store<lamp, nanoflux::permanent_subscribers<2>> {
    void on(add const&) { notify(); }
  } l;
  CHECK(l.subscribe_permanently(v, &view::tick));
  int const renders = v.renders;
  auto with_lamp = nanoflux::make_dispatcher(l).with_consistent_views();
  with_lamp(add{1});
  lamp moved_lamp = std::move(l);
  moved_lamp.notify();
  CHECK(v.renders == renders + 2);
}

}  // namespace

int main() {
  counting_new::forbidden = true;
  scenario();
  counting_new::forbidden = false;
  return plain_check::result("fixed_allocation (no allocation)");
}
