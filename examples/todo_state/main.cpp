// A todo application on typed state: one immutable model, a reducer overloaded per
// action, selectors for what the view shows, undo/redo, and effects that save the list
// to a file and load it back. The load effect dispatches a `loaded` action with what it
// read, through a with_queue dispatcher: it runs when the load action has reached every
// store, before anything the caller dispatches next.
//   todo_state [file]      (default: todos.txt in the current directory)
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>
#include <nanoflux/state.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

// --- the model ---------------------------------------------------------------------
enum class filter { all, active, completed };
struct todo {
  int id;
  std::string text;
  bool done = false;
  bool operator==(todo const&) const = default;
};
struct todo_model {
  std::vector<todo> todos;
  filter shown = filter::all;
  int next_id = 1;
  bool operator==(todo_model const&) const = default;
};

// --- actions -----------------------------------------------------------------------
struct add_todo {
  std::string text;
};
struct toggle_todo {
  int id;
};
struct clear_completed {};
struct set_filter {
  filter value;
};
struct save {};
struct load {};
struct loaded {  // posted by the load effect
  std::vector<todo> todos;
};

// --- the reducer: one overload per action ------------------------------------------
struct todo_reducer {
  std::string file;
  std::function<void(loaded)> const* dispatch_loaded;  // set once the dispatcher exists

  todo_model operator()(todo_model const& m, add_todo const& a) const {
    todo_model next = m;
    next.todos.push_back({next.next_id++, a.text});
    return next;
  }
  todo_model operator()(todo_model const& m, toggle_todo const& a) const {
    todo_model next = m;
    for (todo& t : next.todos)
      if (t.id == a.id) t.done = !t.done;
    return next;
  }
  todo_model operator()(todo_model const& m, clear_completed) const {
    todo_model next = m;
    std::erase_if(next.todos, [](todo const& t) { return t.done; });
    return next;
  }
  todo_model operator()(todo_model const& m, set_filter const& a) const {
    todo_model next = m;
    next.shown = a.value;
    return next;
  }
  // Effects: the model is unchanged; the work happens after the update.
  auto operator()(todo_model const& m, save) const {
    return nanoflux::with_effects(m, [file = file, todos = m.todos] {
      std::ofstream os(file);
      for (todo const& t : todos) os << t.id << ' ' << t.done << ' ' << t.text << '\n';
      std::printf("saved %zu todos\n", todos.size());
    });
  }
  auto operator()(todo_model const& m, load) const {
    return nanoflux::with_effects(m, [file = file, dispatch = dispatch_loaded] {
      loaded l;
      std::ifstream is(file);
      todo t{};
      while (is >> t.id >> t.done && std::getline(is >> std::ws, t.text)) l.todos.push_back(t);
      std::printf("loaded %zu todos\n", l.todos.size());
      (*dispatch)(std::move(l));  // deferred: the load is still being dispatched
    });
  }
  todo_model operator()(todo_model const& m, loaded const& l) const {
    todo_model next = m;
    next.todos = l.todos;
    for (todo const& t : l.todos) next.next_id = std::max(next.next_id, t.id + 1);
    return next;
  }
};

// --- selectors and view ------------------------------------------------------------
std::vector<todo> visible(todo_model const& m) {
  std::vector<todo> v;
  for (todo const& t : m.todos)
    if (m.shown == filter::all || (m.shown == filter::completed) == t.done) v.push_back(t);
  return v;
}
struct counts {
  std::size_t active = 0, done = 0;
  bool operator==(counts const&) const = default;
};
counts count(std::vector<todo> const& todos) {
  counts c;
  for (todo const& t : todos) ++(t.done ? c.done : c.active);
  return c;
}

int main(int argc, char** argv) {
  std::function<void(loaded)> dispatch_loaded;
  using store_type = nanoflux::state_store<todo_model, todo_reducer, nanoflux::history<32>>;
  store_type store{todo_model{}, todo_reducer{argc > 1 ? argv[1] : "todos.txt", &dispatch_loaded}};
  using actions = nanoflux::actions<add_todo, toggle_todo, clear_completed, set_filter, save, load, loaded,
                                    nanoflux::undo, nanoflux::redo>;
  nanoflux::action_queue<actions, 4> deferred;  // what effects dispatch while a dispatch runs
  auto d = nanoflux::make_dispatcher<actions>(store).with_queue(deferred);
  dispatch_loaded = [&](loaded l) { d.dispatch(l); };

  auto shown = nanoflux::select(store, visible);                // recomputed when the model changes
  auto todos = nanoflux::select(store, &todo_model::todos);     // a member
  auto stats = nanoflux::select(todos, count);                  // a selector of a selector
  auto view = shown.subscribe([&](std::vector<todo> const& v) {
    std::printf("view:");
    for (todo const& t : v) std::printf(" [%s%s]", t.done ? "x " : "", t.text.c_str());
    // Every selector is up to date when a selector's subscriber runs:
    std::printf("  (%zu active, %zu done)\n", stats.get().active, stats.get().done);
  });
  int stats_changes = 0;
  auto stats_view = stats.subscribe([&] { ++stats_changes; });

  d.dispatch(add_todo{"write docs"});
  d.dispatch(add_todo{"fix bug"});
  d.dispatch(toggle_todo{2});
  d.dispatch(set_filter{filter::active});
  d.dispatch(set_filter{filter::active});  // unchanged: nobody is notified
  d.dispatch(nanoflux::undo{});              // back to filter::all
  d.dispatch(save{});
  d.dispatch(clear_completed{});
  d.dispatch(add_todo{"review PR"});
  std::printf("history: %zu models, at %zu\n", store.history_size(), store.history_index());
  d.dispatch(nanoflux::undo{});
  d.dispatch(nanoflux::undo{});  // the completed todo is back
  d.dispatch(nanoflux::redo{});
  store.jump_to(0);  // the empty list
  d.dispatch(load{});  // the effect's loaded action runs before this returns
  std::printf("after load: %zu todos\n", store.get().todos.size());
  bool const ok = store.get().todos.size() == 2 && store.get().todos[1].done && !store.can_redo() &&
                  stats.get() == counts{1, 1} && stats_changes == 10;
  std::printf("stats changed %d times\ntodo_state: %s\n", stats_changes, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
