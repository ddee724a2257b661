// A store that declares exact_handlers but whose on() accepts an action only through a
// conversion: with NANOFLUX_CHECK_EXACT_HANDLERS the dispatch names the store and action.
#define NANOFLUX_CHECK_EXACT_HANDLERS
#include <nanoflux/nanoflux.hpp>
struct item_event { int id; };
struct item_added : item_event {};
struct audit {
  int seen = 0;
  void on(item_added const&) { ++seen; }
};
struct cart {
  static constexpr bool exact_handlers = true;
  int seen = 0;
#ifdef NANOFLUX_CONTROL
  void on(item_added const&) { ++seen; }
#else
  void on(item_event const&) { ++seen; }  // item_added converts: not called
#endif
};
int main() {
  audit a;
  cart c;
  nanoflux::dispatcher d{a, c};
  d.dispatch(item_added{{1}});
  return a.seen + c.seen == 2 ? 0 : 1;
}
