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
#include <vector>

namespace fuzz {

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

struct item {
  std::string name;
  int count = 0;
};
BOOST_DESCRIBE_STRUCT(item, (), (name, count))

struct add_item {
  item what;
  color tint = color::red;
  std::optional<long> note;
  std::vector<double> weights;
  bool urgent = false;
};
BOOST_DESCRIBE_STRUCT(add_item, (), (what, tint, note, weights, urgent))

struct rename_item {
  std::string from;
  std::string to;
};
BOOST_DESCRIBE_STRUCT(rename_item, (), (from, to))

struct clear_all {};
BOOST_DESCRIBE_STRUCT(clear_all, (), ())

using fuzz_actions = nanoflux::actions<add_item, rename_item, clear_all>;

// Records every action in order, as JSON (a faithful, comparable form).
struct recording_store : nanoflux::store<recording_store> {
  std::vector<std::string> received;
  void on(add_item const& a) { record(a); }
  void on(rename_item const& a) { record(a); }
  void on(clear_all a) { record(a); }
  template <class A>
  void record(A const& a) {
    received.push_back(nanoflux::to_json(a));
    notify();
  }
};

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
