// A consumer project: includes nanoflux and dispatches one action.
#include <nanoflux/nanoflux.hpp>

struct increment {};
struct counter : nanoflux::store<counter> {
  int value = 0;
  void on(increment) {
    ++value;
    notify();
  }
};

int main() {
  counter c;
  nanoflux::dispatcher d{c};
  int notified = 0;
  auto s = c.subscribe([&] { ++notified; });
  d.dispatch(increment{});
  return c.value == 1 && notified == 1 ? 0 : 1;
}
