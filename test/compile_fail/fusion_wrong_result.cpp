// An actor that returns something else than its slice.
#include <nanoflux/fusion.hpp>
#include <string>
struct shop { int items = 0; };
int main() {
  nanoflux::fusion::store<shop> store{shop{}};
  auto ns = store.fusionator("items", &shop::items);
#ifdef NANOFLUX_CONTROL
  auto add = ns.actor("add", [](int const& n, int by) { return n + by; });
#else
  auto add = ns.actor("add", [](int const& n, int by) { return std::to_string(n + by); });
#endif
  add(1);
}
