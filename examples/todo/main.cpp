// A todo list with several stores:
// - todo_store holds the todos;
// - filter_store waits for todo_store (depends_on) and computes the visible todos;
// - stats_store is chained by subscription: it listens to todo_store, not to actions;
// - todo_actions is an action creator class;
// - two dispatchers share the stores: the UI's and a closed-set one for remote sync.
#include <nanoflux/nanoflux.hpp>

#include <cstdio>
#include <string>
#include <vector>

// --- actions -------------------------------------------------------------------
struct add_todo {
  std::string text;
};
struct toggle_todo {
  int id;
};
struct clear_completed {};
enum class filter { all, active, completed };
struct set_filter {
  filter value;
};

// --- stores --------------------------------------------------------------------
struct todo {
  int id;
  std::string text;
  bool done = false;
};

class todo_store : public nanoflux::store<todo_store> {
public:
  void on(add_todo const& a) {
    todos_.push_back({next_id_++, a.text});
    notify();
  }
  void on(toggle_todo const& a) {
    for (todo& t : todos_)
      if (t.id == a.id) t.done = !t.done;
    notify();
  }
  void on(clear_completed) {
    std::erase_if(todos_, [](todo const& t) { return t.done; });
    notify();
  }
  std::vector<todo> const& todos() const noexcept { return todos_; }

private:
  std::vector<todo> todos_;
  int next_id_ = 1;
};

// Runs after todo_store in every dispatch (Flux's waitFor), so it always filters the
// updated list, whatever order the stores are given to a dispatcher in.
class filter_store : public nanoflux::store<filter_store> {
public:
  using depends_on = nanoflux::stores<todo_store>;

  explicit filter_store(todo_store const& todos) : todos_(todos) {}

  void on(set_filter const& a) {
    filter_ = a.value;
    refresh();
  }
  void on(add_todo const&) { refresh(); }
  void on(toggle_todo const&) { refresh(); }
  void on(clear_completed) { refresh(); }

  std::vector<std::string> const& visible() const noexcept { return visible_; }

private:
  void refresh() {
    visible_.clear();
    for (todo const& t : todos_.todos())
      if (filter_ == filter::all || (filter_ == filter::completed) == t.done) visible_.push_back(t.text);
    notify();
  }
  todo_store const& todos_;
  filter filter_ = filter::all;
  std::vector<std::string> visible_;
};

// Chained: derives its state from todo_store's notifications, handles no action.
class stats_store : public nanoflux::store<stats_store> {
public:
  explicit stats_store(todo_store& todos)
      : link_(todos.subscribe(*this, &stats_store::recount)) {}
  int total() const noexcept { return total_; }
  int done() const noexcept { return done_; }

private:
  void recount(todo_store const& todos) {
    total_ = static_cast<int>(todos.todos().size());
    done_ = 0;
    for (todo const& t : todos.todos()) done_ += t.done;
    notify();
  }
  nanoflux::subscription link_;
  int total_ = 0;
  int done_ = 0;
};

// --- action creator --------------------------------------------------------------
template <class Dispatcher>
class todo_actions {
public:
  explicit todo_actions(Dispatcher& d) : d_(d) {}
  void add(std::string text) { d_(add_todo{std::move(text)}); }
  void toggle(int id) { d_(toggle_todo{id}); }
  void show(filter f) { d_(set_filter{f}); }
  void clear_done() { d_(clear_completed{}); }

private:
  Dispatcher& d_;
};

int main() {
  todo_store todos;
  filter_store visible(todos);
  stats_store stats(todos);

  // The filter store is given first: depends_on still runs todo_store before it.
  nanoflux::dispatcher ui{visible, todos};
  // Remote sync may only add todos: a closed action set over the same stores.
  auto sync = nanoflux::make_dispatcher<nanoflux::actions<add_todo>>(visible, todos);
  static_assert(!nanoflux::can_dispatch<decltype(sync), clear_completed>);

  auto list_view = visible.subscribe([](filter_store const& f) {
    std::printf("view:");
    for (std::string const& text : f.visible()) std::printf(" [%s]", text.c_str());
    std::printf("\n");
  });
  auto stats_view = stats.subscribe([](stats_store const& s) {
    std::printf("stats: %d of %d done\n", s.done(), s.total());
  });

  todo_actions actions(ui);
  actions.add("write docs");
  actions.add("fix bug");
  sync(add_todo{"review PR (from sync)"});
  actions.toggle(2);
  actions.show(filter::active);
  actions.show(filter::completed);
  actions.clear_done();
  // The filter store ran after todo_store (depends_on), so it saw the cleared list:
  // nothing completed is left to show.
  bool const filtered_after_todos = visible.visible().empty();
  actions.show(filter::all);

  bool const ok = filtered_after_todos && todos.todos().size() == 2 && stats.total() == 2 &&
                  stats.done() == 0 &&
                  visible.visible() == std::vector<std::string>{"write docs", "review PR (from sync)"};
  std::printf("%s\n", ok ? "todo: ok" : "todo: WRONG");
  return ok ? 0 : 1;
}
