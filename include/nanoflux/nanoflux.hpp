// nanoflux: compile-time Flux for C++20. Includes the core.
#ifndef NANOFLUX_NANOFLUX_HPP
#define NANOFLUX_NANOFLUX_HPP

#include <nanoflux/concepts.hpp>
#include <nanoflux/config.hpp>
// (Included here first so that a "subscriber too large" error comes with one include
// line less: under 15 lines with clang too.)
#include <nanoflux/detail/fixed_subscriber_list.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/dispatcher_ref.hpp>
#include <nanoflux/error.hpp>
#include <nanoflux/fixed_subscribers.hpp>
#include <nanoflux/permanent_subscribers.hpp>
#include <nanoflux/fwd.hpp>
#include <nanoflux/middleware.hpp>
#include <nanoflux/static_dispatcher.hpp>
#include <nanoflux/store.hpp>
#include <nanoflux/subscription.hpp>
#include <nanoflux/version.hpp>

#endif
