// An async actor whose update<> is of another type than its slice.
#include <nanoflux/fusion.hpp>
#include <string>
struct shop {
  int items = 0;
};
int main() {
  nanoflux::fusion::store<shop> store{shop{}};
  auto ns = store.fusionator("items", &shop::items);
#ifdef NANOFLUX_CONTROL
  using result = nanoflux::fusion::update<int>;
#else
  using result = nanoflux::fusion::update<long>;
#endif
  auto add = ns.actor("add", [](int const&, int by) -> boost::asio::awaitable<result> {
    co_return [by](auto const& n) { return n + by; };
  });
  add(1);
}
