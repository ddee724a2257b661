// dispatch_json without #include <nanoflux/json.hpp>.
#include <nanoflux/names.hpp>
#ifdef NANOFLUX_CONTROL
#include <nanoflux/json.hpp>
#include <boost/describe.hpp>
#endif
struct add_item {};
#ifdef NANOFLUX_CONTROL
BOOST_DESCRIBE_STRUCT(add_item, (), ())
#endif
struct cart_store { void on(add_item) {} };
int main() {
  cart_store c;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<add_item>>(c);
  (void)d.dispatch_json(R"({"type":"addItem"})");
}
