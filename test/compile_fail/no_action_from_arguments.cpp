// dispatch_by_name with an argument list that builds no action of the set (here: the
// action gained a member, and the caller was not updated): every call would fail.
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
  (void)d.dispatch_by_name("say", "alice", "hi");
#else
  (void)d.dispatch_by_name("say", "alice");
#endif
}
