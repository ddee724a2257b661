// libFuzzer target: dispatch_by_name with an arbitrary name and one of several argument
// lists. A refused call changed nothing and notified no one; an accepted one did what
// the typed dispatch of the same action does.
#include "fuzz_actions.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace fuzz;

// The reference builds actions from partial argument lists on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wmissing-braces"

namespace {
// The reference: the typed dispatch of the action whose name equals `name` (a plain
// linear comparison, not the perfect hash under test), built as A{args...}.
template <class D, class... Args>
bool typed_dispatch(D& d, std::string_view name, Args const&... args) {
  bool done = false;
  auto one = [&]<class A>(A*) {
    if constexpr (requires { A{args...}; })
      if (!done && nanoflux::action_name_v<A> == name) {
        d(A{args...});
        done = true;
      }
  };
  one(static_cast<add_item*>(nullptr));
  one(static_cast<rename_item*>(nullptr));
  one(static_cast<clear_all*>(nullptr));
  return done;
}

template <class... Args>
void check(std::string_view name, Args const&... args) {
  recording_store store;
  int notified = 0;
  auto sub = store.subscribe([&] { ++notified; });
  auto d = nanoflux::make_dispatcher<fuzz_actions>(store);
  nanoflux::dispatch_result const r = d.dispatch_by_name(name, args...);

  recording_store typed;
  auto dt = nanoflux::make_dispatcher<fuzz_actions>(typed);
  bool const typed_done = typed_dispatch(dt, name, args...);

  if (!r) {
    FUZZ_CHECK(store.received.empty() && notified == 0);
    FUZZ_CHECK(!typed_done);
    FUZZ_CHECK(r.error() == nanoflux::errc::unknown_action || r.error() == nanoflux::errc::bad_payload);
  } else {
    FUZZ_CHECK(typed_done);
    FUZZ_CHECK(store.received.size() == 1 && notified == 1);
    FUZZ_CHECK(typed.received == store.received);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  unsigned const shape = data[0] % 6;  // which argument list
  std::string_view const name(reinterpret_cast<char const*>(data + 1), size - 1);
  std::string const text(name);
  switch (shape) {
    case 0: check(name); break;
    case 1: check(name, item{text, 1}); break;
    case 2: check(name, item{text, 2}, color::blue, std::optional<long>(7), std::vector<double>{1.5}, true); break;
    case 3: check(name, text, std::string("to")); break;
    case 4: check(name, 42); break;
    default: check(name, text); break;
  }
  return 0;
}
