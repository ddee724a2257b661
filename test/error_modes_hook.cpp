// Built with -fno-exceptions (see error_modes_main.cpp).
#include "error_modes.hpp"

bool nested_hook_with_messages() {
  echo_store s;
  nanoflux::dispatcher<echo_store> d{s};
  s.d = &d;
  d.dispatch(ping{});  // the nested ping goes to the hook and is dropped
  return s.pings == 1 && !d.dispatching();
}
