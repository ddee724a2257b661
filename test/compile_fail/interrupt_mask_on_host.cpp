// nanoflux::interrupt_mask on a target that is not a Cortex-M core (here: the host).
#include <nanoflux/interrupt_mask.hpp>
#include <nanoflux/queue.hpp>
#include <mutex>
struct tick {};
#ifdef NANOFLUX_CONTROL
struct host_guard {
  static inline std::mutex m;
  host_guard() { m.lock(); }
  ~host_guard() { m.unlock(); }
};
using producers = nanoflux::guarded_producers<host_guard>;
#else
using producers = nanoflux::guarded_producers<nanoflux::interrupt_mask>;
#endif
int main() {
  nanoflux::action_queue<nanoflux::actions<tick>, 8, producers> q;
  q.post(tick{});
}
