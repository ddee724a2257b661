// libFuzzer target: dispatch_json over arbitrary bytes. A refused input changed nothing
// and notified no one; an accepted one delivered exactly one action, the one the typed
// dispatch of its decoded value delivers, and that action survives a JSON round trip.
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
  // Its canonical form is accepted too and delivers the same action again.
  recording_store again;
  auto d2 = nanoflux::make_dispatcher<fuzz_actions>(again);
  FUZZ_CHECK(static_cast<bool>(d2.dispatch_json(store.received[0])));
  FUZZ_CHECK(again.received == store.received);
  return 0;
}
