// A port of the JavaScript nanoflux 1.1.1 spec (spec/*.js in ohager/nanoflux) to the
// typed core. Each case names the `it(...)` it ports. Cases about the string registry
// (createStore/getStore by name, dispatcher.action1 generated from names) become their
// typed equivalents: a store is a type, an action is a type, `bind<A>()` is the
// "fluxy" action.
#define BOOST_TEST_MODULE spec_port
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>

#include <string>
#include <vector>

namespace {

struct action1 {
  std::string data;
};
struct action2 {
  int data;
};
struct action3 {
  std::string data;
};

// storeDescriptor: onAction1 sets result = data, onAction2 sets result = data * 2.
struct result_store : nanoflux::store<result_store> {
  std::string text;
  int number = 0;
  int calls1 = 0, calls2 = 0;
  void on(action1 const& a) {
    ++calls1;
    text = a.data;
  }
  void on(action2 const& a) {
    ++calls2;
    number = a.data * 2;
  }
};

// ActionProvider: the action creator of the spec, a plain class over a dispatcher.
template <class D>
struct action_provider {
  D& d;
  void do_action1(std::string s) { d.dispatch(action1{std::move(s)}); }
  void do_action2(int n) { d.dispatch(action2{n}); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(nanoflux_basics)

// it("should create store 'myStore") / store-spec "should create and return a store"
BOOST_AUTO_TEST_CASE(should_create_store) {
  struct my_store {
    std::string on(action1 const&) { return "Test"; }
  } store;
  static_assert(nanoflux::handles<my_store, action1>);
  static_assert(!nanoflux::handles<my_store, action2>);
  BOOST_TEST(store.on(action1{}) == "Test");
}

// it("should create dispatcher 'myDispatcher") / dispatcher-spec "should create
// multiple actions": the typed dispatcher knows its actions at compile time.
BOOST_AUTO_TEST_CASE(should_create_dispatcher_with_actions) {
  result_store store;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<action1, action2>>(store);
  static_assert(nanoflux::can_dispatch<decltype(d), action1>);
  static_assert(nanoflux::can_dispatch<decltype(d), action2>);
  static_assert(!nanoflux::can_dispatch<decltype(d), action3>);  // "action3 not defined"
  auto a1 = d.bind<action1>();
  a1("x");
  BOOST_TEST(store.calls1 == 1);
}

// dispatcher-spec "can create without any action": an open dispatcher accepts any
// action some store handles.
BOOST_AUTO_TEST_CASE(can_create_without_any_action) {
  result_store store;
  nanoflux::dispatcher d{store};
  BOOST_TEST(!d.dispatching());
  d.dispatch(action2{1});
  BOOST_TEST(store.calls2 == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(nanoflux_dispatching)

// it("should dispatch 'static' actions 'action1' and 'action2 (Fluxy)")
BOOST_AUTO_TEST_CASE(fluxy_static_actions) {
  result_store store;
  nanoflux::dispatcher d{store};
  auto do_action1 = d.bind<action1>();
  auto do_action2 = d.bind<action2>();
  do_action1("Action1");
  BOOST_TEST(store.text == "Action1");
  do_action1("Action1.1");
  BOOST_TEST(store.text == "Action1.1");
  do_action2(2);
  BOOST_TEST(store.number == 4);
  BOOST_TEST(store.calls1 == 2);
  BOOST_TEST(store.calls2 == 1);
}

// it("should dispatch 'dynamic' actions 'action1' and 'action2 (Full Flux)")
BOOST_AUTO_TEST_CASE(full_flux_dynamic_actions) {
  result_store store;
  nanoflux::dispatcher d{store};
  action_provider<decltype(d)> actions{d};
  actions.do_action1("Action1");
  BOOST_TEST(store.text == "Action1");
  actions.do_action1("Action1.1");
  BOOST_TEST(store.text == "Action1.1");
  actions.do_action2(2);
  BOOST_TEST(store.number == 4);
  BOOST_TEST(store.calls1 == 2);
  BOOST_TEST(store.calls2 == 1);
}

// it("should be able to use 'static' and 'dynamic' actions")
BOOST_AUTO_TEST_CASE(static_and_dynamic_actions_together) {
  result_store store;
  nanoflux::dispatcher d{store};
  action_provider<decltype(d)> actions{d};
  d.bind<action1>()("Action1");
  BOOST_TEST(store.text == "Action1");
  actions.do_action1("Action1.1");
  BOOST_TEST(store.text == "Action1.1");
  actions.do_action1("Action1.2");
  BOOST_TEST(store.text == "Action1.2");
  actions.do_action2(2);
  BOOST_TEST(store.number == 4);
  BOOST_TEST(store.calls1 == 3);
}

// it("must not allow to dispatch while dispatch, i.e. call actions in store callbacks")
BOOST_AUTO_TEST_CASE(must_not_dispatch_while_dispatching) {
  struct store3 : nanoflux::store<store3> {
    int calls2 = 0, calls3 = 0;
    void on(action2 const&) { ++calls2; }
    void on(action3 const&) {
      ++calls3;
      notify();
    }
  } store;
  nanoflux::dispatcher d{store};
  action_provider<decltype(d)> actions{d};
  int subscriber_calls = 0;
  auto s = store.subscribe([&] {
    ++subscriber_calls;
    actions.do_action2(1);  // "not allowed"
  });
  BOOST_CHECK_THROW(d.dispatch(action3{"x"}), nanoflux::dispatch_error);
  BOOST_TEST(store.calls3 == 1);
  BOOST_TEST(subscriber_calls == 1);
  BOOST_TEST(store.calls2 == 0);  // the nested action reached no store
  BOOST_TEST(!d.dispatching());   // and the dispatcher is usable again
  s.unsubscribe();
  d.dispatch(action2{1});
  BOOST_TEST(store.calls2 == 1);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
// store1Descriptor / store2Descriptor of "NanoFlux Complex Full Flux Dispatching":
// each notifies {store, data}; store2 also handles action3.
struct notification {
  std::string store;
  std::string data;
};
struct store1 : nanoflux::store<store1> {
  notification last;
  int notifications = 0;
  void on(action1 const& a) { publish(a.data); }
  void on(action2 const& a) { publish(std::to_string(a.data * 2)); }
  void publish(std::string data) {
    last = {"store1", std::move(data)};
    ++notifications;
    notify();
  }
};
struct store2 : nanoflux::store<store2> {
  notification last;
  int notifications = 0;
  void on(action1 const& a) { publish(a.data); }
  void on(action2 const& a) { publish(std::to_string(a.data * 2)); }
  void on(action3 const& a) { publish(a.data); }
  void publish(std::string data) {
    last = {"store2", std::move(data)};
    ++notifications;
    notify();
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(complex_full_flux_dispatching)

// it("use single dispatcher and multiple stores")
BOOST_AUTO_TEST_CASE(single_dispatcher_multiple_stores) {
  store1 s1;
  store2 s2;
  nanoflux::dispatcher d{s1, s2};
  action_provider<decltype(d)> actions{d};
  notification result1, result2;
  int seen1 = 0, seen2 = 0;
  auto sub1 = s1.subscribe([&](store1 const& s) { result1 = s.last; ++seen1; });
  auto sub2 = s2.subscribe([&](store2 const& s) { result2 = s.last; ++seen2; });

  actions.do_action1("Action1");
  BOOST_TEST(result1.store == "store1");
  BOOST_TEST(result1.data == "Action1");
  BOOST_TEST(result2.store == "store2");
  BOOST_TEST(result2.data == "Action1");

  actions.do_action1("Action2");
  BOOST_TEST(result1.data == "Action2");
  BOOST_TEST(result2.data == "Action2");

  d.dispatch(action3{"Action3"});
  BOOST_TEST(result1.data == "Action2");  // not changed: store1 has no on(action3)
  BOOST_TEST(result2.data == "Action3");  // changed
  BOOST_TEST(seen1 == 2);
  BOOST_TEST(seen2 == 3);
}

// it("use multiple dispatchers and single stores")
BOOST_AUTO_TEST_CASE(multiple_dispatchers_single_store) {
  store1 s1;
  nanoflux::dispatcher d1{s1};
  nanoflux::dispatcher d2{s1};
  action_provider<decltype(d1)> actions1{d1};
  action_provider<decltype(d2)> actions2{d2};
  notification result;
  int seen = 0;
  auto sub = s1.subscribe([&](store1 const& s) { result = s.last; ++seen; });
  actions1.do_action1("Action1.1");
  BOOST_TEST(result.data == "Action1.1");
  actions2.do_action1("Action1.2");
  BOOST_TEST(result.data == "Action1.2");
  BOOST_TEST(seen == 2);
  BOOST_TEST(s1.notifications == 2);
}

// it("use multiple dispatchers and multiple stores")
BOOST_AUTO_TEST_CASE(multiple_dispatchers_multiple_stores) {
  store1 s1;
  store2 s2;
  nanoflux::dispatcher d1{s1, s2};
  nanoflux::dispatcher d2{s1, s2};
  notification result1, result2;
  auto sub1 = s1.subscribe([&](store1 const& s) { result1 = s.last; });
  auto sub2 = s2.subscribe([&](store2 const& s) { result2 = s.last; });
  d1.dispatch(action1{"Action1.1"});
  BOOST_TEST(result1.data == "Action1.1");
  BOOST_TEST(result2.data == "Action1.1");
  d2.dispatch(action1{"Action1.2"});
  BOOST_TEST(result1.data == "Action1.2");
  BOOST_TEST(result2.data == "Action1.2");
  BOOST_TEST(s1.notifications == 2);
  BOOST_TEST(s2.notifications == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(advanced_techniques)

// it("store should connect to another store") / store-spec "store should be able to
// subscribe to other store": chained stores.
BOOST_AUTO_TEST_CASE(store_connects_to_another_store) {
  struct first : nanoflux::store<first> {
    std::string message;
    void on(action1 const&) {
      message = "From Store1";
      notify();
    }
  };
  struct second : nanoflux::store<second> {
    std::string message;
    nanoflux::subscription upstream;
    explicit second(first& f) : upstream(f.subscribe(*this, &second::on_first_notify)) {}
    void on_first_notify(first const& f) {
      message = f.message;
      notify();
    }
  };
  first s1;
  second s2(s1);
  nanoflux::dispatcher d{s1};  // only store1 is connected
  std::vector<std::string> results;
  auto sub = s2.subscribe([&](second const& s) { results.push_back(s.message); });
  d.bind<action1>()();
  BOOST_TEST(results.size() == 1u);
  BOOST_TEST(results.at(0) == "From Store1");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(store_spec)

// it("should notify subscriptions")
BOOST_AUTO_TEST_CASE(should_notify_subscriptions) {
  result_store store;
  std::string result;
  int calls = 0;
  auto s = store.subscribe([&](result_store const& r) { result = r.text; ++calls; });
  store.text = "Test";
  store.notify();
  BOOST_TEST(result == "Test");
  BOOST_TEST(calls == 1);
}

// it("should be able to unsubscribe")
BOOST_AUTO_TEST_CASE(should_be_able_to_unsubscribe) {
  result_store store;
  int calls = 0;
  auto s = store.subscribe([&] { ++calls; });
  s.unsubscribe();
  store.notify();
  BOOST_TEST(calls == 0);
  BOOST_TEST(store.subscriber_count() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(action_creator_spec)

// it("should dispatch for an action"): an action creator over a (mock) dispatcher.
// Action creators only need something with dispatch(): here a recording mock.
BOOST_AUTO_TEST_CASE(action_creator_dispatches) {
  struct dispatcher_mockup {
    std::vector<std::string> result;
    void dispatch(action1 const& a) { result.push_back(a.data); }
    void dispatch(action2 const&) {}
  } mock;
  action_provider<dispatcher_mockup> actions{mock};
  actions.do_action1("Test");
  BOOST_TEST(mock.result.size() == 1u);
  BOOST_TEST(mock.result.at(0) == "Test");
}

BOOST_AUTO_TEST_SUITE_END()
