// nanoflux: compile-time Flux for C++20.
#ifndef NANOFLUX_VERSION_HPP
#define NANOFLUX_VERSION_HPP

// The one place the version lives; CMakeLists.txt reads it from here.
#define NANOFLUX_VERSION_MAJOR 0
#define NANOFLUX_VERSION_MINOR 1
#define NANOFLUX_VERSION_PATCH 0

// MAJOR * 10000 + MINOR * 100 + PATCH, for preprocessor comparisons.
#define NANOFLUX_VERSION \
  (NANOFLUX_VERSION_MAJOR * 10000 + NANOFLUX_VERSION_MINOR * 100 + NANOFLUX_VERSION_PATCH)

#endif
