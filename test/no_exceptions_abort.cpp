// Built with -fno-exceptions: a nested dispatch with the default hook prints the
// message to stderr and aborts. The CTest checks both.
#include <nanoflux/nanoflux.hpp>

#include <cstdio>

struct ping {};
struct echo : nanoflux::store<echo> {
  void on(ping) { notify(); }
};

int main() {
  echo e;
  nanoflux::dispatcher d{e};
  auto s = e.subscribe([&] { d(ping{}); });
  d(ping{});
  std::puts("not reached: the default hook must abort");
  return 0;
}
