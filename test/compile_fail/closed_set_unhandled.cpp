// A closed action set listing an action no store handles.
#include <nanoflux/nanoflux.hpp>
struct add_item { int n; };
struct remove_item {};
struct cart { void on(add_item const&) {} };
int main() {
  cart c;
#ifdef NANOFLUX_CONTROL
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_item>>(c);
#else
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_item, remove_item>>(c);
#endif
  d.dispatch(add_item{1});
}
