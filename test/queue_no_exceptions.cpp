// The queue built with -fno-exceptions -fno-rtti: post, emplace, full queues, drains,
// both producer policies, with_queue (deferred dispatch), and the error hook for a
// full queue of a with_queue dispatcher. A plain main (Boost.Test needs exceptions):
// CHECK prints the failed condition and the test exits with 1.
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <cstdio>
#include <cstring>

#include "plain_check.hpp"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(__cpp_rtti) || defined(__GXX_RTTI)
#error "this test must be built with -fno-exceptions -fno-rtti"
#endif

namespace {

struct tick {
  int ms;
};
struct key {
  char c;
};
using acts = nanoflux::actions<tick, key>;

struct clock_store {
  int now = 0;
  int keys = 0;
  void on(tick const& t) { now = t.ms; }
  void on(key const&) { ++keys; }
};

int hook_calls = 0;
char const* hook_message = nullptr;
void recording_hook(char const* message) noexcept {
  ++hook_calls;
  hook_message = message;
}

template <class P>
void plain_queue() {
  nanoflux::action_queue<acts, 3, P> q;
  clock_store s;
  auto d = nanoflux::make_dispatcher<acts>(s);
  CHECK(q.post(tick{5}));
  CHECK(q.template emplace<key>('a'));
  CHECK(q.post(tick{7}));
  CHECK(!q.post(tick{9}));
  CHECK(q.dropped() == 1);
  CHECK(q.size() == 3);
  CHECK(q.drain(d) == 3);
  CHECK(s.now == 7 && s.keys == 1);
  CHECK(q.empty());
}

}  // namespace

int main() {
  plain_queue<nanoflux::single_producer>();
  plain_queue<nanoflux::multi_producer>();

  // with_queue: a handler's dispatch is deferred; a full queue goes to the hook.
  nanoflux::action_queue<acts, 4> q;
  struct chain {
    clock_store* s;
    void (*again)(void*, int);
    void* ctx;
    void on(tick const& t) {
      if (t.ms < 3) again(ctx, t.ms + 1);
    }
  };
  clock_store s;
  chain c{&s, nullptr, nullptr};
  auto d = nanoflux::make_dispatcher<acts>(s, c).with_queue(q);
  c.ctx = &d;
  c.again = [](void* ctx, int ms) {
    auto& dd = *static_cast<decltype(d)*>(ctx);
    dd(tick{ms});
    dd(key{'x'});
  };
  d(tick{0});
  CHECK(s.now == 3);
  CHECK(s.keys == 3);
  CHECK(q.empty());

  nanoflux::set_error_handler(&recording_hook);
  c.again = [](void* ctx, int ms) {
    auto& dd = *static_cast<decltype(d)*>(ctx);
    dd(tick{ms + 10});
    dd(key{'x'});
    dd(key{'y'});
    dd(key{'z'});
    dd(key{'!'});  // the queue holds 4: the hook
  };
  d(tick{1});
  CHECK(hook_calls == 1);
  CHECK(hook_message != nullptr && std::strstr(hook_message, "with_queue() is full") != nullptr);
  CHECK(q.dropped() == 1);
  CHECK(s.now == 12);  // the deferred actions ran
  CHECK(s.keys == 6);
  CHECK(!d.dispatching());

  return plain_check::result("queue_no_exceptions");
}
