// Translation units built in different error modes in one program, linked in both
// orders (test_error_modes, test_error_modes_reversed): with exceptions this file's
// nested dispatch throws dispatch_error; built with -fno-exceptions, the other files'
// call the hook, with or without words (NANOFLUX_ERROR_MESSAGES=0). The error path of
// each mode lives in its own inline namespace, so the linker cannot give one file
// another's copy (before, report_nested_dispatch() was one symbol: throwing or not by
// link order).
#include "error_modes.hpp"

#include <cstdio>

hook_record last_hook;

void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  ++last_hook.calls;
  last_hook.had_message = e.message != nullptr;
  last_hook.had_action = e.action != nullptr;
}

bool nested_with_exceptions() {
  echo_store s;
  nanoflux::dispatcher<echo_store> d{s};
  s.d = &d;
  try {
    d.dispatch(ping{});
  } catch (nanoflux::dispatch_error const&) {
    return s.pings == 1 && last_hook.calls == 0;
  }
  return false;
}

int main() {
  bool const thrown = nested_with_exceptions();
  bool const hooked = nested_hook_with_messages() && last_hook.calls == 1 && last_hook.had_message &&
                      last_hook.had_action;
  bool const quiet = nested_hook_quiet() && last_hook.calls == 2 && !last_hook.had_message && !last_hook.had_action;
  std::printf("with exceptions: %s; without, with messages: %s; without, quiet: %s\n", thrown ? "thrown" : "WRONG",
              hooked ? "hook with words" : "WRONG", quiet ? "hook with the code alone" : "WRONG");
  return thrown && hooked && quiet ? 0 : 1;
}
