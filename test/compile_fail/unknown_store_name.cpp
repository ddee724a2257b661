// A store by a name no connected store has.
#include <nanoflux/names.hpp>
struct add_item {};
struct cart_store { void on(add_item) {} };
int main() {
  cart_store c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_item>>(c);
#ifdef NANOFLUX_CONTROL
  (void)d.get<"cartStore">();
#else
  (void)d.get<"cartStor">();
#endif
}
