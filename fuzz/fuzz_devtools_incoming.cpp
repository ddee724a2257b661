// libFuzzer target: what the devtools bridge reads from the network. Arbitrary bytes go
// to the bridge as an incoming WebSocket message (odd first byte: the rest wrapped as a
// command published on "respond", to reach the commands sooner), then poll() applies
// whatever was accepted to a state_store, and the application dispatches once more.
// Invariants: nothing throws or crashes; the lifted state stays well-formed (the
// committed step first, unique ids, the current index inside); every input is accepted,
// ignored or counted as malformed.
#include "../examples/devtools/todo.hpp"

#include <nanoflux/devtools.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/state.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond)                                                   \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                        \
    }                                                                      \
  } while (0)

using todo_store = nanoflux::state_store<todo::model, nanoflux::devtools::monitored<todo::reducer>>;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view const body(reinterpret_cast<char const*>(data) + 1, size - 1);
  std::string text;
  if (data[0] & 1)
    text = std::string(R"({"event":"#publish","data":{"channel":"respond","data":)") + std::string(body) + "}}";
  else
    text = std::string(body);

  nanoflux::devtools::options o;
  o.connect = false;
  o.max_age = 6;
  o.send_only = (data[0] & 2) != 0;
  todo_store store{todo::model{}};
  nanoflux::devtools::bridge<todo_store, todo::actions> tools{store, o};
  auto d = nanoflux::make_dispatcher<todo::actions>(store).with_middleware(tools.middleware());
  d(todo::add_todo{"a"});
  d(todo::add_todo{"b"});
  d(todo::toggle_todo{1});

  tools.receive(text);
  std::size_t const applied = tools.poll();
  auto const s = tools.stats();
  FUZZ_CHECK(applied + s.malformed + s.ignored <= 1);
  d(todo::add_todo{"c"});
  tools.poll();

  auto ids = tools.staged_ids();
  FUZZ_CHECK(!ids.empty() && ids.front() == 0 && ids.size() <= o.max_age);
  FUZZ_CHECK(tools.current_index() < ids.size());
  std::sort(ids.begin(), ids.end());
  FUZZ_CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  return 0;
}
