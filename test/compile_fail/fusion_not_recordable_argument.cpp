// A recordable actor whose argument has no JSON form (an undescribed struct).
#include <nanoflux/fusion_json.hpp>
#include <vector>
struct line {
  int sku = 0;
};
#ifdef NANOFLUX_CONTROL
BOOST_DESCRIBE_STRUCT(line, (), (sku))
#endif
struct shop {
  std::vector<line> cart;
};
int main() {
  nanoflux::fusion::store<shop> store{shop{}};
  auto cart = store.fusionator("cart", &shop::cart, nanoflux::fusion::recordable);
  auto add = cart.actor("add", [](std::vector<line> const& c, line l) {
    auto next = c;
    next.push_back(l);
    return next;
  });
  add(line{1});
}
