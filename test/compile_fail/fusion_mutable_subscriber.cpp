// A subscriber that takes the state by non-const reference: a published state is immutable.
#include <nanoflux/fusion.hpp>
struct shop { int items = 0; };
int main() {
  nanoflux::fusion::store<shop> store{shop{}};
#ifdef NANOFLUX_CONTROL
  auto sub = store.subscribe([](shop const& s) { (void)s.items; });
#else
  auto sub = store.subscribe([](shop& s) { s.items = 0; });
#endif
}
