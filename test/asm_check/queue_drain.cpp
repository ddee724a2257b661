// The asm check of a queue's drain (queue_drain.cmake): a set of NF_ACTIONS actions,
// each handled by one store, drained in nf_drain(). Built with NF_ACTIONS = 16 (the
// switch: one indexed jump, the handlers inlined, no call) and 100 (above
// switch_limit: one indirect call through the table).
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <utility>

template <int I>
struct act {
  int value;
};
template <class Seq>
struct set_of;
template <int... I>
struct set_of<std::integer_sequence<int, I...>> {
  using type = nanoflux::actions<act<I>...>;
};
using acts = set_of<std::make_integer_sequence<int, NF_ACTIONS>>::type;

struct totals {
  long t[NF_ACTIONS]{};
  template <int I>
  void on(act<I> const& a) {
    t[I] += long(a.value) * (I + 3);
  }
};
totals store;
nanoflux::action_queue<acts, 64> queue;

extern "C" std::size_t nf_drain() {
  auto d = nanoflux::make_dispatcher<acts>(store);
  return queue.drain(d);
}
extern "C" bool nf_post(int v) { return queue.post(act<NF_ACTIONS / 2>{v}); }
