// The program's error hook, defined once, in a file that dispatches nothing (see
// error_hook_main.cpp). It copies what it is told: the strings are valid during the call.
#include <nanoflux/error.hpp>

#include <cstring>

int hook_calls = 0;
nanoflux::error_code hook_code{};
char hook_message[256], hook_action[128], hook_action_name[64];

namespace {
void copy(char* to, std::size_t size, char const* from) {
  std::strncpy(to, from ? from : "(null)", size - 1);
  to[size - 1] = '\0';
}
}  // namespace

void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  ++hook_calls;
  hook_code = e.code;
  copy(hook_message, sizeof hook_message, e.message);
  copy(hook_action, sizeof hook_action, e.action);
  copy(hook_action_name, sizeof hook_action_name, e.action_name);
}
