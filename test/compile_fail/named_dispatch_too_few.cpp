// dispatch<"name">(args...) with fewer arguments than the action has members.
#include <nanoflux/names.hpp>
#include <string>
struct say {
  std::string who;
  std::string text;
};
struct chat { void on(say const&) {} };
int main() {
  chat c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<say>>(c);
#ifdef NANOFLUX_CONTROL
  d.dispatch<"say">("alice", "hi");
#else
  d.dispatch<"say">("alice");
#endif
}
