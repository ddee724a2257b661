// Dispatching an action a store handles but the closed set does not list.
#include <nanoflux/nanoflux.hpp>
struct add_item { int n; };
struct reset {};
struct cart { void on(add_item const&) {} void on(reset) {} };
int main() {
  cart c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_item>>(c);
#ifdef NANOFLUX_CONTROL
  d.dispatch(add_item{1});
#else
  d.dispatch(reset{});
#endif
}
