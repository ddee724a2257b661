// nanoflux: build configuration. Every setting here is either fixed by the target (the
// same in every translation unit) or, where a translation unit may differ, kept apart
// by name (see detail/error_report.hpp), so that no setting depends on link order.
#ifndef NANOFLUX_CONFIG_HPP
#define NANOFLUX_CONFIG_HPP

// NANOFLUX_NO_EXCEPTIONS is defined when the translation unit is compiled with
// -fno-exceptions (or when the user defines it). Then errors that would throw go to
// the error hook (error.hpp) instead.
#if !defined(NANOFLUX_NO_EXCEPTIONS) && !defined(__cpp_exceptions) && !defined(__EXCEPTIONS)
#define NANOFLUX_NO_EXCEPTIONS
#endif

// NANOFLUX_ERROR_MESSAGES: 1 (the default) gives the error hook and dispatch_error
// words and the action's names; 0 keeps no string of nanoflux's in the image (the hook
// gets the error code alone). CMake: -DNANOFLUX_ERROR_MESSAGES=OFF sets it on the
// nanoflux::nanoflux target, for every file that links it.
#ifndef NANOFLUX_ERROR_MESSAGES
#define NANOFLUX_ERROR_MESSAGES 1
#endif

// NANOFLUX_HOSTED: 1 on a target with an operating system (stdio and abort exist);
// 0 on bare metal (arm-none-eabi and the like), where nothing of nanoflux refers to
// the C library. Decided by the target alone (not by -ffreestanding, not by a
// setting), so it is the same in every translation unit.
#if defined(__unix__) || defined(__unix) || defined(__APPLE__) || defined(_WIN32)
#define NANOFLUX_HOSTED 1
#else
#define NANOFLUX_HOSTED 0
#endif

#endif
