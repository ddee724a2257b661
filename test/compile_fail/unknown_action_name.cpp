// Dispatching by a name no action of the set has.
#include <nanoflux/names.hpp>
struct add_product { int cents; };
struct cart { void on(add_product const&) {} };
int main() {
  cart c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_product>>(c);
#ifdef NANOFLUX_CONTROL
  d.dispatch<"addProduct">(1);
#else
  d.dispatch<"addProdukt">(1);
#endif
}
