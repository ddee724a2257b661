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

// --- names of member, local and unnamed classes ------------------------------------------
template <class T>
struct outer {
  struct inner_thing {};
};
template <class T>
auto local_action() {
  struct local_act {};
  return local_act{};
}
namespace {
struct anon_ns_action {};
}  // namespace

BOOST_AUTO_TEST_CASE(names_of_member_and_local_classes) {
  // The last component of the name, outside of template arguments and function
  // signatures, whatever the compiler's spelling.
  static_assert(nanoflux::action_name_v<outer<int>::inner_thing> == "innerThing");
  static_assert(nanoflux::action_name_v<outer<shop::add_product>::inner_thing> == "innerThing");
  static_assert(nanoflux::action_name_v<decltype(local_action<shop::tagged<int>>())> == "localAct");
  static_assert(nanoflux::action_name_v<anon_ns_action> == "anonNsAction");
  static_assert(nanoflux::action_name_v<shop::tagged<outer<int>::inner_thing>> == "tagged");
  using nanoflux::detail::base_name;
  static_assert(base_name("ns::tagged<std::pair<int, int> >") == "tagged");
  static_assert(base_name("f<int>(std::vector<int>)::local") == "local");
  static_assert(base_name("(anonymous namespace)::x") == "x");
  static_assert(base_name("{anonymous}::x") == "x");
  static_assert(base_name("main()::<lambda()>").empty());                               // g++'s lambda
  static_assert(!nanoflux::detail::is_identifier(base_name("(lambda at f.cpp:3:9)")));  // clang's
  BOOST_TEST(nanoflux::action_name_v<decltype(local_action<int>())> == "localAct");
}

// --- dispatch_by_name over many actions ---------------------------------------------------
// 100 actions named "act0".."act99" (static member action_name): more than 32, so the
// table has buckets, and many of the names agree on length, first, middle and last
// character, so the key is the hash of all characters.
constexpr auto numbered_names = [] {
  std::array<std::array<char, 6>, 100> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::size_t n = 0;
    for (char c : {'a', 'c', 't'}) out[i][n++] = c;
    if (i >= 10) out[i][n++] = static_cast<char>('0' + i / 10);
    out[i][n++] = static_cast<char>('0' + i % 10);
  }
  return out;
}();
template <std::size_t I>
struct numbered {
  static constexpr std::string_view action_name{numbered_names[I].data(), I >= 10 ? 5u : 4u};
  int value = 0;
};
struct numbered_store {
  std::vector<std::size_t> seen;  // (index, value) pairs, flattened
  template <std::size_t I>
  void on(numbered<I> const& a) {
    seen.push_back(I);
    seen.push_back(static_cast<std::size_t>(a.value));
  }
};
template <std::size_t... I>
auto numbered_set(std::index_sequence<I...>) -> nanoflux::actions<numbered<I>...>;
using hundred_actions = decltype(numbered_set(std::make_index_sequence<100>{}));

BOOST_AUTO_TEST_CASE(dispatch_by_name_over_a_hundred_actions) {
  using set = nanoflux::detail::action_set_names<hundred_actions>;
  static_assert(!set::table.small && !set::table.sampled);
  numbered_store s;
  auto d = nanoflux::make_dispatcher<hundred_actions>(s);
  constexpr auto names = decltype(d)::action_names();
  static_assert(names.size() == 100 && names[42] == "act42");
  std::vector<std::size_t> expected;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string const name(names[(i * 37) % 100]);  // a scrambled order
    int const value = static_cast<int>(i);
    BOOST_TEST(static_cast<bool>(d.dispatch_by_name(name, value)), name);
    expected.push_back((i * 37) % 100);
    expected.push_back(i);
  }
  BOOST_TEST(s.seen == expected, boost::test_tools::per_element());
  // Near misses of every name: none dispatches anything.
  int refused = 0;
  for (std::string_view n : names) {
    std::string const name(n);
    for (std::string const& wrong : {name + "0", name.substr(0, name.size() - 1), "x" + name.substr(1),
                                     name.substr(0, name.size() - 1) + "x", std::string(name.size(), 'a')}) {
      nanoflux::dispatch_result const r = d.dispatch_by_name(wrong, 1);
      refused += !r && r.error() == nanoflux::errc::unknown_action;
    }
  }
  // "act1" + "0" is "act10", and "act10" minus its last character is "act1", and so on:
  // the near misses that are names of the set were dispatched.
  std::size_t const dispatched = (s.seen.size() - expected.size()) / 2;
  BOOST_TEST(refused + dispatched == 500u);
  BOOST_TEST(dispatched == 9u + 90u);  // act1..act9 + "0"; act10..act99 minus the last
  BOOST_TEST(!d.dispatch_by_name("act100", 1));
  BOOST_TEST(!d.dispatch_by_name("", 1));
}

BOOST_AUTO_TEST_CASE(dispatch_by_name_passes_lvalues_and_moves_rvalues) {
  product_store s;
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  std::string name = "plum";
  int cents = 30;
  BOOST_TEST(static_cast<bool>(d.dispatch_by_name("addProduct", name, cents)));  // copies
  BOOST_TEST(name == "plum");
  std::string moved(100, 'm');  // beyond the small-string buffer
  BOOST_TEST(static_cast<bool>(d.dispatch_by_name("addProduct", std::move(moved), 1)));
  BOOST_TEST(s.names == (std::vector<std::string>{"plum", std::string(100, 'm')}));
  BOOST_TEST(s.adds == 2);
}

// --- the action's name in errors (error.hpp): the same as action_name_v ----------------
namespace error_names {
template <class T, int N>
struct restock_items {};
struct Checkout {
  static constexpr std::string_view action_name = "checkoutNow";
};
namespace {
struct in_unnamed_namespace {};
}  // namespace

// Dispatches A from inside the dispatch of A; returns dispatch_error::what().
template <class A>
std::string nested_error_for() {
  struct echo {
    nanoflux::dispatcher<echo>* d = nullptr;
    int seen = 0;
    void on(A const& a) {
      if (++seen == 1) d->dispatch(a);
    }
  } e;
  nanoflux::dispatcher<echo> d{e};
  e.d = &d;
  try {
    d.dispatch(A{});
  } catch (nanoflux::dispatch_error const& error) {
    return error.what();
  }
  return "no error";
}
}  // namespace error_names

BOOST_AUTO_TEST_CASE(dispatch_error_names_the_action_as_the_name_layer_does) {
  using namespace error_names;
  struct local_action {};
  auto expect = [](std::string const& what, std::string_view name) {
    BOOST_TEST(what.find("cannot dispatch while dispatching") != std::string::npos, what);
    BOOST_TEST(what.find(", \"" + std::string(name) + "\")") != std::string::npos, what << " lacks " << name);
  };
  expect(nested_error_for<restock_items<long, 3>>(), nanoflux::action_name_v<restock_items<long, 3>>);
  expect(nested_error_for<Checkout>(), nanoflux::action_name_v<Checkout>);
  expect(nested_error_for<in_unnamed_namespace>(), nanoflux::action_name_v<in_unnamed_namespace>);
  expect(nested_error_for<local_action>(), nanoflux::action_name_v<local_action>);
  expect(nested_error_for<shop::add_product>(), nanoflux::action_name_v<shop::add_product>);
  // And the type as the compiler spells it.
  std::string const what = nested_error_for<restock_items<long, 3>>();
  BOOST_TEST(what.find("(action error_names::restock_items<long") != std::string::npos, what);
}
