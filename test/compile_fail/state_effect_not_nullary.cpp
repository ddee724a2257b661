// An effect must be callable with no arguments.
#include <nanoflux/state.hpp>
struct save {};
struct reducer {
  auto operator()(int m, save) const {
#ifdef NANOFLUX_CONTROL
    return nanoflux::with_effects(m + 1, [] {});
#else
    return nanoflux::with_effects(m + 1, [](int path) { (void)path; });
#endif
  }
};
int main() {
  nanoflux::state_store store{0, reducer{}};
  store.on(save{});
}
