// An action type with no name to derive one from (a lambda's closure type).
#include <nanoflux/names.hpp>
#ifdef NANOFLUX_CONTROL
struct ping {};
using action = ping;
#else
inline auto ping = [] {};
using action = decltype(ping);
#endif
struct store { void on(action const&) {} };
int main() {
  store s;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<action>>(s);
  (void)d.dispatch_by_name("ping");
}
