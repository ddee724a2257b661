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
  return (s.get().v == 1 && n == 1 && h.get().v == 0) ? 0 : 1;
}
