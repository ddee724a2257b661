// A devtools bridge over a model that does not convert to JSON (not described): one
// error, naming the model, and no error of Boost.JSON's after it.
#include <nanoflux/devtools.hpp>
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>

#include <boost/describe.hpp>

struct todo_model {
  int count = 0;
  bool operator==(todo_model const&) const = default;
};
#ifdef NANOFLUX_CONTROL
BOOST_DESCRIBE_STRUCT(todo_model, (), (count))
#endif
struct add_todo {};
struct todo_reducer {
  todo_model operator()(todo_model const& m, add_todo) const { return {m.count + 1}; }
};
int main() {
  nanoflux::state_store<todo_model, nanoflux::devtools::monitored<todo_reducer>> store{todo_model{}};
  nanoflux::devtools::options o;
  o.connect = false;
  nanoflux::devtools::bridge<decltype(store)> b(store, o);
  auto d = nanoflux::make_dispatcher(store).with_middleware(b.middleware());
  d(add_todo{});
}
