// Dispatching an action no connected store handles.
#include <nanoflux/nanoflux.hpp>
struct add_item { int n; };
struct remove_item {};
struct cart { void on(add_item const&) {} };
int main() {
  cart c;
  nanoflux::dispatcher d{c};
#ifdef NANOFLUX_CONTROL
  d.dispatch(add_item{1});
#else
  d.dispatch(remove_item{});
#endif
}
