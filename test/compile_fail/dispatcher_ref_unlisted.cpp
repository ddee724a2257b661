// Dispatching through a dispatcher_ref an action its set does not list.
#include <nanoflux/dispatcher_ref.hpp>
struct join {};
struct reset {};
void f(nanoflux::dispatcher_ref<nanoflux::actions<join>> d) {
#ifdef NANOFLUX_CONTROL
  d(join{});
#else
  d(reset{});
#endif
}
int main() {}
