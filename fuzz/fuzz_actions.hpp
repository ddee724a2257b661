// The actions and store the fuzz targets share: described (for JSON), with members of
// every kind the JSON layer converts, and a store that records what it received so
// that an accepted input can be compared with the typed dispatch of the same action.
#ifndef NANOFLUX_FUZZ_ACTIONS_HPP
#define NANOFLUX_FUZZ_ACTIONS_HPP

#include <nanoflux/json.hpp>
#include <nanoflux/store.hpp>

#include <boost/describe.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace fuzz {

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

struct item {
  std::string name;
  int count = 0;
  bool operator==(item const&) const = default;
};
BOOST_DESCRIBE_STRUCT(item, (), (name, count))

struct add_item {
  item what;
  color tint = color::red;
  std::optional<long> note;
  std::vector<double> weights;
  bool urgent = false;
  bool operator==(add_item const&) const = default;
};
BOOST_DESCRIBE_STRUCT(add_item, (), (what, tint, note, weights, urgent))

struct rename_item {
  std::string from;
  std::string to;
  bool operator==(rename_item const&) const = default;
};
BOOST_DESCRIBE_STRUCT(rename_item, (), (from, to))

struct clear_all {
  bool operator==(clear_all const&) const = default;
};
BOOST_DESCRIBE_STRUCT(clear_all, (), ())

using fuzz_actions = nanoflux::actions<add_item, rename_item, clear_all>;

using any_action = std::variant<add_item, rename_item, clear_all>;

// Records every action it receives, in order.
struct recording_store : nanoflux::store<recording_store> {
  std::vector<any_action> received;
  void on(add_item const& a) { record(a); }
  void on(rename_item const& a) { record(a); }
  void on(clear_all a) { record(a); }
  template <class A>
  void record(A const& a) {
    received.emplace_back(a);
    notify();
  }
};

// The typed dispatch of a recorded action.
template <class D>
void dispatch_typed(D& d, any_action const& a) {
  std::visit([&](auto const& action) { d(action); }, a);
}

[[noreturn]] inline void invariant_broken(char const* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}
#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) ::fuzz::invariant_broken(#cond); \
  } while (0)

}  // namespace fuzz

#endif
