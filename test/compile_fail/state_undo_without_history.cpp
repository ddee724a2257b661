// undo to a state_store without history: the error says it needs one.
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>
struct todo_model { int count = 0; };
struct add_todo {};
struct todo_reducer {
  todo_model operator()(todo_model const& m, add_todo) const { return {m.count + 1}; }
};
int main() {
#ifdef NANOFLUX_CONTROL
  nanoflux::state_store<todo_model, todo_reducer, nanoflux::history<4>> store{todo_model{}};
#else
  nanoflux::state_store store{todo_model{}, todo_reducer{}};
#endif
  nanoflux::dispatcher d{store};
  d(add_todo{});
  d(nanoflux::undo{});
}
