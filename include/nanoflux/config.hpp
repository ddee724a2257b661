// nanoflux: build configuration and the error hook used when exceptions are off.
#ifndef NANOFLUX_CONFIG_HPP
#define NANOFLUX_CONFIG_HPP

#include <cstdio>
#include <cstdlib>

// NANOFLUX_NO_EXCEPTIONS is defined when the translation unit is compiled with
// -fno-exceptions (or when the user defines it). Then errors that would throw go to
// the error hook below instead.
#if !defined(NANOFLUX_NO_EXCEPTIONS) && !defined(__cpp_exceptions) && !defined(__EXCEPTIONS)
#define NANOFLUX_NO_EXCEPTIONS
#endif

namespace nanoflux {

/// Signature of the error hook: receives a static, NUL-terminated message.
using error_handler = void (*)(char const* message) noexcept;

// Builds without a C library's stdio (firmware) can replace the default hook at
// compile time, so that nothing references fputs/stderr: declare
//   void my_fault(char const*) noexcept;
// and define NANOFLUX_DEFAULT_ERROR_HANDLER to my_fault before including nanoflux.

namespace detail {
#ifndef NANOFLUX_DEFAULT_ERROR_HANDLER
inline void default_error_handler(char const* message) noexcept {
  std::fputs("nanoflux: ", stderr);
  std::fputs(message, stderr);
  std::fputs("\n", stderr);
  std::abort();
}
#define NANOFLUX_DEFAULT_ERROR_HANDLER ::nanoflux::detail::default_error_handler
#endif
// The installed hook. An inline variable: constant-initialised, no guard.
inline error_handler current_error_handler = &NANOFLUX_DEFAULT_ERROR_HANDLER;
}  // namespace detail

/// Installs the hook that runs, in builds without exceptions, where nanoflux would
/// otherwise throw (a dispatch while dispatching). The default prints the message to
/// stderr and calls std::abort(). If the hook returns, the offending operation is
/// dropped: no store sees the nested action. Returns the previous hook. Not
/// thread-safe: install it once at start-up. With exceptions on it is never called.
inline error_handler set_error_handler(error_handler handler) noexcept {
  error_handler previous = detail::current_error_handler;
  detail::current_error_handler = handler ? handler : &NANOFLUX_DEFAULT_ERROR_HANDLER;
  return previous;
}

}  // namespace nanoflux

#endif
