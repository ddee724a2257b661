// Dispatching, on a static_dispatcher, an action no connected store handles.
#include <nanoflux/static_dispatcher.hpp>
struct add_item { int n; };
struct remove_item {};
struct cart { void on(add_item const&) {} };
cart the_cart;
constinit nanoflux::static_dispatcher<the_cart> d;
int main() {
#ifdef NANOFLUX_CONTROL
  d.dispatch(add_item{1});
#else
  d.dispatch(remove_item{});
#endif
}
