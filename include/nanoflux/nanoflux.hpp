// nanoflux: compile-time Flux for C++20. Includes the core.
#ifndef NANOFLUX_NANOFLUX_HPP
#define NANOFLUX_NANOFLUX_HPP

#include <nanoflux/concepts.hpp>
#include <nanoflux/config.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/error.hpp>
#include <nanoflux/fixed_subscribers.hpp>
#include <nanoflux/fwd.hpp>
#include <nanoflux/middleware.hpp>
#include <nanoflux/store.hpp>
#include <nanoflux/subscription.hpp>
#include <nanoflux/version.hpp>

#endif
