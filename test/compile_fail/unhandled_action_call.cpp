// The same through operator().
#include <nanoflux/nanoflux.hpp>
struct add_item { int n; };
struct remove_item {};
struct cart { void on(add_item const&) {} };
int main() {
  cart c;
  auto d = nanoflux::make_dispatcher(c);
#ifdef NANOFLUX_CONTROL
  d(add_item{1});
#else
  d(remove_item{});
#endif
}
