// Emplacing an action that is not in the queue's nanoflux::actions<...>.
#include <nanoflux/queue.hpp>
struct tick {};
struct key_pressed { char c; };
int main() {
  nanoflux::action_queue<nanoflux::actions<tick>, 8, nanoflux::multi_producer> q;
#ifdef NANOFLUX_CONTROL
  q.emplace<tick>();
#else
  q.emplace<key_pressed>('a');
#endif
}
