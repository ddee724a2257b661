// The name layer built with -fno-exceptions -fno-rtti (it needs neither): names,
// dispatch<"name">, dispatch_by_name with its errors, action_names, get<"storeName">,
// and a nested dispatch reported to the error hook (nanoflux::on_error) with the
// action's name. A plain main (Boost.Test needs exceptions): CHECK prints the failed
// condition and the test exits with 1.
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/names.hpp>

#include <cstdio>
#include <cstring>
#include <string_view>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(__cpp_rtti) || defined(__GXX_RTTI)
#error "this test must be built with -fno-exceptions -fno-rtti"
#endif

static int failures = 0;
#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                          \
    }                                                                      \
  } while (0)

namespace shop {
struct add_product {
  std::string_view name;
  int cents = 0;
};
struct remove_product {
  std::string_view name;
};
struct clear_cart {};
}  // namespace shop

namespace {

struct product_store : nanoflux::store<product_store> {
  int total = 0;
  int products = 0;
  void on(shop::add_product const& a) {
    total += a.cents;
    ++products;
    notify();
  }
  void on(shop::remove_product const&) { --products; }
  void on(shop::clear_cart) { total = 0; }
};

int hook_calls = 0;
nanoflux::error_code hook_code{};
char const* hook_action_name = nullptr;

}  // namespace

// The hook: records and returns (the nested action is dropped).
void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  ++hook_calls;
  hook_code = e.code;
  hook_action_name = e.action_name;
}

int main() {
  static_assert(nanoflux::action_name_v<shop::add_product> == "addProduct");
  static_assert(nanoflux::handler_name_v<shop::add_product> == "onAddProduct");
  static_assert(nanoflux::store_name_v<product_store> == "productStore");

  product_store p;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<shop::add_product, shop::remove_product, shop::clear_cart>>(p);
  CHECK(d.action_names().size() == 3 && d.action_names()[0] == "addProduct" && d.action_names()[2] == "clearCart");
  CHECK(&d.get<"productStore">() == &p);

  d.dispatch<"addProduct">(std::string_view("pear"), 120);
  CHECK(p.total == 120);

  nanoflux::dispatch_result r = d.dispatch_by_name("addProduct", std::string_view("apple"), 30);
  CHECK(r && p.total == 150 && p.products == 2);
  r = d.dispatch_by_name("sellProduct");
  CHECK(!r && r.error() == nanoflux::errc::unknown_action);
  r = d.dispatch_by_name("addProduct", std::string_view("plum"));  // one argument short
  CHECK(!r && r.error() == nanoflux::errc::bad_payload && !r.detail().empty());
  CHECK(p.products == 2);  // nothing dispatched
  r = d.dispatch_by_name("removeProduct", std::string_view("plum"));
  CHECK(r && p.products == 1);
  r = d.dispatch_by_name("clearCart");
  CHECK(r && p.total == 0);

  // A nested dispatch by name goes to the hook, which is told the action's name.
  nanoflux::subscription nested = p.subscribe([&] { (void)d.dispatch_by_name("clearCart"); });
  r = d.dispatch_by_name("addProduct", std::string_view("fig"), 7);
  CHECK(r && p.total == 7);  // the nested clearCart reached no store
  CHECK(hook_calls == 1);
  CHECK(hook_code == nanoflux::error_code::nested_dispatch);
  CHECK(hook_action_name != nullptr && std::strcmp(hook_action_name, "clearCart") == 0);

  if (failures == 0) std::printf("names_no_exceptions: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
