// nanoflux: what goes wrong at run time (a dispatch while dispatching, a full queue, a
// full fixed_subscribers store), and where it is reported — dispatch_error and
// capacity_error (with exceptions), or the error hook (without).
#ifndef NANOFLUX_ERROR_HPP
#define NANOFLUX_ERROR_HPP

#include <nanoflux/config.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#if NANOFLUX_HOSTED
#include <cstdio>
#include <cstdlib>
#endif

// An error here means the program still sets the older hook (a macro, which had to be
// defined before every include in every file, and whose effect depended on link order).
#ifdef NANOFLUX_DEFAULT_ERROR_HANDLER
#error "nanoflux: NANOFLUX_DEFAULT_ERROR_HANDLER is gone: define void nanoflux::on_error(nanoflux::error_info const&) noexcept once, in any source file (README: Without exceptions and RTTI)"
#endif

namespace nanoflux {

/// What went wrong.
enum class error_code : unsigned char {
  nested_dispatch = 1,  // dispatch() on a dispatcher that is dispatching (from a handler,
                        // a middleware or a subscriber): the nested action is dropped
  queue_full,           // an action could not be deferred: the dispatcher's queue is full
  subscriber_capacity,  // subscribe() on a store whose fixed subscriber storage is full
};

/// The error code in words ("nested dispatch").
constexpr std::string_view to_string(error_code code) noexcept {
  switch (code) {
    case error_code::nested_dispatch: return "nested dispatch";
    case error_code::queue_full: return "queue full";
    case error_code::subscriber_capacity: return "subscriber capacity";
  }
  return "unknown error";
}

/// What the error hook is told. The strings are NUL-terminated and valid during the
/// call, or null: all of them in a build with NANOFLUX_ERROR_MESSAGES=0, the action's
/// when the error concerns no action, action_name when the type gives no name (a
/// lambda). No RTTI is used.
struct error_info {
  error_code code;
  char const* message;      // what went wrong, in a sentence (a static string)
  char const* action;       // the action's type as the compiler spells it: "shop::add_product"
  char const* action_name;  // its name in the name layer (action_name_v): "addProduct"
};

/// The error hook. Define it (once, in any source file of the program) to decide what
/// happens when nanoflux, built without exceptions, meets an error:
///
///   void nanoflux::on_error(nanoflux::error_info const& e) noexcept { ... }
///
/// It is the same hook in every translation unit, at every optimisation level and in
/// every link order: nanoflux refers to it by a weak reference, so defining it is the
/// whole setting. If it returns, the offending operation is dropped (a nested dispatch
/// reaches no store). Without it: on an operating system, the message goes to stderr
/// and the program aborts (or set_error_handler's handler runs); on bare metal, the
/// program stops at a trap instruction (a HardFault on Cortex-M), and nothing of the C
/// library is linked. Not called in builds with exceptions: they throw.
void on_error(error_info const& error) noexcept;

#if NANOFLUX_HOSTED
/// A run-time error handler (the older, simpler hook): receives the message.
using error_handler = void (*)(char const* message) noexcept;

namespace detail {
// The default handler, and the marker that none was installed.
[[noreturn]] inline void default_error_handler(char const* message) noexcept {
  std::fputs("nanoflux: ", stderr);
  std::fputs(message, stderr);
  std::fputs("\n", stderr);
  std::abort();
}
// The installed handler. An inline variable with the same constant initialiser in
// every translation unit: no guard, no link-order dependence.
inline error_handler current_error_handler = &default_error_handler;
}  // namespace detail

/// Installs the handler that runs, in builds without exceptions, when the program does
/// not define nanoflux::on_error (which takes precedence). The default prints the
/// message and the action to stderr and aborts. If the handler returns, the offending
/// operation is dropped. nullptr restores the default. Returns the previous handler.
/// Not thread-safe: install it once at start-up. (On bare metal there is no run-time
/// handler: define nanoflux::on_error.)
inline error_handler set_error_handler(error_handler handler) noexcept {
  error_handler previous = detail::current_error_handler;
  detail::current_error_handler = handler ? handler : &detail::default_error_handler;
  return previous;
}
#else
// An error "use of deleted function set_error_handler" here means: on bare metal there
// is no run-time handler (it would cost RAM and a pointer load); define
// nanoflux::on_error instead.
template <class Handler>
void set_error_handler(Handler) = delete;  // error: on bare metal, define nanoflux::on_error
#endif

namespace detail {
// The messages (error_info::message), one per error_code.
inline constexpr char const nested_dispatch_message[] =
    "cannot dispatch while dispatching: a handler, middleware or subscriber dispatched an action on the dispatcher "
    "that is running it";
inline constexpr char const queue_full_message[] =
    "cannot defer a dispatch: the action_queue given to with_queue() is full";
inline constexpr char const capacity_message[] =
    "cannot subscribe: every slot of this store's fixed_subscribers<N> is in use (a subscriber unsubscribed during "
    "a notify keeps its slot until the notify returns)";
}  // namespace detail

/// Thrown, in builds with exceptions, where the error hook would be called: by
/// dispatch() when the dispatcher is already dispatching (a handler, a middleware or a
/// subscriber dispatched again). No store sees the nested action. what() names the
/// action: "nanoflux: cannot dispatch while dispatching ... (action shop::add_product,
/// "addProduct")".
class dispatch_error : public std::logic_error {
public:
  using std::logic_error::logic_error;
  explicit dispatch_error(error_info const& error) : std::logic_error(describe(error)), code_(error.code) {}

  /// The error code (nested_dispatch unless the error says otherwise).
  error_code code() const noexcept { return code_; }

private:
  static std::string describe(error_info const& e) {
    std::string s = "nanoflux: ";
    if (e.message) {
      s += e.message;
    } else {
      s += "error ";
      s += std::to_string(static_cast<int>(e.code));
    }
    if (e.action) {
      s += " (action ";
      s += e.action;
      if (e.action_name) {
        s += ", \"";
        s += e.action_name;
        s += '"';
      }
      s += ')';
    }
    return s;
  }
  error_code code_ = error_code::nested_dispatch;
};

/// Thrown by subscribe() on a store with fixed_subscribers<N> whose N slots are in use.
/// Nothing is subscribed.
class capacity_error : public std::length_error {
public:
  using std::length_error::length_error;
};

}  // namespace nanoflux

#include <nanoflux/detail/error_report.hpp>

#endif
