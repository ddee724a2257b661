// A subscriber larger than a slot of fixed_subscribers<N> (default: 3 pointers).
#include <nanoflux/nanoflux.hpp>
struct counter : nanoflux::store<counter, nanoflux::fixed_subscribers<4>> { int value = 0; };
int main() {
  counter c;
  int a = 0, b = 0, d = 0;
#ifdef NANOFLUX_CONTROL
  auto s = c.subscribe([&a, &b, &d] { ++a, ++b, ++d; });
#else
  int e = 0;
  auto s = c.subscribe([&a, &b, &d, &e] { ++a, ++b, ++d, ++e; });
#endif
}
