// subscribe(f), which gives a handle, on a store whose subscribers stay for good.
#include <nanoflux/nanoflux.hpp>
struct counter : nanoflux::store<counter, nanoflux::permanent_subscribers<2>> { int value = 0; };
int main() {
  counter c;
#ifdef NANOFLUX_CONTROL
  c.subscribe_permanently([](counter const&) {});
#else
  auto s = c.subscribe([](counter const&) {});
#endif
}
