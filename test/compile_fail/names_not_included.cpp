// Dispatch by name without #include <nanoflux/names.hpp>.
#include <nanoflux/nanoflux.hpp>
#ifdef NANOFLUX_CONTROL
#include <nanoflux/names.hpp>
#endif
struct add_item {};
struct cart_store { void on(add_item) {} };
int main() {
  cart_store c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_item>>(c);
  (void)d.dispatch_by_name("addItem");
}
