// d.with_queue(q) without #include <nanoflux/queue.hpp>.
#include <nanoflux/dispatcher.hpp>
struct tick {};
struct clock_store { void on(tick) {} };
template <class A, unsigned N> struct my_queue {};
#ifdef NANOFLUX_CONTROL
#include <nanoflux/queue.hpp>
using queue = nanoflux::action_queue<nanoflux::actions<tick>, 8>;
#else
using queue = my_queue<tick, 8>;
#endif
int main() {
  clock_store s;
  queue q;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<tick>>(s).with_queue(q);
  d(tick{});
}
