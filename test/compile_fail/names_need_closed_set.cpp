// Dispatch by name on a dispatcher with the open action set.
#include <nanoflux/names.hpp>
struct add_item {};
struct cart_store { void on(add_item) {} };
int main() {
  cart_store c;
#ifdef NANOFLUX_CONTROL
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_item>>(c);
#else
  auto d = nanoflux::make_dispatcher(c);
#endif
  (void)d.dispatch_by_name("addItem");
}
