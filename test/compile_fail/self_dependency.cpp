// A store waiting for itself.
#include <nanoflux/nanoflux.hpp>
struct add_item { int n; };
struct cart_store {
#ifndef NANOFLUX_CONTROL
  using depends_on = nanoflux::stores<cart_store>;
#endif
  void on(add_item const&) {}
};
int main() {
  cart_store c;
  nanoflux::dispatcher d{c};
  d.dispatch(add_item{1});
}
