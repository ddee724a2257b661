// The JSON layer: described actions to and from {"type":...,"payload":...}, the
// recorder middleware and replay, and a table of hostile inputs: each must be refused
// with the right error, nothing may throw, and no store may see anything.
#define BOOST_TEST_MODULE json
#include <boost/test/unit_test.hpp>

#include <nanoflux/json.hpp>
#include <nanoflux/store.hpp>
// No #include of Boost.Describe: <nanoflux/json.hpp> provides BOOST_DESCRIBE_STRUCT and
// BOOST_DESCRIBE_ENUM (with clang too, where Boost.JSON does not bring them).

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace shop {
enum class size { small, large };
BOOST_DESCRIBE_ENUM(size, small, large)

struct product {
  std::string name;
  int cents = 0;
};
BOOST_DESCRIBE_STRUCT(product, (), (name, cents))

struct add_product {
  product item;
  size pack = size::small;
  std::optional<int> quantity;
  std::vector<std::string> tags;
  bool gift = false;
  double weight = 0;
};
BOOST_DESCRIBE_STRUCT(add_product, (), (item, pack, quantity, tags, gift, weight))

struct remove_product {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(remove_product, (), (name))

struct clear_cart {};
BOOST_DESCRIBE_STRUCT(clear_cart, (), ())
}  // namespace shop

namespace {
struct cart_store : nanoflux::store<cart_store> {
  std::vector<shop::add_product> added;
  int removes = 0, clears = 0;
  void on(shop::add_product const& a) {
    added.push_back(a);
    notify();
  }
  void on(shop::remove_product const&) {
    ++removes;
    notify();
  }
  void on(shop::clear_cart) {
    ++clears;
    notify();
  }
  int seen() const { return static_cast<int>(added.size()) + removes + clears; }
};
using shop_actions = nanoflux::actions<shop::add_product, shop::remove_product, shop::clear_cart>;

std::string const valid_add =
    R"({"type":"addProduct","payload":{"item":{"name":"apple","cents":50},"pack":"large","quantity":3,"tags":["fruit","red"],"gift":true,"weight":0.25}})";
}  // namespace

BOOST_AUTO_TEST_CASE(to_json_writes_type_and_payload) {
  shop::add_product a{{"apple", 50}, shop::size::large, 3, {"fruit"}, false, 1.5};
  BOOST_TEST(nanoflux::to_json(a) ==
             R"({"type":"addProduct","payload":{"item":{"name":"apple","cents":50},"pack":"large","quantity":3,"tags":["fruit"],"gift":false,"weight":1.5E0}})");
  BOOST_TEST(nanoflux::to_json(shop::clear_cart{}) == R"({"type":"clearCart"})");
  shop::add_product empty_opt{{"x", 1}, shop::size::small, std::nullopt, {}, false, 0};
  BOOST_TEST(nanoflux::to_json(empty_opt).find(R"("quantity":null)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dispatch_json_builds_the_typed_action) {
  cart_store s;
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  BOOST_TEST(static_cast<bool>(d.dispatch_json(valid_add)));
  BOOST_TEST(static_cast<bool>(d.dispatch_json(R"({"type":"removeProduct","payload":{"name":"apple"}})")));
  BOOST_TEST(static_cast<bool>(d.dispatch_json(R"({"type":"clearCart"})")));
  BOOST_TEST(static_cast<bool>(d.dispatch_json(R"(  {"payload":{},"type":"clearCart"}  )")));
  BOOST_TEST(static_cast<bool>(
      d.dispatch_json(R"({"type":"addProduct","payload":{"item":{"name":"\u00e9t\u00e9 \ud83c\udf4e","cents":1},"pack":"small","quantity":null,"tags":[],"gift":false,"weight":2}})")));
  BOOST_TEST_REQUIRE(s.added.size() == 2u);
  auto const& a = s.added[0];
  BOOST_TEST(a.item.name == "apple");
  BOOST_TEST(a.item.cents == 50);
  BOOST_TEST((a.pack == shop::size::large));
  BOOST_TEST(a.quantity.value_or(-1) == 3);
  BOOST_TEST(a.tags == (std::vector<std::string>{"fruit", "red"}));
  BOOST_TEST(a.gift);
  BOOST_TEST(a.weight == 0.25);
  BOOST_TEST(s.added[1].item.name == "\xc3\xa9t\xc3\xa9 \xf0\x9f\x8d\x8e");  // UTF-8 decoded
  BOOST_TEST(!s.added[1].quantity.has_value());
  BOOST_TEST(s.removes == 1);
  BOOST_TEST(s.clears == 2);
}

BOOST_AUTO_TEST_CASE(round_trip) {
  cart_store s;
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  shop::add_product a{{"bread \"rye\"\n", 220}, shop::size::small, std::nullopt, {"a", ""}, true, -3.5};
  BOOST_TEST(static_cast<bool>(d.dispatch_json(nanoflux::to_json(a))));
  BOOST_TEST_REQUIRE(s.added.size() == 1u);
  BOOST_TEST(s.added[0].item.name == a.item.name);
  BOOST_TEST(nanoflux::to_json(s.added[0]) == nanoflux::to_json(a));
}

BOOST_AUTO_TEST_CASE(hostile_inputs_are_refused_and_touch_nothing) {
  using nanoflux::errc;
  struct case_ {
    std::string text;
    errc expected;
  };
  std::string const p = R"("payload":{"item":{"name":"a","cents":1},"pack":"small","quantity":null,"tags":[],"gift":false,"weight":0})";
  std::vector<case_> const cases{
      // not JSON, or not a JSON object
      {"", errc::malformed},
      {" ", errc::malformed},
      {"{", errc::malformed},
      {"}", errc::malformed},
      {"null", errc::malformed},
      {"42", errc::malformed},
      {R"("addProduct")", errc::malformed},
      {R"([{"type":"clearCart"}])", errc::malformed},
      {R"({"type":"clearCart"} {"type":"clearCart"})", errc::malformed},  // two documents
      {R"({"type":"clearCart",})", errc::malformed},                        // trailing comma
      {R"({'type':'clearCart'})", errc::malformed},                         // single quotes
      {R"({"type":"clearCart")", errc::malformed},                           // truncated
      {valid_add.substr(0, valid_add.size() / 2), errc::malformed},          // truncated in the payload
      {valid_add.substr(0, valid_add.size() - 1), errc::malformed},
      {std::string(R"({"type":"clear)") + '\0' + R"(Cart"})", errc::malformed},  // NUL in a string
      {"{\"type\":\"clear\xff" "Cart\"}", errc::malformed},                       // invalid UTF-8
      {"{\"type\":\"\xc3\"}", errc::malformed},                                   // truncated UTF-8
      {"{\"type\":\"\xed\xa0\x80\"}", errc::malformed},                           // UTF-16 surrogate in UTF-8
      {R"({"type":"\ud800"})", errc::malformed},                                  // lone surrogate escape
      {std::string(100000, '['), errc::malformed},                                // deep nesting
      {R"({"type":"clearCart","payload":)" + std::string(64, '[') + std::string(64, ']') + "}", errc::malformed},
      // the envelope
      {R"({})", errc::malformed},
      {R"({"payload":{}})", errc::malformed},
      {R"({"type":null})", errc::malformed},
      {R"({"type":42})", errc::malformed},
      {R"({"type":["clearCart"]})", errc::malformed},
      {R"({"type":"clearCart","meta":1})", errc::malformed},
      {R"({"type":"clearCart","type":"clearCart"})", errc::malformed},  // a duplicate key
      {R"({"type":"removeProduct","payload":{"name":"a","name":"b"}})", errc::malformed},
      // numbers beyond double's range parse as infinity: refused (found by fuzz_dispatch_json)
      {R"({"type":"addProduct","payload":{"item":{"name":"a","cents":1},"pack":"small","quantity":null,"tags":[],"gift":false,"weight":1e999}})", errc::malformed},
      {R"({"type":"addProduct","payload":{"item":{"name":"a","cents":1},"pack":"small","quantity":null,"tags":[],"gift":false,"weight":-28888888887e1111888}})", errc::malformed},
      // names
      {R"({"type":""})", errc::unknown_action},
      {R"({"type":"ClearCart"})", errc::unknown_action},
      {R"({"type":"clear_cart"})", errc::unknown_action},
      {R"({"type":"onClearCart"})", errc::unknown_action},
      {R"({"type":"clearCart "})", errc::unknown_action},
      {R"({"type":"clearCart\u0000"})", errc::unknown_action},
      // payloads of the wrong shape or types
      {R"({"type":"addProduct"})", errc::bad_payload},
      {R"({"type":"addProduct","payload":null})", errc::bad_payload},
      {R"({"type":"addProduct","payload":[]})", errc::bad_payload},
      {R"({"type":"addProduct","payload":{}})", errc::bad_payload},
      {R"({"type":"removeProduct","payload":{"name":1}})", errc::bad_payload},
      {R"({"type":"removeProduct","payload":{"name":null}})", errc::bad_payload},
      {R"({"type":"removeProduct","payload":{"name":"a","extra":1}})", errc::bad_payload},
      {R"({"type":"removeProduct","payload":{"nam":"a"}})", errc::bad_payload},
      {R"({"type":"removeProduct","payload":"a"})", errc::bad_payload},
      {R"({"type":"clearCart","payload":{"x":1}})", errc::bad_payload},
      {R"({"type":"clearCart","payload":42})", errc::bad_payload},
  };
  // Variations of the valid addProduct payload: each one field wrong.
  auto add_with = [](std::string const& field) {
    std::string item = R"("item":{"name":"a","cents":1})", pack = R"("pack":"small")", qty = R"("quantity":null)",
                tags = R"("tags":[])", gift = R"("gift":false)", weight = R"("weight":0)";
    for (std::string* f : {&item, &pack, &qty, &tags, &gift, &weight})
      if (f->substr(0, f->find(':')) == field.substr(0, field.find(':'))) *f = field;
    return R"({"type":"addProduct","payload":{)" + item + "," + pack + "," + qty + "," + tags + "," + gift + "," +
           weight + "}}";
  };
  std::vector<std::string> const bad_fields{
      R"("item":{"name":"a","cents":"1"})",           // string for int
      R"("item":{"name":"a","cents":1.5})",           // fraction for int
      R"("item":{"name":"a","cents":2147483648})",    // out of int range
      R"("item":{"name":"a","cents":-2147483649})",
      R"("item":{"name":"a","cents":1e300})",
      R"("item":{"name":"a","cents":18446744073709551616})",
      R"("item":{"name":"a","cents":true})",
      R"("item":{"name":"a"})",                       // a missing member
      R"("item":["a",1])",
      R"("item":null)",
      R"("pack":"medium")",                           // not an enumerator
      R"("pack":"Small")",
      R"("pack":0)",
      R"("quantity":"3")",
      R"("quantity":3.5)",
      R"("quantity":[])",
      R"("tags":"fruit")",
      R"("tags":[1])",
      R"("tags":[null])",
      R"("tags":{"0":"a"})",
      R"("gift":1)",
      R"("gift":"true")",
      R"("gift":null)",
      R"("weight":"0")",
      R"("weight":null)",
      R"("weight":[0])",
  };
  cart_store s;
  int notified = 0;
  auto sub = s.subscribe([&] { ++notified; });
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  auto check = [&](std::string const& text, errc expected) {
    nanoflux::dispatch_result r;
    BOOST_CHECK_NO_THROW(r = d.dispatch_json(text));
    BOOST_TEST(!r, "accepted: " << text);
    BOOST_TEST(static_cast<int>(r.error()) == static_cast<int>(expected), "wrong error for: " << text);
  };
  for (auto const& c : cases) check(c.text, c.expected);
  for (auto const& f : bad_fields) check(add_with(f), errc::bad_payload);
  BOOST_TEST(s.seen() == 0);
  BOOST_TEST(notified == 0);
  // ... while the unmodified envelope is accepted (the variations are really one-off).
  BOOST_TEST(static_cast<bool>(d.dispatch_json(add_with(R"("gift":true)"))));
  BOOST_TEST(static_cast<bool>(d.dispatch_json(R"({"type":"addProduct",)" + p + "}")));
  BOOST_TEST(s.seen() == 2);
}

BOOST_AUTO_TEST_CASE(bad_payload_says_which_member_and_why) {
  cart_store s;
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  auto detail = [&](std::string const& text) { return std::string(d.dispatch_json(text).detail()); };
  BOOST_TEST(detail(R"({"type":"removeProduct","payload":{}})") == "removeProduct: member 'name' is missing");
  BOOST_TEST(detail(R"({"type":"removeProduct"})") == "removeProduct: member 'name' is missing");
  BOOST_TEST(detail(R"({"type":"removeProduct","payload":{"name":1}})") ==
             "removeProduct: member 'name' has the wrong type, or a value out of its range");
  BOOST_TEST(detail(R"({"type":"removeProduct","payload":{"name":"a","extra":1}})") ==
             "removeProduct: the payload has a member the action does not have");
  BOOST_TEST(detail(R"({"type":"removeProduct","payload":"a"})") == "removeProduct: the payload must be an object");
  BOOST_TEST(detail(R"({"type":"clearCart","payload":42})") == "clearCart: the payload must be an object");
  // The first member in declaration order that fails: item is fine, pack is not.
  std::string const bad_pack =
      R"({"type":"addProduct","payload":{"item":{"name":"a","cents":1},"pack":"medium","quantity":null,"tags":[],"gift":false,"weight":0}})";
  BOOST_TEST(detail(bad_pack) == "addProduct: member 'pack' has the wrong type, or a value out of its range");
  BOOST_TEST(d.dispatch_json(bad_pack).message() ==
             "bad payload: addProduct: member 'pack' has the wrong type, or a value out of its range");
  BOOST_TEST(d.dispatch_json("{").message() == "malformed");
  BOOST_TEST(d.dispatch_json(R"({"type":"x"})").message() == "unknown action");
  BOOST_TEST(s.seen() == 0);
}

// Every action dispatch_by_name accepts is recorded, string_view arguments included, and
// replays to the same state.
BOOST_AUTO_TEST_CASE(recorder_records_actions_dispatched_by_name) {
  std::ostringstream session;
  cart_store original;
  auto d = nanoflux::make_dispatcher<shop_actions>(original).with_middleware(nanoflux::recorder(session));
  std::string const line = "removeProduct pear";
  BOOST_TEST(static_cast<bool>(d.dispatch_by_name("removeProduct", std::string_view(line).substr(14))));
  BOOST_TEST(static_cast<bool>(d.dispatch_by_name("clearCart")));
  BOOST_TEST(session.str() == "{\"type\":\"removeProduct\",\"payload\":{\"name\":\"pear\"}}\n{\"type\":\"clearCart\"}\n");
}

BOOST_AUTO_TEST_CASE(recorder_and_replay_reproduce_the_state) {
  std::ostringstream session;
  cart_store original;
  {
    auto d = nanoflux::make_dispatcher<shop_actions>(original).with_middleware(nanoflux::recorder(session));
    d(shop::add_product{{"apple", 50}, shop::size::large, 2, {"fruit"}, false, 0.5});
    d(shop::remove_product{"pear"});
    d.dispatch<"addProduct">(shop::product{"bread", 220}, shop::size::small, std::nullopt, std::vector<std::string>{},
                             false, 0.0);
    BOOST_TEST(static_cast<bool>(d.dispatch_by_name("clearCart")));
    d(shop::add_product{{"cheese", 475}, shop::size::small, std::nullopt, {}, true, 1});
  }
  std::string const text = session.str();
  BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 5);

  cart_store replayed;
  auto d2 = nanoflux::make_dispatcher<shop_actions>(replayed);
  std::istringstream in(text);
  BOOST_TEST(nanoflux::replay(d2, in) == 5u);
  BOOST_TEST_REQUIRE(replayed.added.size() == original.added.size());
  for (std::size_t i = 0; i < original.added.size(); ++i)
    BOOST_TEST(nanoflux::to_json(replayed.added[i]) == nanoflux::to_json(original.added[i]));
  BOOST_TEST(replayed.removes == original.removes);
  BOOST_TEST(replayed.clears == original.clears);
}

BOOST_AUTO_TEST_CASE(replay_stops_at_the_first_bad_line) {
  cart_store s;
  auto d = nanoflux::make_dispatcher<shop_actions>(s);
  std::istringstream in(std::string(R"({"type":"clearCart"})") + "\n" + R"({"type":"removeProduct","payload":{"name":"a"}})" +
                        "\n" + R"({"type":"removeProduct","payload":{"name":2}})" + "\n" + R"({"type":"clearCart"})" +
                        "\n");
  BOOST_TEST(nanoflux::replay(d, in) == 2u);
  BOOST_TEST(s.clears == 1);  // the line after the bad one was not dispatched
  BOOST_TEST(s.removes == 1);
  std::istringstream empty("");
  BOOST_TEST(nanoflux::replay(d, empty) == 0u);
}

namespace gauge {
struct set_levels {
  float level = 0;
  std::optional<float> peak;
  std::vector<float> history;
};
BOOST_DESCRIBE_STRUCT(set_levels, (), (level, peak, history))
struct sized {
  std::uint8_t small = 0;
  unsigned medium = 0;
  std::int64_t large = 0;
};
BOOST_DESCRIBE_STRUCT(sized, (), (small, medium, large))
struct gauge_store {
  std::vector<set_levels> levels;
  std::vector<sized> sizes;
  void on(set_levels const& a) { levels.push_back(a); }
  void on(sized const& a) { sizes.push_back(a); }
};
}  // namespace gauge

BOOST_AUTO_TEST_CASE(numbers_out_of_their_members_range_are_refused) {
  gauge::gauge_store s;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<gauge::set_levels, gauge::sized>>(s);
  auto levels = [](std::string const& level, std::string const& peak, std::string const& history) {
    return R"({"type":"setLevels","payload":{"level":)" + level + R"(,"peak":)" + peak + R"(,"history":[)" + history +
           "]}}";
  };
  auto sized = [](std::string const& small, std::string const& medium, std::string const& large) {
    return R"({"type":"sized","payload":{"small":)" + small + R"(,"medium":)" + medium + R"(,"large":)" + large + "}}";
  };
  std::vector<std::string> const refused{
      levels("1e39", "null", ""),             // beyond float: would be infinity
      levels("-3.5e38", "null", ""),
      levels("1e300", "null", ""),
      levels("0", "1e39", ""),                // in an optional
      levels("0", "null", "1,2,1e39"),        // in a vector
      levels("0", "null", "1e999"),           // beyond double
      sized("256", "0", "0"),                 // beyond uint8_t
      sized("-1", "0", "0"),
      sized("0", "-1", "0"),                  // negative for unsigned
      sized("0", "4294967296", "0"),          // beyond 32 bits
      sized("0", "0", "9223372036854775808"), // beyond int64
      sized("0", "0", "1e19"),
      sized("0", "0.5", "0"),                 // not integral
  };
  for (auto const& text : refused) {
    nanoflux::dispatch_result r;
    BOOST_CHECK_NO_THROW(r = d.dispatch_json(text));
    BOOST_TEST(!r, "accepted: " << text);
  }
  BOOST_TEST(s.levels.size() + s.sizes.size() == 0u);
  // The limits themselves are accepted; integral values written as doubles too (JSON
  // has one number type: 1e2 is 100), and floats are rounded to the nearest float.
  BOOST_TEST(static_cast<bool>(d.dispatch_json(levels("3.4e38", "-3.4e38", "0.1,1e-50"))));
  BOOST_TEST(static_cast<bool>(d.dispatch_json(sized("255", "4294967295", "-9223372036854775808"))));
  BOOST_TEST(static_cast<bool>(d.dispatch_json(sized("1e2", "2.0", "9223372036854775807"))));
  BOOST_TEST_REQUIRE(s.levels.size() == 1u);
  BOOST_TEST(s.levels[0].level == 3.4e38f);
  BOOST_TEST(s.levels[0].peak.value_or(0) == -3.4e38f);
  BOOST_TEST(s.levels[0].history == (std::vector<float>{0.1f, 0.0f}));
  BOOST_TEST_REQUIRE(s.sizes.size() == 2u);
  BOOST_TEST(s.sizes[0].small == 255);
  BOOST_TEST(s.sizes[0].medium == 4294967295u);
  BOOST_TEST(s.sizes[0].large == INT64_MIN);
  BOOST_TEST(s.sizes[1].small == 100);
  BOOST_TEST(s.sizes[1].medium == 2u);
  BOOST_TEST(s.sizes[1].large == INT64_MAX);
}

namespace gauge {
struct readings {
  std::vector<double> values;
};
BOOST_DESCRIBE_STRUCT(readings, (), (values))
struct readings_store {
  std::vector<readings> got;
  void on(readings const& r) { got.push_back(r); }
};
}  // namespace gauge

BOOST_AUTO_TEST_CASE(doubles_read_back_exactly) {
  // What to_json writes reads back as the same double, bit for bit (a recorded session
  // replays to the same state): Boost.JSON 1.81's own conversion misses for about one
  // double in ten; the JSON layer converts them itself.
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> prices(0, 1000);
  gauge::readings sent;
  while (sent.values.size() < 4000) {
    double const random_bits = std::bit_cast<double>(rng());
    if (std::isfinite(random_bits)) sent.values.push_back(random_bits);
    sent.values.push_back(prices(rng));
  }
  sent.values.push_back(-0.0);
  sent.values.push_back(5e-324);  // the smallest subnormal
  sent.values.push_back(1.7976931348623157e308);
  gauge::readings_store s;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<gauge::readings>>(s);
  BOOST_TEST_REQUIRE(static_cast<bool>(d.dispatch_json(nanoflux::to_json(sent))));
  BOOST_TEST_REQUIRE(s.got.size() == 1u);
  BOOST_TEST_REQUIRE(s.got[0].values.size() == sent.values.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < sent.values.size(); ++i)
    differ += std::bit_cast<std::uint64_t>(s.got[0].values[i]) != std::bit_cast<std::uint64_t>(sent.values[i]);
  BOOST_TEST(differ == 0u);
  // Long mantissas are rounded correctly, as strtod does.
  std::string const long_mantissa = "28888822222222222222222222222222222222222222222222222222222222222222222222222222222";
  BOOST_TEST_REQUIRE(static_cast<bool>(
      d.dispatch_json(R"({"type":"readings","payload":{"values":[)" + long_mantissa + ",0.1,1e-400,-2.5E-3]}}")));
  BOOST_TEST_REQUIRE(s.got.size() == 2u);
  BOOST_TEST(s.got[1].values == (std::vector<double>{std::strtod(long_mantissa.c_str(), nullptr), 0.1, 0.0, -2.5e-3}),
             boost::test_tools::per_element());
}
