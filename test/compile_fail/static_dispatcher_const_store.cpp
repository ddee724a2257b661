// A static_dispatcher over a const store: its on() members could not change it.
#include <nanoflux/static_dispatcher.hpp>
struct add_item { int n; };
struct cart { int n = 0; void on(add_item const& a) { n += a.n; } };
#ifdef NANOFLUX_CONTROL
cart the_cart;
#else
cart const the_cart;
#endif
constinit nanoflux::static_dispatcher<the_cart> d;
int main() { d.dispatch(add_item{1}); }
