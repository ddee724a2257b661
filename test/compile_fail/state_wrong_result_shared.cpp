// A reducer overload with the wrong result, for an action another connected store also
// takes: the dispatcher refuses the action (it does not call the other store and skip
// the state_store silently); the error names the action, the result and the model.
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
struct toggle_log {
  int toggles = 0;
  void on(toggle_todo const&) { ++toggles; }
};
int main() {
  nanoflux::state_store store{todo_model{}, todo_reducer{}};
  toggle_log log;
  nanoflux::dispatcher d{store, log};
  d(add_todo{});
  d(toggle_todo{1});
}
