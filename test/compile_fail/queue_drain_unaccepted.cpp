// Draining a queue into a dispatcher that does not accept one of the queue's actions.
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>
struct tick {};
struct key_pressed { char c; };
struct clock_store {
  void on(tick) {}
#ifdef NANOFLUX_CONTROL
  void on(key_pressed) {}
#endif
};
int main() {
  nanoflux::action_queue<nanoflux::actions<tick, key_pressed>, 8> q;
  clock_store s;
  auto d = nanoflux::make_dispatcher(s);
  q.drain(d);
}
