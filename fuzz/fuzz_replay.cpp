// libFuzzer target: replay over arbitrary bytes. replay(d, lines) returns n: the store
// received exactly n actions, each of the first n lines is accepted on its own, and the
// line after them (if any) is refused.
#include "fuzz_actions.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

using namespace fuzz;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string const bytes(reinterpret_cast<char const*>(data), size);
  recording_store store;
  auto d = nanoflux::make_dispatcher<fuzz_actions>(store);
  std::istringstream in(bytes);
  std::size_t const n = nanoflux::replay(d, in);
  FUZZ_CHECK(store.received.size() == n);

  std::istringstream lines(bytes);
  std::string line;
  recording_store one_by_one;
  auto d2 = nanoflux::make_dispatcher<fuzz_actions>(one_by_one);
  for (std::size_t i = 0; i < n; ++i) {
    FUZZ_CHECK(static_cast<bool>(std::getline(lines, line)));
    FUZZ_CHECK(static_cast<bool>(d2.dispatch_json(line)));
  }
  if (std::getline(lines, line)) FUZZ_CHECK(!d2.dispatch_json(line));
  FUZZ_CHECK(one_by_one.received == store.received);
  return 0;
}
