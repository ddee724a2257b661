// Dispatches an action from inside a dispatch. Mentions no error hook and no setting:
// whatever the program defines (hook_def.cpp) or not must be what runs.
#include <nanoflux/dispatcher.hpp>

#include "semihosting.hpp"

struct ping {};
struct pong {};

struct echo_store;
using echo_dispatcher = nanoflux::dispatcher<echo_store>;

struct echo_store {
  echo_dispatcher* d = nullptr;
  int pings = 0;
  void on(ping) {
    ++pings;
    if (pings == 1) d->dispatch(ping{});  // nested: reported, then dropped
  }
  void on(pong) {}
};

int firmware_main() {
  echo_store s;
  echo_dispatcher d{s};
  s.d = &d;
  d.dispatch(ping{});
  bool const dropped = s.pings == 1 && !d.dispatching();
  semihosting::write(dropped ? "hook_main: the nested action was dropped\n" : "hook_main: WRONG\n");
  return dropped ? 0 : 1;
}
