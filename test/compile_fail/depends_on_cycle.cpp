// Two stores waiting for each other.
#include <nanoflux/nanoflux.hpp>
struct add_item { int n; };
struct product_store;
#ifdef NANOFLUX_CONTROL
struct cart_store { void on(add_item const&) {} };
#else
struct cart_store { using depends_on = nanoflux::stores<product_store>; void on(add_item const&) {} };
#endif
struct product_store { using depends_on = nanoflux::stores<cart_store>; void on(add_item const&) {} };
struct view_store { void on(add_item const&) {} };
int main() {
  view_store v; cart_store c; product_store p;
  nanoflux::dispatcher d{v, c, p};
  d.dispatch(add_item{1});
}
