// state.hpp builds and works with -fno-exceptions -fno-rtti (plain main: Boost.Test needs both).
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>
struct m { int v = 0; bool operator==(m const&) const = default; };
struct inc {};
struct r { m operator()(m const& x, inc) const { return {x.v + 1}; } };
int main() {
  nanoflux::state_store s{m{}, r{}};
  nanoflux::state_store<m, r, nanoflux::history<4>> h{m{}};
  nanoflux::dispatcher d{s, h};
  auto sel = nanoflux::select(s, &m::v);
  int n = 0;
  auto sub = sel.subscribe([&] { ++n; });
  d(inc{}); d(nanoflux::undo{});
  bool const undone = h.get().v == 0;
  // Consistent views: the selector's subscriber runs after both stores, then the effect.
  struct fx_r {
    int* effects;
    auto operator()(m const& x, inc) const { return nanoflux::with_effects(m{x.v + 1}, [e = effects] { ++*e; }); }
  };
  int effects = 0, seen_h = -1;
  nanoflux::state_store with_fx{m{}, fx_r{&effects}};
  auto cd = nanoflux::make_dispatcher(with_fx, h).with_consistent_views();
  auto sub2 = with_fx.subscribe([&] { seen_h = h.get().v; });
  cd(inc{});
  bool const consistent = seen_h == 1 && effects == 1 && with_fx.get().v == 1;
  return (s.get().v == 1 && n == 1 && undone && consistent) ? 0 : 1;
}
