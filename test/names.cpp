// The name layer: names derived at compile time, dispatch by name at compile time and
// at run time, action_names(), stores by name.
#define BOOST_TEST_MODULE names
#include <boost/test/unit_test.hpp>

#include <nanoflux/names.hpp>
#include <nanoflux/store.hpp>

#include <string>
#include <vector>

namespace shop {
struct add_product {
  std::string name;
  int cents = 0;
};
struct RemoveProduct {
  std::string name;
};
struct loadProducts {};
template <class T>
struct tagged {
  T value;
};
namespace detail {
struct clear_all {};
}  // namespace detail
}  // namespace shop

struct HTTPRequest {};
struct a_b_c {};
struct with_override {
  static constexpr char const* action_name = "customName";
};
struct product_store : nanoflux::store<product_store> {
  std::vector<std::string> names;
  int adds = 0, removes = 0, loads = 0;
  void on(shop::add_product const& a) {
    ++adds;
    names.push_back(a.name);
    notify();
  }
  void on(shop::RemoveProduct const& a) {
    ++removes;
    std::erase(names, a.name);
    notify();
  }
  void on(shop::loadProducts) {
    ++loads;
    notify();
  }
};
struct CartStore {
  int items = 0;
  void on(shop::add_product const&) { ++items; }
};
struct renamed_store {
  static constexpr std::string_view store_name = "inventory";
  void on(shop::loadProducts) {}
};

using shop_actions = nanoflux::actions<shop::add_product, shop::RemoveProduct, shop::loadProducts>;

BOOST_AUTO_TEST_CASE(action_names_follow_the_javascript_convention) {
  static_assert(nanoflux::action_name_v<shop::add_product> == "addProduct");
  static_assert(nanoflux::action_name_v<shop::RemoveProduct> == "removeProduct");
  static_assert(nanoflux::action_name_v<shop::loadProducts> == "loadProducts");
  static_assert(nanoflux::action_name_v<shop::detail::clear_all> == "clearAll");  // namespaces dropped
  static_assert(nanoflux::action_name_v<shop::tagged<int>> == "tagged");          // template arguments dropped
  static_assert(nanoflux::action_name_v<HTTPRequest> == "httpRequest");
  static_assert(nanoflux::action_name_v<a_b_c> == "aBC");
  static_assert(nanoflux::action_name_v<with_override> == "customName");
  BOOST_TEST(nanoflux::action_name_v<shop::add_product> == "addProduct");
}

BOOST_AUTO_TEST_CASE(handler_and_store_names) {
  static_assert(nanoflux::handler_name_v<shop::add_product> == "onAddProduct");
  static_assert(nanoflux::handler_name_v<shop::loadProducts> == "onLoadProducts");
  static_assert(nanoflux::handler_name_v<with_override> == "onCustomName");
  static_assert(nanoflux::store_name_v<product_store> == "productStore");
  static_assert(nanoflux::store_name_v<CartStore> == "cartStore");
  static_assert(nanoflux::store_name_v<renamed_store> == "inventory");
  BOOST_TEST(nanoflux::handler_name_v<shop::add_product> == "onAddProduct");
}

BOOST_AUTO_TEST_CASE(action_names_in_declaration_order) {
  product_store s;
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  constexpr auto names = decltype(d)::action_names();
  static_assert(names.size() == 3);
  BOOST_TEST(names[0] == "addProduct");
  BOOST_TEST(names[1] == "removeProduct");
  BOOST_TEST(names[2] == "loadProducts");
}

BOOST_AUTO_TEST_CASE(dispatch_by_name_at_compile_time) {
  product_store s;
  CartStore cart;
  auto d = nanoflux::make_dispatcher<shop_actions>(s, cart);
  d.dispatch<"addProduct">("apple", 50);
  d.dispatch<"loadProducts">();
  d.dispatch<"removeProduct">(std::string("apple"));
  BOOST_TEST(s.adds == 1);
  BOOST_TEST(cart.items == 1);
  BOOST_TEST(s.loads == 1);
  BOOST_TEST(s.removes == 1);
  BOOST_TEST(s.names.empty());
}

