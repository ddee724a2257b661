// The error hook without exceptions, across translation units: this file dispatches
// and never mentions the hook; error_hook_def.cpp defines nanoflux::on_error. Built
// twice, with the two files in both link orders (test_error_hook, test_error_hook_reversed):
// the user's hook must be the one called, with the code and the action's names.
#include <nanoflux/nanoflux.hpp>

#include <cstdio>
#include <cstring>
#include <string_view>

#include "plain_check.hpp"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this test must be built with -fno-exceptions"
#endif

// Written by the hook in error_hook_def.cpp.
extern int hook_calls;
extern nanoflux::error_code hook_code;
extern char hook_message[256], hook_action[128], hook_action_name[64];

namespace shop {
struct add_product {
  int id;
};
template <class T, int N>
struct restock {};
struct Checkout {
  static constexpr std::string_view action_name = "checkoutNow";
};
}  // namespace shop

struct shop_store : nanoflux::store<shop_store> {
  int added = 0, restocked = 0, checkouts = 0;
  void on(shop::add_product const&) {
    ++added;
    notify();
  }
  void on(shop::restock<long, 3> const&) { ++restocked; }
  void on(shop::Checkout const&) { ++checkouts; }
};

// Dispatches `nested` from a subscriber while `outer` is being dispatched.
template <class Nested>
void nest(Nested nested) {
  shop_store s;
  nanoflux::dispatcher d{s};
  auto sub = s.subscribe([&] { d(nested); });
  d(shop::add_product{1});
  CHECK(!d.dispatching());
  CHECK(s.added == 1);
  CHECK(s.restocked == 0 && s.checkouts == 0);  // no store saw the nested action
}

int main() {
  // Installed but ignored: a defined nanoflux::on_error takes precedence.
  nanoflux::set_error_handler([](char const*) noexcept { std::puts("set_error_handler's handler ran"); });

  nest(shop::restock<long, 3>{});
  CHECK(hook_calls == 1);
  CHECK(hook_code == nanoflux::error_code::nested_dispatch);
  CHECK(std::strstr(hook_message, "cannot dispatch while dispatching") != nullptr);
  CHECK(std::string_view(hook_action) == "shop::restock<long int, 3>" ||
        std::string_view(hook_action) == "shop::restock<long, 3>");
  CHECK(std::string_view(hook_action_name) == "restock");  // action_name_v: see test/names.cpp

  nest(shop::Checkout{});  // a name given by a static member
  CHECK(hook_calls == 2);
  CHECK(std::string_view(hook_action) == "shop::Checkout");
  CHECK(std::string_view(hook_action_name) == "checkoutNow");

  nest(shop::add_product{2});
  CHECK(hook_calls == 3);
  CHECK(std::string_view(hook_action) == "shop::add_product");
  CHECK(std::string_view(hook_action_name) == "addProduct");

  std::printf("hook: %s (action %s, \"%s\")\n", hook_message, hook_action, hook_action_name);
  return plain_check::result("error_hook");
}
