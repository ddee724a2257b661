// A middleware that does not return the state to publish.
#include <nanoflux/fusion.hpp>
#include <string_view>
struct shop { int items = 0; };
int main() {
  nanoflux::fusion::store<shop> store{shop{}};
#ifdef NANOFLUX_CONTROL
  store.use([](shop const& proposed, shop const&, std::string_view) { return proposed; });
#else
  store.use([](shop const&, shop const&, std::string_view) {});
#endif
}
