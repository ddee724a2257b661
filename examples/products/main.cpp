// The seed example of the JavaScript nanoflux, in C++: a product store handling
// addProduct/loadProducts, a product list view subscribed to it, and an action
// creator. Run it with `./nf demo`.
#include <nanoflux/nanoflux.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

struct product {
  std::string name;
  double price;
};

// Actions are plain types: no base class, no registration.
struct add_product {
  product item;
};
struct load_products {
  std::vector<product> items;
};

// The store: one on() per action it handles; notify() tells its subscribers.
class product_store : public nanoflux::store<product_store> {
public:
  void on(add_product const& action) {
    std::printf("product_store: onAddProduct(%s)\n", action.item.name.c_str());
    products_.push_back(action.item);
    notify();
  }
  void on(load_products const& action) {
    std::printf("product_store: onLoadProducts(%zu products)\n", action.items.size());
    products_ = action.items;
    notify();
  }
  std::vector<product> const& products() const noexcept { return products_; }

private:
  std::vector<product> products_;
};

// The view: subscribes with an object and a member function, for as long as it lives.
class product_list_view {
public:
  explicit product_list_view(product_store& store)
      : subscription_(store.subscribe(*this, &product_list_view::render)) {}

  void render(product_store const& store) {
    ++renders_;
    std::printf("product_list_view: render #%d:", renders_);
    for (product const& p : store.products()) std::printf(" %s (%.2f)", p.name.c_str(), p.price);
    std::printf("\n");
  }
  int renders() const noexcept { return renders_; }

private:
  nanoflux::subscription subscription_;
  int renders_ = 0;
};

// The action creator: a plain class over a dispatcher ("full flux" style).
template <class Dispatcher>
class product_actions {
public:
  explicit product_actions(Dispatcher& dispatcher) : dispatcher_(dispatcher) {}

  void add_product(std::string name, double price) {
    dispatcher_.dispatch(::add_product{{std::move(name), price}});
  }
  void load_products() {
    // The original fetches these from a server; here they are fixed.
    dispatcher_.dispatch(::load_products{{{"apple", 0.50}, {"bread", 2.20}}});
  }

private:
  Dispatcher& dispatcher_;
};

int main() {
  product_store products;
  product_list_view view(products);

  nanoflux::dispatcher dispatcher{products};  // dispatch resolved at compile time
  product_actions actions(dispatcher);

  actions.load_products();
  actions.add_product("cheese", 4.75);

  // The "fluxy" style: a callable that builds the action and dispatches it.
  auto add = dispatcher.bind<add_product>();
  add(product{"milk", 1.10});

  bool const ok = products.products().size() == 4 && view.renders() == 3;
  std::printf("%zu products, %d renders: %s\n", products.products().size(), view.renders(),
              ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
