// The actions of the dispatcher_ref test's chat: all that the action creators see.
#ifndef NANOFLUX_TEST_CHAT_ACTIONS_HPP
#define NANOFLUX_TEST_CHAT_ACTIONS_HPP

#include <nanoflux/fwd.hpp>

#include <string>

namespace chat {
struct join {
  std::string who;
};
struct say {
  std::string who;
  std::string text;
};
struct leave {
  std::string who;
};
using actions = nanoflux::actions<join, say, leave>;
}  // namespace chat

#endif
