// Two actions with the same name in one set.
#include <nanoflux/names.hpp>
namespace a { struct add_item {}; }
namespace b { struct add_item {}; }
#ifdef NANOFLUX_CONTROL
namespace b { struct add_item_b { static constexpr char const* action_name = "addItemB"; }; }
using second = b::add_item_b;
#else
using second = b::add_item;
#endif
struct cart { void on(a::add_item) {} void on(second) {} };
int main() {
  cart c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<a::add_item, second>>(c);
  (void)d.dispatch_by_name("addItem");
}
