// Translation units built in different error modes (see error_modes_main.cpp): each
// mode's copy of nanoflux's error path must stay its own. The store is in an unnamed
// namespace, one per file, so that the only functions the files share are nanoflux's
// (an inline function of the program's own, compiled in two modes, is one function the
// linker picks a copy of, as for any code built with different flags).
#ifndef NANOFLUX_TEST_ERROR_MODES_HPP
#define NANOFLUX_TEST_ERROR_MODES_HPP

#include <nanoflux/dispatcher.hpp>

namespace {
struct ping {};
struct echo_store {
  nanoflux::dispatcher<echo_store>* d = nullptr;
  int pings = 0;
  void on(ping) {
    if (++pings == 1) d->dispatch(ping{});  // nested
  }
};
}  // namespace

// Each returns true when the nested ping was handled as its mode says.
bool nested_with_exceptions();     // error_modes_main.cpp: dispatch_error is thrown
bool nested_hook_with_messages();  // error_modes_hook.cpp (-fno-exceptions): the hook, with words
bool nested_hook_quiet();          // error_modes_quiet.cpp (-fno-exceptions, messages off): code only

struct hook_record {
  int calls = 0;
  bool had_message = false, had_action = false;
};
extern hook_record last_hook;

#endif
