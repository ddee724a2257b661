// The core built with -fno-exceptions -fno-rtti: dispatch, middleware, subscriptions,
// and the error hook that replaces dispatch_error. A plain main (Boost.Test needs
// exceptions): CHECK prints the failed condition and the test exits with 1.
#include <nanoflux/nanoflux.hpp>

#include <cstdio>
#include <cstring>

#include "plain_check.hpp"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(__cpp_rtti) || defined(__GXX_RTTI)
#error "this test must be built with -fno-exceptions -fno-rtti"
#endif

namespace {

struct add {
  int n;
};
struct reset {};

struct counter : nanoflux::store<counter> {
  int value = 0;
  int resets = 0;
  void on(add const& a) {
    value += a.n;
    notify();
  }
  void on(reset) {
    ++resets;
    value = 0;
  }
};

struct fixed_counter : nanoflux::store<fixed_counter, nanoflux::fixed_subscribers<2>> {
  int value = 0;
  void on(add const& a) {
    value += a.n;
    notify();
  }
};

int hook_calls = 0;
char const* hook_message = nullptr;
void recording_hook(char const* message) noexcept {
  ++hook_calls;
  hook_message = message;
}

}  // namespace

int main() {
  counter c;
  int notified = 0;
  int passed = 0;
  auto d = nanoflux::make_dispatcher(c).with_middleware([&](auto const& a, auto next) {
    ++passed;
    next(a);
  });
  nanoflux::subscription s = c.subscribe([&] { ++notified; });
  d(add{2});
  d.bind<add>()(3);
  CHECK(c.value == 5);
  CHECK(notified == 2);
  CHECK(passed == 2);

  // A nested dispatch (from a subscriber) goes to the hook; the hook returns, so the
  // nested action is dropped and the outer dispatch completes.
  nanoflux::error_handler previous = nanoflux::set_error_handler(&recording_hook);
  CHECK(previous != nullptr);
  CHECK(previous != &recording_hook);
  nanoflux::subscription nested = c.subscribe([&] { d(reset{}); });
  d(add{1});
  CHECK(hook_calls == 1);
  CHECK(hook_message != nullptr && std::strstr(hook_message, "cannot dispatch while dispatching") != nullptr);
  CHECK(c.resets == 0);  // no store saw the nested action
  CHECK(c.value == 6);
  CHECK(notified == 3);
  CHECK(!d.dispatching());
  nested.unsubscribe();

  d(reset{});
  CHECK(c.resets == 1);
  CHECK(nanoflux::set_error_handler(nullptr) == &recording_hook);  // nullptr restores the default
  CHECK(nanoflux::set_error_handler(&recording_hook) == previous);
  CHECK(nanoflux::set_error_handler(previous) == &recording_hook);

  s.unsubscribe();
  s.unsubscribe();
  CHECK(!s.active());
  CHECK(c.subscriber_count() == 0);

  // A store with fixed_subscribers: subscribing past N calls the hook; nothing is
  // subscribed and the subscription returned is inactive.
  {
    fixed_counter f;
    int calls = 0;
    hook_calls = 0;
    nanoflux::set_error_handler(&recording_hook);
    nanoflux::subscription a = f.subscribe([&] { ++calls; });
    nanoflux::subscription b = f.subscribe([&] { calls += 10; });
    nanoflux::subscription over = f.subscribe([&] { calls += 100; });
    CHECK(hook_calls == 1);
    CHECK(hook_message != nullptr && std::strstr(hook_message, "fixed_subscribers<N> is in use") != nullptr);
    CHECK(!over.active());
    CHECK(f.subscriber_count() == 2);
    auto fd = nanoflux::make_dispatcher(f);
    fd(add{1});
    CHECK(calls == 11);
    a.unsubscribe();
    over = f.subscribe([&] { calls += 100; });
    CHECK(over.active());
    fd(add{1});
    CHECK(calls == 121);
    CHECK(hook_calls == 1);
    nanoflux::set_error_handler(previous);
  }

  return plain_check::result("no_exceptions");
}
