// Middleware: mw(action, next) runs before the stores; next(action2) continues with
// an action of the same type, and returning without calling next drops the action.
// Three of them here, in order: logging, validation, and an undo/redo history
// (the middleware records, a store holds the history and tells a view about it).
#include <nanoflux/nanoflux.hpp>

#include <cstdio>
#include <string>
#include <vector>

// --- actions: edits of a text document, and undo/redo ------------------------------
struct insert_text {
  std::string text;
  static constexpr char const* name = "insert_text";
};
struct erase_last {
  std::size_t count;
  static constexpr char const* name = "erase_last";
};
// The history middleware fills in the snapshot to go back (or forward) to.
struct undo {
  std::string snapshot;
  static constexpr char const* name = "undo";
};
struct redo {
  std::string snapshot;
  static constexpr char const* name = "redo";
};

template <class A>
concept edit = std::is_same_v<A, insert_text> || std::is_same_v<A, erase_last>;

// --- stores -------------------------------------------------------------------------
class document_store : public nanoflux::store<document_store> {
public:
  void on(insert_text const& a) { set(text_ + a.text); }
  void on(erase_last const& a) { set(text_.substr(0, text_.size() - a.count)); }
  void on(undo const& a) { set(a.snapshot); }
  void on(redo const& a) { set(a.snapshot); }
  std::string const& text() const noexcept { return text_; }

private:
  void set(std::string text) {
    text_ = std::move(text);
    notify();
  }
  std::string text_;
};

// The history: past and future snapshots. It handles no action itself; the history
// middleware drives it, and its subscribers learn when undo/redo become (un)available.
class history_store : public nanoflux::store<history_store> {
public:
  void record(std::string before) {
    past_.push_back(std::move(before));
    future_.clear();
    notify();
  }
  bool can_undo() const noexcept { return !past_.empty(); }
  bool can_redo() const noexcept { return !future_.empty(); }
  std::string step_back(std::string current) { return move_between(past_, future_, std::move(current)); }
  std::string step_forward(std::string current) { return move_between(future_, past_, std::move(current)); }

private:
  std::string move_between(std::vector<std::string>& from, std::vector<std::string>& to, std::string current) {
    std::string target = std::move(from.back());
    from.pop_back();
    to.push_back(std::move(current));
    notify();
    return target;
  }
  std::vector<std::string> past_, future_;
};

// --- middleware ---------------------------------------------------------------------
struct logger {
  int* logged;
  template <class A, class Next>
  void operator()(A const& action, Next next) const {
    ++*logged;
    std::printf("log: %s\n", A::name);
    next(action);
  }
};

// Drops edits that would do nothing or cannot be applied.
struct validator {
  document_store const* document;
  int* dropped;
  template <class A, class Next>
  void operator()(A const& action, Next next) const {
    bool valid = true;
    if constexpr (std::is_same_v<A, insert_text>) valid = !action.text.empty();
    if constexpr (std::is_same_v<A, erase_last>)
      valid = action.count > 0 && action.count <= document->text().size();
    if (!valid) {
      ++*dropped;
      std::printf("validation: dropped %s\n", A::name);
      return;  // not calling next: no store sees the action
    }
    next(action);
  }
};

// Records the document before every edit; turns undo/redo into the snapshot to restore,
// or drops them when there is nothing to undo/redo.
struct history_recorder {
  history_store* history;
  document_store const* document;
  template <class A, class Next>
  void operator()(A const& action, Next next) const {
    if constexpr (edit<A>) {
      history->record(document->text());
      next(action);
    } else if constexpr (std::is_same_v<A, undo>) {
      if (history->can_undo()) next(undo{history->step_back(document->text())});
    } else if constexpr (std::is_same_v<A, redo>) {
      if (history->can_redo()) next(redo{history->step_forward(document->text())});
    } else {
      next(action);
    }
  }
};

int main() {
  document_store document;
  history_store history;
  int logged = 0, dropped = 0;

  auto editor = nanoflux::make_dispatcher(document).with_middleware(
      logger{&logged}, validator{&document, &dropped}, history_recorder{&history, &document});

  auto show = document.subscribe([](document_store const& d) { std::printf("document: \"%s\"\n", d.text().c_str()); });
  auto buttons = history.subscribe([](history_store const& h) {
    std::printf("buttons: undo %s, redo %s\n", h.can_undo() ? "on" : "off", h.can_redo() ? "on" : "off");
  });

  editor(insert_text{"Hello"});
  editor(insert_text{""});       // dropped by validation
  editor(insert_text{", world"});
  editor(erase_last{99});        // dropped by validation
  editor(erase_last{7});
  editor(undo{});                // back to "Hello, world"
  editor(undo{});                // back to "Hello"
  editor(redo{});                // forward to "Hello, world"
  editor(insert_text{"!"});      // a new edit clears the redo history
  editor(redo{});                // nothing to redo: dropped by the history middleware

  bool const ok = document.text() == "Hello, world!" && logged == 10 && dropped == 2 && history.can_undo() &&
                  !history.can_redo();
  std::printf("%s\n", ok ? "middleware: ok" : "middleware: WRONG");
  return ok ? 0 : 1;
}
