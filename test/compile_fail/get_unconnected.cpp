// get<S>() of a store that is not connected.
#include <nanoflux/nanoflux.hpp>
struct add_item { int n; };
struct cart { void on(add_item const&) {} };
struct other_store {};
int main() {
  cart c;
  nanoflux::dispatcher d{c};
#ifdef NANOFLUX_CONTROL
  (void)d.get<cart>();
#else
  (void)d.get<other_store>();
#endif
}
