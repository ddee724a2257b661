// This translation unit sees the action types and <nanoflux/dispatcher_ref.hpp> only:
// no store, no dispatcher.
#include "creators.hpp"

#ifdef NANOFLUX_DISPATCHER_HPP
#error "dispatcher_ref.hpp must not need <nanoflux/dispatcher.hpp>"
#endif
#ifdef NANOFLUX_STORE_HPP
#error "the action creators must not see the stores"
#endif

#include <string>

namespace chat {
void enter(dispatcher d, std::string_view who) { d.dispatch(join{std::string(who)}); }
void talk(dispatcher d, std::string_view who, std::string_view text) {
  d(say{std::string(who), std::string(text)});
}
void quit(dispatcher d, std::string_view who) { d(leave{std::string(who)}); }
bool conversation(dispatcher d, std::string_view who, std::string_view first, std::string_view second) {
  bool const busy = d.dispatching();
  enter(d, who);
  talk(d, who, first);
  talk(d, who, second);
  quit(d, who);
  return busy;
}
}  // namespace chat
