// Effects and queued dispatch (issue 12's with_queue): an action an effect dispatches
// through a with_queue dispatcher runs after the current action has reached every store
// and before anything the caller dispatches next — the ordering lager#106 lacks.
#define BOOST_TEST_MODULE state_queue
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>
#include <nanoflux/state.hpp>

#include <functional>
#include <string>
#include <vector>

namespace {

struct load {};
struct loaded {
  int items;
};
struct other {};
struct chain {  // an effect dispatching two actions, the first of which has an effect too
};

struct model {
  int items = 0;
  int others = 0;
  bool operator==(model const&) const = default;
};

struct reducer {
  std::vector<std::string>* log;
  std::function<void(loaded const&)>* post;
  std::function<void(load const&)>* post_load;
  auto operator()(model const& m, load) const {
    log->push_back("reduce load");
    return nanoflux::with_effects(m, [p = post, l = log] {
      l->push_back("effect of load: dispatch loaded");
      (*p)(loaded{3});
      l->push_back("effect of load: returned");
    });
  }
  model operator()(model const& m, loaded const& a) const {
    log->push_back("reduce loaded");
    return {a.items, m.others};
  }
  model operator()(model const& m, other) const {
    log->push_back("reduce other");
    return {m.items, m.others + 1};
  }
  auto operator()(model const& m, chain) const {
    log->push_back("reduce chain");
    return nanoflux::with_effects(
        m, [p = post_load] { (*p)(load{}); }, [p = post] { (*p)(loaded{7}); });
  }
};

// An ordinary store next to the state_store, listed after it: it sees each action after
// the state_store (and its effects) handled it.
struct witness {
  std::vector<std::string>* log;
  void on(load const&) { log->push_back("witness load"); }
  void on(loaded const&) { log->push_back("witness loaded"); }
  void on(other const&) { log->push_back("witness other"); }
  void on(chain const&) { log->push_back("witness chain"); }
};

using acts = nanoflux::actions<load, loaded, other, chain>;

}  // namespace

BOOST_AUTO_TEST_CASE(an_effects_action_runs_before_the_callers_next) {
  std::vector<std::string> log;
  std::function<void(loaded const&)> post;
  std::function<void(load const&)> post_load;
  nanoflux::state_store store{model{}, reducer{&log, &post, &post_load}};
  witness w{&log};
  nanoflux::action_queue<acts, 8> q;
  auto d = nanoflux::make_dispatcher<acts>(store, w).with_queue(q);
  post = [&](loaded const& a) { d.dispatch(a); };
  post_load = [&](load const& a) { d.dispatch(a); };
  auto sub = store.subscribe([&](model const& m) { log.push_back("notify " + std::to_string(m.items)); });

  d.dispatch(load{});
  d.dispatch(other{});
  std::vector<std::string> const expected{
      "reduce load",      // the action reaches the state_store: reducer,
      "effect of load: dispatch loaded",  // its effect (the model did not change: no notify),
      "effect of load: returned",         // which dispatches loaded: deferred,
      "witness load",     // the action reaches every store first,
      "reduce loaded",    // then the deferred action runs, before dispatch() returns,
      "notify 3",
      "witness loaded",
      "reduce other",     // and only then what the caller dispatches next
      "notify 3",
      "witness other"};
  BOOST_TEST(log == expected, boost::test_tools::per_element());
  BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(effects_dispatching_several_actions_keep_their_order) {
  std::vector<std::string> log;
  std::function<void(loaded const&)> post;
  std::function<void(load const&)> post_load;
  nanoflux::state_store store{model{}, reducer{&log, &post, &post_load}};
  witness w{&log};
  nanoflux::action_queue<acts, 8> q;
  auto d = nanoflux::make_dispatcher<acts>(store, w).with_queue(q);
  post = [&](loaded const& a) { d.dispatch(a); };
  post_load = [&](load const& a) { d.dispatch(a); };

  d.dispatch(chain{});  // its effects dispatch load, then loaded{7}; load's effect dispatches loaded{3}
  d.dispatch(other{});
  std::vector<std::string> const expected{"reduce chain",
                                          "witness chain",
                                          "reduce load",  // deferred actions in the order dispatched
                                          "effect of load: dispatch loaded",
                                          "effect of load: returned",
                                          "witness load",
                                          "reduce loaded",  // loaded{7}, queued before load's loaded{3}
                                          "witness loaded",
                                          "reduce loaded",  // loaded{3}
                                          "witness loaded",
                                          "reduce other",
                                          "witness other"};
  BOOST_TEST(log == expected, boost::test_tools::per_element());
  BOOST_TEST(store.get().items == 3);
  BOOST_TEST(store.get().others == 1);
}
