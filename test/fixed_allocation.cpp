// A store with fixed_subscribers (or permanent_subscribers) never touches the heap: every global operator new is
// replaced by one that aborts once armed, and the whole life of such stores runs armed
// (subscribe in every form, notify, nested notify, unsubscribe during a notify, moves of
// subscriptions and stores, dispatch with and without consistent views, a subscription
// outliving its store). A plain
// main: Boost.Test allocates on its own.
#include <nanoflux/nanoflux.hpp>

#include <cstdio>
#include <cstdlib>
#include <new>
#include <utility>

namespace {
bool armed = false;
[[noreturn]] void refuse(char const* form) {
  std::fprintf(stderr, "fixed_allocation: FAILED: %s called while armed\n", form);
  std::abort();
}
void* allocate(std::size_t n, char const* form) {
  if (armed) refuse(form);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) { return allocate(n, "operator new"); }
void* operator new[](std::size_t n) { return allocate(n, "operator new[]"); }
void* operator new(std::size_t n, std::nothrow_t const&) noexcept {
  if (armed) refuse("operator new(nothrow)");
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept {
  if (armed) refuse("operator new[](nothrow)");
  return std::malloc(n ? n : 1);
}
void* operator new(std::size_t n, std::align_val_t al) {
  if (armed) refuse("operator new(align)");
  std::size_t const a = static_cast<std::size_t>(al);
  if (void* p = std::aligned_alloc(a, (n + a - 1) / a * a)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t al) { return ::operator new(n, al); }
void operator delete(void* p) noexcept {
  if (armed && p) refuse("operator delete");
  std::free(p);
}
void operator delete[](void* p) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete(void* p, std::align_val_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::align_val_t) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { ::operator delete(p); }

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

int failures = 0;
#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                          \
    }                                                                      \
  } while (0)

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
  armed = true;
  scenario();
  armed = false;
  if (failures == 0) std::printf("fixed_allocation: no allocation, all checks passed\n");
  return failures == 0 ? 0 : 1;
}
