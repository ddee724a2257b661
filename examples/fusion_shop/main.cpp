// Fusion: one immutable application state, changed only by actors (pure functions
// returning the new slice), with a logging middleware and an async actor that loads the
// catalog on an io_context after a simulated delay (flagging "loading" meanwhile).
#include <nanoflux/fusion.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace fusion = nanoflux::fusion;
namespace asio = boost::asio;

struct product {
  std::string name;
  int cents;
};
struct line {
  std::string name;
  int quantity;
};
struct shop {
  fusion::shared<std::vector<product>> catalog;  // large and rarely changed: shared, never copied
  std::vector<line> cart;
  int paid_cents = 0;
  bool loading = false;
};

int price_of(shop const& s, std::string const& name) {
  for (product const& p : *s.catalog)
    if (p.name == name) return p.cents;
  return 0;
}

int main() {
  asio::io_context io;
  fusion::store<shop> store{shop{}, io.get_executor()};

  // Middleware sees every proposed state before it is published.
  store.use([](shop const& proposed, shop const& current, std::string_view actor) {
    std::printf("[%.*s] cart %zu -> %zu lines, catalog %zu -> %zu products%s\n", static_cast<int>(actor.size()),
                actor.data(), current.cart.size(), proposed.cart.size(), current.catalog->size(),
                proposed.catalog->size(), proposed.loading ? " (loading)" : "");
    return proposed;
  });

  auto set_loading = store.fusionator("status", &shop::loading).actor("setLoading", [](bool const&, bool on) {
    return on;
  });

  // An async actor: runs on the io_context, fused when it completes. While it waits,
  // other actors fuse; it may call sync actors itself (they fuse at once).
  auto load_products = store.fusionator("catalog", &shop::catalog)
                           .actor("loadProducts", [&](std::vector<product> const&) -> asio::awaitable<std::vector<product>> {
                             set_loading(true);
                             asio::steady_timer delay(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
                             co_await delay.async_wait(asio::use_awaitable);  // "the server"
                             set_loading(false);
                             co_return std::vector<product>{{"apple", 50}, {"bread", 220}, {"cheese", 475}};
                           });

  // Sync actors over the cart slice: they see the cart only, and return a new one.
  auto cart = store.fusionator("cart", &shop::cart);
  auto add_item = cart.actor("addItem", [](std::vector<line> const& c, std::string const& name, int quantity) {
    auto next = c;
    for (line& l : next)
      if (l.name == name) {
        l.quantity += quantity;
        return next;
      }
    next.push_back({name, quantity});
    return next;
  });

  // An actor over the whole state: checkout needs the catalog and the cart.
  auto checkout = store.fusionator("shop").actor("checkout", [](shop const& s) {
    shop next = s;  // the catalog is carried over by pointer
    for (line const& l : s.cart) next.paid_cents += price_of(s, l.name) * l.quantity;
    next.cart.clear();
    return next;
  });

  auto view = store.subscribe([](shop const& s) {
    std::printf("view: %zu products, %zu cart lines, paid %d.%02d\n", s.catalog->size(), s.cart.size(),
                s.paid_cents / 100, s.paid_cents % 100);
  });

  // Called from outside the io_context, actors are queued to it: nothing fuses before
  // io.run(); then in call order, and the catalog when its delay is over.
  load_products();       // completes after 20 ms
  add_item("apple", 2);  // these fuse while the catalog loads
  add_item("bread", 1);
  add_item("apple", 1);
  io.run();

  checkout();
  io.restart();
  io.run();

  auto const final_state = store.state();
  bool const ok = final_state->cart.empty() && final_state->catalog->size() == 3 &&
                  final_state->paid_cents == 3 * 50 + 220 && !final_state->loading;
  std::printf("%s\n", ok ? "fusion_shop: ok" : "fusion_shop: WRONG");
  return ok ? 0 : 1;
}