BOOST_AUTO_TEST_CASE(dispatch_by_name_at_run_time) {
  product_store s;
  int notified = 0;
  auto sub = s.subscribe([&] { ++notified; });
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  nanoflux::dispatch_result r = d.dispatch_by_name("addProduct", std::string("pear"), 80);
  BOOST_TEST(static_cast<bool>(r));
  BOOST_TEST(r.message() == "dispatched");
  std::string const name = "loadProducts";  // any string at run time
  BOOST_TEST(static_cast<bool>(d.dispatch_by_name(name)));
  BOOST_TEST(s.adds == 1);
  BOOST_TEST(s.loads == 1);
  BOOST_TEST(notified == 2);
}

BOOST_AUTO_TEST_CASE(bad_names_and_payloads_touch_nothing) {
  product_store s;
  int notified = 0;
  auto sub = s.subscribe([&] { ++notified; });
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  struct case_ {
    nanoflux::dispatch_result result;
    nanoflux::errc expected;
  };
  std::vector<case_> const cases{
      {d.dispatch_by_name("unknown"), nanoflux::errc::unknown_action},
      {d.dispatch_by_name(""), nanoflux::errc::unknown_action},
      {d.dispatch_by_name("AddProduct"), nanoflux::errc::unknown_action},  // names are case-sensitive
      {d.dispatch_by_name("addProduct "), nanoflux::errc::unknown_action},
      {d.dispatch_by_name(std::string_view("addProduct\\0x", 12)), nanoflux::errc::unknown_action},
      {d.dispatch_by_name("onAddProduct"), nanoflux::errc::unknown_action},
      {d.dispatch_by_name("addProduct", 42), nanoflux::errc::bad_payload},              // int is not a string
      {d.dispatch_by_name("addProduct", "apple", 1.5), nanoflux::errc::bad_payload},    // narrowing refused
      {d.dispatch_by_name("addProduct", "a", 1, 2), nanoflux::errc::bad_payload},       // too many
      {d.dispatch_by_name("loadProducts", 1), nanoflux::errc::bad_payload},
      {d.dispatch_by_name("removeProduct", std::vector<int>{}), nanoflux::errc::bad_payload},
  };
  for (auto const& c : cases) {
    BOOST_TEST(!c.result);
    BOOST_TEST(static_cast<int>(c.result.error()) == static_cast<int>(c.expected));
  }
  BOOST_TEST(s.adds + s.removes + s.loads == 0);
  BOOST_TEST(notified == 0);
  BOOST_TEST(nanoflux::to_string(nanoflux::errc::bad_payload) == "bad payload");
}

BOOST_AUTO_TEST_CASE(stores_by_name) {
  product_store s;
  CartStore cart;
  renamed_store inv;
  auto d = nanoflux::make_dispatcher<shop_actions>(s, cart, inv);
  BOOST_TEST(&d.get<"productStore">() == &s);
  BOOST_TEST(&d.get<"cartStore">() == &cart);
  BOOST_TEST(&d.get<"inventory">() == &inv);
  static_assert(std::is_same_v<decltype(d.get<"cartStore">()), CartStore&>);
}

BOOST_AUTO_TEST_CASE(many_actions_get_a_perfect_table) {
  // Names sharing prefixes, lengths and sampled characters: each is still found.
  using namespace nanoflux::detail;
  constexpr std::array<std::string_view, 12> names{"add",      "adds",      "addA",     "addB",
                                                   "addAB",    "addBA",     "removeA",  "removeB",
                                                   "setValue", "setVaLue",  "x",        "y"};
  constexpr auto table = make_name_table<names.size()>(names);
  static_assert(table.duplicate_first == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) BOOST_TEST(table.find(names[i]) == i);
  BOOST_TEST(table.find("addC") == names.size());
  BOOST_TEST(table.find("") == names.size());
  BOOST_TEST(table.find("setvalue") == names.size());
}
