// Subscribing something that takes neither () nor (Store const&), on a fixed store.
#include <nanoflux/nanoflux.hpp>
struct counter : nanoflux::store<counter, nanoflux::fixed_subscribers<2>> { int value = 0; };
int main() {
  counter c;
#ifdef NANOFLUX_CONTROL
  auto s = c.subscribe([](counter const&) {});
#else
  auto s = c.subscribe([](int, int) {});
#endif
}
