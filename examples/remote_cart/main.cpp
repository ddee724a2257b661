// A cart driven by JSON actions, one per line, from a file (or stdin): the name layer
// finds the action by its "type", the JSON layer builds it from its "payload", and bad
// lines are refused without touching the store. The session is recorded (one JSON line
// per dispatched action) and replayed into a fresh store, which ends in the same state.
//   remote_cart [actions.jsonl]
#include <nanoflux/json.hpp>
#include <nanoflux/store.hpp>

#include <boost/describe.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

// --- actions: described, so that they travel as JSON ----------------------------------
struct add_item {
  std::string sku;
  int quantity = 1;
};
BOOST_DESCRIBE_STRUCT(add_item, (), (sku, quantity))
struct remove_item {
  std::string sku;
};
BOOST_DESCRIBE_STRUCT(remove_item, (), (sku))
struct clear_cart {};
BOOST_DESCRIBE_STRUCT(clear_cart, (), ())

using cart_actions = nanoflux::actions<add_item, remove_item, clear_cart>;

class cart_store : public nanoflux::store<cart_store> {
public:
  void on(add_item const& a) {
    lines_[a.sku] += a.quantity;
    notify();
  }
  void on(remove_item const& a) {
    lines_.erase(a.sku);
    notify();
  }
  void on(clear_cart) {
    lines_.clear();
    notify();
  }
  std::map<std::string, int> const& lines() const noexcept { return lines_; }

private:
  std::map<std::string, int> lines_;
};

std::string describe(cart_store const& cart) {
  std::string out;
  for (auto const& [sku, quantity] : cart.lines()) out += sku + " x" + std::to_string(quantity) + " ";
  return out.empty() ? "(empty)" : out;
}

int main(int argc, char** argv) {
  std::ifstream file;
  if (argc > 1) {
    file.open(argv[1]);
    if (!file) {
      std::fprintf(stderr, "remote_cart: cannot read %s\n", argv[1]);
      return 2;
    }
  }
  std::istream& input = argc > 1 ? static_cast<std::istream&>(file) : std::cin;

  cart_store cart;
  std::ostringstream session;  // a file in a real program
  auto d = nanoflux::make_dispatcher<cart_actions>(cart).with_middleware(nanoflux::recorder(session));

  std::string line;
  int number = 0, refused = 0;
  while (std::getline(input, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;  // comments in the sample file
    nanoflux::dispatch_result const r = d.dispatch_json(line);
    if (r) {
      std::printf("line %d: ok, cart: %s\n", number, describe(cart).c_str());
    } else {
      ++refused;
      std::printf("line %d: refused (%.*s), cart unchanged\n", number, static_cast<int>(r.message().size()),
                  r.message().data());
    }
  }

  cart_store replayed;
  auto d2 = nanoflux::make_dispatcher<cart_actions>(replayed);
  std::istringstream recorded(session.str());
  std::size_t const count = nanoflux::replay(d2, recorded);
  std::printf("recorded and replayed %zu actions: %s\n", count, describe(replayed).c_str());

  bool const ok = replayed.lines() == cart.lines();
  std::printf("%s (%d lines refused)\n", ok ? "remote_cart: same state" : "remote_cart: DIFFERENT", refused);
  return ok ? 0 : 1;
}
