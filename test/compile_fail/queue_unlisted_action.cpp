// Posting an action that is not in the queue's nanoflux::actions<...>.
#include <nanoflux/queue.hpp>
struct tick {};
struct key_pressed { char c; };
int main() {
  nanoflux::action_queue<nanoflux::actions<tick>, 8> q;
#ifdef NANOFLUX_CONTROL
  q.post(tick{});
#else
  q.post(key_pressed{'a'});
#endif
}
