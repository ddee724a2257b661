// guarded_producers<Guard> with a Guard that cannot be made without arguments.
#include <nanoflux/queue.hpp>
struct tick {};
#ifdef NANOFLUX_CONTROL
struct guard {
  guard() {}
};
#else
struct guard {
  explicit guard(int) {}
};
#endif
int main() {
  nanoflux::action_queue<nanoflux::actions<tick>, 8, nanoflux::guarded_producers<guard>> q;
  q.post(tick{});
}
