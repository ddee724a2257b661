// Action creators that take a nanoflux::dispatcher_ref: plain functions, compiled in
// their own translation unit (creators.cpp), which sees the actions only.
#ifndef NANOFLUX_TEST_CHAT_CREATORS_HPP
#define NANOFLUX_TEST_CHAT_CREATORS_HPP

#include "chat_actions.hpp"

#include <nanoflux/dispatcher_ref.hpp>

#include <string_view>

namespace chat {
using dispatcher = nanoflux::dispatcher_ref<actions>;

void enter(dispatcher d, std::string_view who);
void talk(dispatcher d, std::string_view who, std::string_view text);
void quit(dispatcher d, std::string_view who);
// A conversation: who joins, says each line, leaves. Returns whether d was dispatching
// when called (it must not be).
bool conversation(dispatcher d, std::string_view who, std::string_view first, std::string_view second);
}  // namespace chat

#endif
