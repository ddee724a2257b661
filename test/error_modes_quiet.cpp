// Built with -fno-exceptions and NANOFLUX_ERROR_MESSAGES=0 (see error_modes_main.cpp).
#include "error_modes.hpp"

bool nested_hook_quiet() {
  echo_store s;
  nanoflux::dispatcher<echo_store> d{s};
  s.d = &d;
  d.dispatch(ping{});  // the nested ping goes to the hook and is dropped
  return s.pings == 1 && !d.dispatching();
}
