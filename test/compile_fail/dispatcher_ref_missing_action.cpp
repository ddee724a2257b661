// A dispatcher_ref made from a dispatcher that cannot dispatch one action of the set.
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/dispatcher_ref.hpp>
struct join {};
struct leave {};
struct members {
  void on(join) {}
#ifdef NANOFLUX_CONTROL
  void on(leave) {}
#endif
};
int main() {
  members m;
  nanoflux::dispatcher d{m};
  nanoflux::dispatcher_ref<nanoflux::actions<join, leave>> ref = d;
  ref(join{});
}
