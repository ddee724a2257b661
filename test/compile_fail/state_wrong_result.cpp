// A reducer overload that returns something else than the model: the error names the
// action, the result and the model (reducer_must_return_the_model_for<Action, Result, Model>).
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>
struct todo_model { int count = 0; };
struct add_todo {};
struct toggle_todo { int id; };
struct todo_reducer {
  todo_model operator()(todo_model const& m, add_todo) const { return {m.count + 1}; }
#ifdef NANOFLUX_CONTROL
  todo_model operator()(todo_model const& m, toggle_todo) const { return m; }
#else
  int operator()(todo_model const& m, toggle_todo) const { return m.count; }
#endif
};
int main() {
  nanoflux::state_store store{todo_model{}, todo_reducer{}};
  nanoflux::dispatcher d{store};
  d(add_todo{});
  d(toggle_todo{1});
}
