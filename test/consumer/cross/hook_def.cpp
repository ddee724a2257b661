// The program's error hook: defined here once, for every file and every link order.
#include <nanoflux/error.hpp>

#include "semihosting.hpp"

void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  semihosting::write("on_error: ");
  semihosting::write(e.code == nanoflux::error_code::nested_dispatch ? "nested dispatch" : "WRONG CODE");
  semihosting::write(", ");
  semihosting::write(e.message ? e.message : "no message");
  if (e.action) {
    semihosting::write(" (action ");
    semihosting::write(e.action);
    semihosting::write(", \"");
    semihosting::write(e.action_name ? e.action_name : "?");
    semihosting::write("\")");
  } else {
    semihosting::write(", no action");
  }
  semihosting::write("\n");
}
