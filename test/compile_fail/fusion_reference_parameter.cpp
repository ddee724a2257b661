// An actor parameter after the slice taken by non-const reference.
#include <nanoflux/fusion.hpp>
struct shop { int items = 0; };
int main() {
  nanoflux::fusion::store<shop> store{shop{}};
  auto ns = store.fusionator("items", &shop::items);
#ifdef NANOFLUX_CONTROL
  auto add = ns.actor("add", [](int const& n, int const& by) { return n + by; });
#else
  auto add = ns.actor("add", [](int const& n, int& by) { return n + by; });
#endif
  add(1);
}
