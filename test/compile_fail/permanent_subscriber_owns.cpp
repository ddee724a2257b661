// A subscriber that owns something (a std::string), on a store with
// permanent_subscribers: never destroyed, so it must be trivially copyable.
#include <nanoflux/nanoflux.hpp>

#include <string>
struct counter : nanoflux::store<counter, nanoflux::permanent_subscribers<2, 64>> { int value = 0; };
int main() {
  counter c;
#ifdef NANOFLUX_CONTROL
  std::string const* text = nullptr;
  c.subscribe_permanently([text] { (void)text; });
#else
  std::string text = "owned";
  c.subscribe_permanently([text] { (void)text; });
#endif
}
