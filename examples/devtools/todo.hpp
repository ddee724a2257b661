// The typed-state todo list the devtools example and tests share: a described model
// (Boost.Describe gives its JSON) and a reducer with one overload per action.
#ifndef NANOFLUX_EXAMPLES_DEVTOOLS_TODO_HPP
#define NANOFLUX_EXAMPLES_DEVTOOLS_TODO_HPP

#include <nanoflux/fwd.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <string>
#include <vector>

namespace todo {

BOOST_DEFINE_ENUM_CLASS(filter, all, active, done)

struct item {
  int id = 0;
  std::string text;
  bool done = false;
  bool operator==(item const&) const = default;
};
BOOST_DESCRIBE_STRUCT(item, (), (id, text, done))

struct model {
  std::vector<item> items;
  filter shown = filter::all;
  int next_id = 1;
  bool operator==(model const&) const = default;
};
BOOST_DESCRIBE_STRUCT(model, (), (items, shown, next_id))

// --- actions (described: the name layer writes them as {"type", "payload"}) ---
struct add_todo {
  std::string text;
};
BOOST_DESCRIBE_STRUCT(add_todo, (), (text))
struct toggle_todo {
  int id = 0;
};
BOOST_DESCRIBE_STRUCT(toggle_todo, (), (id))
struct set_filter {
  filter shown = filter::all;
};
BOOST_DESCRIBE_STRUCT(set_filter, (), (shown))
struct clear_done {};
BOOST_DESCRIBE_STRUCT(clear_done, (), ())

using actions = nanoflux::actions<add_todo, toggle_todo, set_filter, clear_done>;

struct reducer {
  model operator()(model m, add_todo const& a) const {
    m.items.push_back({m.next_id++, a.text, false});
    return m;
  }
  model operator()(model m, toggle_todo const& a) const {
    for (item& i : m.items)
      if (i.id == a.id) i.done = !i.done;
    return m;
  }
  model operator()(model m, set_filter const& a) const {
    m.shown = a.shown;
    return m;
  }
  model operator()(model m, clear_done) const {
    std::erase_if(m.items, [](item const& i) { return i.done; });
    return m;
  }
};

// One line: "milk(1) [x]eggs(2) | all"
inline std::string show(model const& m) {
  std::string line;
  for (item const& i : m.items) line += std::string(i.done ? "[x]" : "") + i.text + "(" + std::to_string(i.id) + ") ";
  line += "| ";
  line += boost::describe::enum_to_string(m.shown, "?");
  return line;
}

}  // namespace todo

#endif
