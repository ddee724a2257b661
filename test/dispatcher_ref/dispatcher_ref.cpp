// dispatcher_ref: one reference type for every dispatcher over a closed set. The action
// creators live in other translation units (creators.cpp, more_creators.cpp) that see
// only the actions; this one owns the stores and the dispatchers.
#define BOOST_TEST_MODULE dispatcher_ref
#include <boost/test/unit_test.hpp>

#include "creators.hpp"

#include <nanoflux/dispatcher.hpp>
#include <nanoflux/error.hpp>
#include <nanoflux/store.hpp>

#include <cstddef>
#include <cstdlib>
#include <map>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

// Counts the allocations of the whole program (the dispatch path must make none).
namespace {
std::size_t allocations = 0;
}
void* operator new(std::size_t n) {
  ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace chat {
void greet_all(dispatcher d, std::string_view const* names, int count);  // more_creators.cpp
}

namespace {
std::vector<std::string> trace;  // which store saw what, in order

struct members_store : nanoflux::store<members_store> {
  std::vector<std::string> present;
  void on(chat::join const& a) {
    present.push_back(a.who);
    trace.push_back("members:join " + a.who);
  }
  void on(chat::leave const& a) {
    std::erase(present, a.who);
    trace.push_back("members:leave " + a.who);
  }
};
struct stats_store {
  using depends_on = nanoflux::stores<members_store>;
  std::map<std::string, int> said;
  void on(chat::say const& a) {
    ++said[a.who];
    trace.push_back("stats:say " + a.who);
  }
  void on(chat::join const& a) { trace.push_back("stats:join " + a.who); }
};
struct ping {};
struct ping_store {
  int pings = 0;
  void on(ping) { ++pings; }
};
}  // namespace

BOOST_AUTO_TEST_CASE(dispatches_through_a_closed_set_dispatcher) {
  trace.clear();
  stats_store stats;
  members_store members;
  auto d = nanoflux::make_dispatcher<chat::actions>(stats, members);
  std::size_t const before = allocations;
  nanoflux::dispatcher_ref<chat::actions> ref = d;
  chat::enter(ref, "alice");
  BOOST_TEST(allocations - before >= 1u);  // the stores' own strings and vectors; see below
  BOOST_TEST(members.present == std::vector<std::string>{"alice"});
  // depends_on order kept: members before stats, whatever the order given.
  BOOST_TEST(trace == (std::vector<std::string>{"members:join alice", "stats:join alice"}));
  BOOST_TEST(!chat::conversation(d, "bob", "hi", "bye"));  // a dispatcher passes as a dispatcher_ref
  BOOST_TEST(stats.said["bob"] == 2);
  BOOST_TEST(members.present == std::vector<std::string>{"alice"});
}

BOOST_AUTO_TEST_CASE(a_reference_is_two_pointers_and_allocates_nothing) {
  static_assert(sizeof(nanoflux::dispatcher_ref<chat::actions>) == 2 * sizeof(void*));
  static_assert(std::is_trivially_copyable_v<nanoflux::dispatcher_ref<chat::actions>>);
  ping_store p;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<ping>>(p);
  std::size_t const before = allocations;
  nanoflux::dispatcher_ref<nanoflux::actions<ping>> ref = d;
  for (int i = 0; i < 100; ++i) ref(ping{});
  BOOST_TEST(allocations == before);
  BOOST_TEST(p.pings == 100);
}

BOOST_AUTO_TEST_CASE(any_dispatcher_over_the_set) {
  trace.clear();
  members_store members;
  stats_store stats;
  ping_store p;
  // Open set.
  nanoflux::dispatcher open{members, stats};
  chat::enter(open, "a");
  // A larger closed set.
  auto larger = nanoflux::make_dispatcher<nanoflux::actions<chat::join, chat::say, chat::leave, ping>>(members, stats, p);
  chat::enter(larger, "b");
  // With middleware: it sees every action, and may drop one.
  std::vector<std::string> logged;
  auto logging = larger.with_middleware([&](auto const& action, auto next) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(action)>, chat::say>) {
      logged.push_back(action.text);
      if (action.text == "spam") return;  // dropped
    }
    next(action);
  });
  chat::talk(logging, "b", "hello");
  chat::talk(logging, "b", "spam");
  BOOST_TEST(logged == (std::vector<std::string>{"hello", "spam"}));
  BOOST_TEST(stats.said["b"] == 1);
  std::string_view const names[] = {"c", "d"};
  chat::greet_all(logging, names, 2);
  BOOST_TEST(members.present == (std::vector<std::string>{"a", "b", "c", "d"}));
  BOOST_TEST(stats.said["d"] == 1);
}

BOOST_AUTO_TEST_CASE(nested_dispatch_is_refused_through_the_reference) {
  struct echo_store {
    nanoflux::dispatcher_ref<chat::actions>* self = nullptr;
    bool busy = false;
    bool refused = false;
    void on(chat::say const& a) {
      busy = self->dispatching();
      try {
        self->dispatch(chat::say{a.who, "again"});
      } catch (nanoflux::dispatch_error const&) {
        refused = true;
      }
    }
    void on(chat::join const&) {}
    void on(chat::leave const&) {}
  } echo;
  auto d = nanoflux::make_dispatcher<chat::actions>(echo);
  nanoflux::dispatcher_ref<chat::actions> ref = d;
  echo.self = &ref;
  BOOST_TEST(!ref.dispatching());
  ref(chat::say{"x", "y"});
  BOOST_TEST(echo.busy);
  BOOST_TEST(echo.refused);
  BOOST_TEST(!ref.dispatching());  // usable afterwards
}

// What compiles, as values: only the set's actions dispatch; only dispatchers that take
// every action of the set convert.
BOOST_AUTO_TEST_CASE(concept_values) {
  using ref = nanoflux::dispatcher_ref<chat::actions>;
  static_assert(nanoflux::can_dispatch<ref, chat::say>);
  static_assert(!nanoflux::can_dispatch<ref, ping>);
  static_assert(nanoflux::can_dispatch<ref const, chat::join>);  // dispatching through a const reference
  static_assert(std::is_convertible_v<nanoflux::dispatcher<members_store, stats_store>&, ref>);
  static_assert(std::is_copy_constructible_v<ref>);
  static_assert(!std::is_default_constructible_v<ref>);
  BOOST_TEST(true);
}
