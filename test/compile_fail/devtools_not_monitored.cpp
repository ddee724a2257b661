// A devtools bridge over a state_store whose reducer is not wrapped in monitored<...>
// (the bridge needs it to show a model): the error says so.
#include <nanoflux/devtools.hpp>
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>

#include <boost/describe.hpp>

struct todo_model {
  int count = 0;
  bool operator==(todo_model const&) const = default;
};
BOOST_DESCRIBE_STRUCT(todo_model, (), (count))
struct add_todo {};
struct todo_reducer {
  todo_model operator()(todo_model const& m, add_todo) const { return {m.count + 1}; }
};
int main() {
#ifdef NANOFLUX_CONTROL
  nanoflux::state_store<todo_model, nanoflux::devtools::monitored<todo_reducer>> store{todo_model{}};
#else
  nanoflux::state_store<todo_model, todo_reducer> store{todo_model{}};
#endif
  nanoflux::devtools::options o;
  o.connect = false;
  nanoflux::devtools::bridge<decltype(store)> b(store, o);
  auto d = nanoflux::make_dispatcher(store).with_middleware(b.middleware());
  d(add_todo{});
}
