// libFuzzer target: dispatch_json over arbitrary bytes. A refused input changed nothing
// and notified no one; an accepted one delivered exactly one action, as the typed
// dispatch of the decoded action does, and the action's canonical JSON is accepted too
// and delivers an equal action (numbers read back exactly).
#include "fuzz_actions.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace fuzz;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<char const*>(data), size);
  recording_store store;
  int notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  auto d = nanoflux::make_dispatcher<fuzz_actions>(store);
  nanoflux::dispatch_result const r = d.dispatch_json(text);
  if (!r) {
    FUZZ_CHECK(store.received.empty() && notified == 0);
    return 0;
  }
  FUZZ_CHECK(store.received.size() == 1 && notified == 1);
  // The typed dispatch of the same action delivers the same.
  recording_store typed;
  auto dt = nanoflux::make_dispatcher<fuzz_actions>(typed);
  dispatch_typed(dt, store.received[0]);
  FUZZ_CHECK(typed.received == store.received);
  // Its canonical JSON is accepted again and delivers an equal action.
  recording_store again;
  auto d2 = nanoflux::make_dispatcher<fuzz_actions>(again);
  std::string const canonical = std::visit([](auto const& a) { return nanoflux::to_json(a); }, store.received[0]);
  FUZZ_CHECK(static_cast<bool>(d2.dispatch_json(canonical)));
  FUZZ_CHECK(again.received == store.received);
  return 0;
}
