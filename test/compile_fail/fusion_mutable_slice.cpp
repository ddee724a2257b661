// An actor that takes its slice by non-const reference: actors cannot change the state.
#include <nanoflux/fusion.hpp>
#include <vector>
struct shop { std::vector<int> cart; };
int main() {
  nanoflux::fusion::store<shop> store{shop{}};
  auto cart = store.fusionator("cart", &shop::cart);
#ifdef NANOFLUX_CONTROL
  auto add = cart.actor("add", [](std::vector<int> const& c, int item) { auto next = c; next.push_back(item); return next; });
#else
  auto add = cart.actor("add", [](std::vector<int>& c, int item) { c.push_back(item); return c; });
#endif
  add(1);
}
