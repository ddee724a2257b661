// A projection that cannot take the source's value.
#include <nanoflux/state.hpp>
#include <string>
struct todo_model { int count = 0; };
struct other { int x = 0; };
struct add_todo {};
struct todo_reducer {
  todo_model operator()(todo_model const& m, add_todo) const { return {m.count + 1}; }
};
int main() {
  nanoflux::state_store store{todo_model{}, todo_reducer{}};
#ifdef NANOFLUX_CONTROL
  auto count = nanoflux::select(store, &todo_model::count);
#else
  auto count = nanoflux::select(store, &other::x);
#endif
  (void)count.get();
}
