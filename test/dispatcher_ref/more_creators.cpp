// A second translation unit of action creators (a program split over many), which also
// sees nothing but the actions.
#include "creators.hpp"

#ifdef NANOFLUX_DISPATCHER_HPP
#error "dispatcher_ref.hpp must not need <nanoflux/dispatcher.hpp>"
#endif

#include <string>

namespace chat {
// Greets everyone: join and say hello, through a copy of the reference.
void greet_all(dispatcher d, std::string_view const* names, int count) {
  dispatcher copy = d;
  for (int i = 0; i < count; ++i) {
    copy(join{std::string(names[i])});
    copy(say{std::string(names[i]), "hello"});
  }
}
}  // namespace chat
