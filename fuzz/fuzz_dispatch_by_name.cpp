// libFuzzer target: dispatch_by_name with an arbitrary name and one of several argument
// lists. A refused call changed nothing and notified no one; an accepted one did what
// the typed dispatch of the same action does.
#include "fuzz_actions.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace fuzz;

namespace {
// The reference's argument conversion: a string_view becomes a std::string.
template <class T>
T const& converted(T const& t) {
  return t;
}
inline std::string converted(std::string_view t) { return std::string(t); }

// The reference: the typed dispatch of the action whose name equals `name` (a plain
// linear comparison, not the perfect hash under test), built as A{args...} with one
// argument per described member (Boost.Describe counts them, not the name layer).
template <class D, class... Args>
bool typed_dispatch(D& d, std::string_view name, Args const&... args) {
  bool done = false;
  auto one = [&]<class A>(A*) {
    using members = boost::describe::describe_members<A, boost::describe::mod_public>;
    if constexpr (boost::mp11::mp_size<members>::value == sizeof...(Args) && requires { A{converted(args)...}; })
      if (!done && nanoflux::action_name_v<A> == name) {
        d(A{converted(args)...});
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
  // Every list builds some action of the set (one that builds none does not compile).
  switch (shape) {
    case 0: check(name); break;
    case 1: check(name, item{text, 2}, color::blue, std::optional<long>(7), std::vector<double>{1.5}, true); break;
    case 2: check(name, text, std::string("to")); break;
    case 3: check(name, name, std::string_view("to")); break;  // string_views for strings
    case 4: check(name, item{text, 1}, color::red, std::optional<long>(), std::vector<double>{}, false); break;
    default: check(name, std::string_view(text), std::string("to")); break;
  }
  return 0;
}
