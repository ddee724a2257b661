// Dispatching to a state_store an action its reducer does not accept (here: undo, to a
// store without history, and an action the reducer has no overload for).
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>
struct todo_model { int count = 0; };
struct add_todo {};
struct remove_todo {};
struct todo_reducer {
  todo_model operator()(todo_model const& m, add_todo) const { return {m.count + 1}; }
};
int main() {
  nanoflux::state_store store{todo_model{}, todo_reducer{}};
  nanoflux::dispatcher d{store};
#ifdef NANOFLUX_CONTROL
  d(add_todo{});
#else
  d(remove_todo{});
#endif
}
