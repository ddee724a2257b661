// Fusion's debug check (NANOFLUX_FUSION_THREAD_CHECKS, on without NDEBUG): a store
// without an executor used from a second thread while a first one is fusing aborts with
// a message (run by test/fusion_expect_abort.cmake, which expects the abort). The
// second thread touches nothing but the check's atomics before it aborts.
#include <nanoflux/fusion.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

namespace fusion = nanoflux::fusion;

struct state {
  int a = 0;
  int b = 0;
};

int main(int argc, char** argv) {
  bool const subscribe_mode = argc > 1 && std::strcmp(argv[1], "subscribe") == 0;
  fusion::store<state> store{state{}};
  std::atomic<bool> inside{false};
  std::atomic<bool> release{false};
  auto slow = store.fusionator("a", &state::a).actor("slow", [&](int const&, int v) {
    inside = true;
    for (int i = 0; i < 10'000 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return v;
  });
  auto other = store.fusionator("b", &state::b).actor("other", [](int const&, int v) { return v; });
  std::thread first([&] { slow(1); });
  while (!inside) std::this_thread::yield();
  if (subscribe_mode) {
    auto sub = store.subscribe([] {});  // must abort here
  } else {
    other(2);  // must abort here
  }
  std::puts("not reached");
  release = true;
  first.join();
  return 0;
}
