// state_store, with_effects, select and history: the contract, case by case.
#define BOOST_TEST_MODULE state
#include <boost/test/unit_test.hpp>

#include <nanoflux/nanoflux.hpp>
#include <nanoflux/state.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <functional>
#include <vector>

namespace {

// --- a small todo model ------------------------------------------------------------
struct item {
  int id;
  std::string text;
  bool done = false;
  bool operator==(item const&) const = default;
};
struct model {
  std::vector<item> items;
  int next_id = 1;
  bool operator==(model const&) const = default;
};
struct add {
  std::string text;
};
struct toggle {
  int id;
};
struct noop {};  // the reducer returns the model unchanged
struct fail {};  // the reducer throws
struct unrelated {};

struct reducer {
  model operator()(model const& m, add const& a) const {
    model next = m;
    next.items.push_back({next.next_id++, a.text});
    return next;
  }
  model operator()(model const& m, toggle const& a) const {
    model next = m;
    for (item& i : next.items)
      if (i.id == a.id) i.done = !i.done;
    return next;
  }
  model operator()(model const& m, noop) const { return m; }
  model operator()(model const&, fail) const { throw std::runtime_error("reducer failed"); }
};

using plain_store = nanoflux::state_store<model, reducer>;
using history_store = nanoflux::state_store<model, reducer, nanoflux::history<3>>;

// --- handles exactly the reducer's actions -------------------------------------------
static_assert(nanoflux::handles<plain_store, add>);
static_assert(nanoflux::handles<plain_store, toggle>);
static_assert(!nanoflux::handles<plain_store, unrelated>);
static_assert(!nanoflux::handles<plain_store, nanoflux::undo>);  // no history, no undo
static_assert(nanoflux::receives<plain_store, add>);
static_assert(!nanoflux::receives<plain_store, unrelated>);
static_assert(nanoflux::handles<history_store, nanoflux::undo>);
static_assert(nanoflux::handles<history_store, nanoflux::redo>);
static_assert(nanoflux::receives<history_store, nanoflux::undo>);
static_assert(!nanoflux::handles<history_store, unrelated>);
// undo goes to the stores with a history; a store without one does not reject it.
static_assert(nanoflux::can_dispatch<nanoflux::dispatcher<plain_store, history_store>, nanoflux::undo>);
static_assert(nanoflux::can_dispatch<nanoflux::dispatcher<plain_store>, add>);
static_assert(!nanoflux::can_dispatch<nanoflux::dispatcher<plain_store>, unrelated>);
static_assert(!nanoflux::can_dispatch<nanoflux::dispatcher<plain_store>, nanoflux::undo>);
// A reducer overload with the wrong result type: the store does not receive that
// action (test/compile_fail/state_wrong_result.cpp checks the message).
struct wrong_result {};
struct partly_wrong_reducer {
  int operator()(int m, add const&) const { return m + 1; }
  long operator()(int m, wrong_result) const { return m; }
};
using partly_wrong_store = nanoflux::state_store<int, partly_wrong_reducer>;
static_assert(nanoflux::receives<partly_wrong_store, add>);
static_assert(!nanoflux::receives<partly_wrong_store, wrong_result> && !nanoflux::handles<partly_wrong_store, wrong_result>);
static_assert(!nanoflux::can_dispatch<nanoflux::dispatcher<partly_wrong_store>, wrong_result>);

}  // namespace

BOOST_AUTO_TEST_CASE(dispatch_reduces_and_notifies_on_change) {
  nanoflux::state_store store{model{}, reducer{}};  // CTAD
  static_assert(std::is_same_v<decltype(store), plain_store>);
  nanoflux::dispatcher d{store};
  int calls = 0, nullary = 0;
  std::size_t seen = 0;
  auto a = store.subscribe([&](model const& m) {
    ++calls;
    seen = m.items.size();
  });
  auto b = store.subscribe([&] { ++nullary; });
  d(add{"one"});
  d(add{"two"});
  BOOST_TEST(store.get().items.size() == 2u);
  BOOST_TEST(calls == 2);
  BOOST_TEST(nullary == 2);
  BOOST_TEST(seen == 2u);
  d(noop{});  // equal model: no notification
  BOOST_TEST(calls == 2);
  d(toggle{1});
  BOOST_TEST(store.get().items[0].done);
  BOOST_TEST(calls == 3);
  d(toggle{42});  // no such item: unchanged
  BOOST_TEST(calls == 3);
  BOOST_TEST(store.subscriber_count() == 2u);
}

namespace {
struct no_eq {
  int v = 0;
};
struct bump {};
struct no_eq_reducer {
  no_eq operator()(no_eq const& m, bump) const { return {m.v + 1}; }
  no_eq operator()(no_eq const& m, noop) const { return m; }
};
}  // namespace

BOOST_AUTO_TEST_CASE(model_without_equality_notifies_every_update) {
  nanoflux::state_store store{no_eq{}, no_eq_reducer{}};
  int calls = 0;
  auto s = store.subscribe([&] { ++calls; });
  store.on(bump{});
  store.on(noop{});
  BOOST_TEST(calls == 2);
  BOOST_TEST(store.get().v == 1);
}

BOOST_AUTO_TEST_CASE(throwing_reducer_changes_nothing) {
  history_store store{model{}};
  nanoflux::dispatcher d{store};
  int calls = 0;
  auto s = store.subscribe([&] { ++calls; });
  d(add{"one"});
  model const* before = &store.get();
  BOOST_CHECK_THROW(d(fail{}), std::runtime_error);
  BOOST_TEST(&store.get() == before);
  BOOST_TEST(store.get().items.size() == 1u);
  BOOST_TEST(store.history_size() == 2u);
  BOOST_TEST(store.history_index() == 1u);
  BOOST_TEST(calls == 1);
  BOOST_TEST(store.subscriber_count() == 1u);
  BOOST_TEST(!d.dispatching());
  d(add{"two"});  // usable
  BOOST_TEST(calls == 2);
}

// --- effects ---------------------------------------------------------------------------
namespace {
struct save {};
struct save_and_fail {};
struct fx_reducer {
  std::vector<std::string>* log;
  auto operator()(int m, save) const {
    std::vector<std::string>* l = log;
    return nanoflux::with_effects(m + 1, [l] { l->push_back("fx1"); }, [l] { l->push_back("fx2"); });
  }
  auto operator()(int m, save_and_fail) const {
    std::vector<std::string>* l = log;
    return nanoflux::with_effects(
        m + 1, [l] { l->push_back("fx1"); }, [] { throw std::runtime_error("effect failed"); },
        [l] { l->push_back("never"); });
  }
  auto operator()(int m, noop) const {
    std::vector<std::string>* l = log;
    return nanoflux::with_effects(m, [l] { l->push_back("fx on unchanged"); });
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(effects_run_after_publish_and_notify_in_order) {
  std::vector<std::string> log;
  nanoflux::state_store store{0, fx_reducer{&log}};
  nanoflux::dispatcher d{store};
  auto sel = nanoflux::select(store, [](int m) { return m * 10; });
  auto s1 = store.subscribe([&](int m) { log.push_back("store " + std::to_string(m)); });
  auto s2 = sel.subscribe([&](int v) { log.push_back("selector " + std::to_string(v)); });
  d(save{});
  BOOST_TEST(log == (std::vector<std::string>{"store 1", "selector 10", "fx1", "fx2"}), boost::test_tools::per_element());
  log.clear();
  d(noop{});  // effects run even when the model did not change; nobody is notified
  BOOST_TEST(log == (std::vector<std::string>{"fx on unchanged"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(throwing_effect_reaches_caller_and_stops_the_later_ones) {
  std::vector<std::string> log;
  nanoflux::state_store store{0, fx_reducer{&log}};
  nanoflux::dispatcher d{store};
  int calls = 0;
  auto s = store.subscribe([&] { ++calls; });
  BOOST_CHECK_THROW(d(save_and_fail{}), std::runtime_error);
  BOOST_TEST(store.get() == 1);  // the new model stands
  BOOST_TEST(calls == 1);
  BOOST_TEST(log == (std::vector<std::string>{"fx1"}), boost::test_tools::per_element());
  BOOST_TEST(!d.dispatching());
  d(save{});
  BOOST_TEST(store.get() == 2);
}

// --- selectors ---------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(selector_memoizes_and_notifies_on_change_only) {
  nanoflux::state_store store{model{}, reducer{}};
  nanoflux::dispatcher d{store};
  int runs = 0;
  auto count = nanoflux::select(store, [&](model const& m) {
    ++runs;
    return m.items.size();
  });
  auto next_id = nanoflux::select(store, &model::next_id);  // a data member
  BOOST_TEST(runs == 1);
  BOOST_TEST(count.get() == 0u);
  (void)count.get();
  (void)count.get();
  BOOST_TEST(runs == 1);  // never on get()
  int notified = 0;
  auto s = count.subscribe([&](std::size_t n) { notified += static_cast<int>(n); });
  d(add{"a"});
  BOOST_TEST(runs == 2);
  BOOST_TEST(notified == 1);
  BOOST_TEST(next_id.get() == 2);
  d(toggle{1});  // the count does not change: recomputed, not notified
  BOOST_TEST(runs == 3);
  BOOST_TEST(notified == 1);
  d(noop{});  // the model does not change: not even recomputed
  BOOST_TEST(runs == 3);
}

BOOST_AUTO_TEST_CASE(every_selector_is_up_to_date_before_any_selector_subscriber) {
  nanoflux::state_store store{model{}, reducer{}};
  nanoflux::dispatcher d{store};
  auto first = nanoflux::select(store, [](model const& m) { return m.items.size(); });
  std::optional<nanoflux::selector<int>> last;
  std::vector<int> seen_by_first, seen_by_store;
  auto s1 = first.subscribe([&] { seen_by_first.push_back(last->get()); });
  auto s2 = store.subscribe([&] { seen_by_store.push_back(last->get()); });
  last.emplace(nanoflux::select(store, &model::next_id));  // created after first's subscriber
  d(add{"a"});
  d(add{"b"});
  BOOST_TEST(seen_by_first == (std::vector<int>{2, 3}), boost::test_tools::per_element());
  BOOST_TEST(seen_by_store == (std::vector<int>{2, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(selectors_compose) {
  nanoflux::state_store store{model{}, reducer{}};
  nanoflux::dispatcher d{store};
  auto items = nanoflux::select(store, &model::items);
  int done_runs = 0;
  auto done = nanoflux::select(items, [&](std::vector<item> const& v) {
    ++done_runs;
    return std::count_if(v.begin(), v.end(), [](item const& i) { return i.done; });
  });
  auto label = nanoflux::select(done, [](long n) { return std::to_string(n) + " done"; });
  std::vector<std::string> labels;
  std::vector<long> order;  // leaf subscriber must see the parent's new value
  auto s = label.subscribe([&](std::string const& l) {
    labels.push_back(l);
    order.push_back(done.get());
  });
  d(add{"a"});
  BOOST_TEST(done_runs == 2);
  BOOST_TEST(labels.empty());
  d(toggle{1});
  d(noop{});
  BOOST_TEST(done_runs == 3);
  BOOST_TEST(labels == (std::vector<std::string>{"1 done"}), boost::test_tools::per_element());
  BOOST_TEST(order == (std::vector<long>{1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(selector_of_a_selector_keeps_its_parent_alive) {
  nanoflux::state_store store{model{}, reducer{}};
  std::optional<nanoflux::selector<std::size_t>> count;
  {
    auto items = nanoflux::select(store, &model::items);
    count.emplace(nanoflux::select(items, [](std::vector<item> const& v) { return v.size(); }));
  }
  store.on(add{"a"});
  BOOST_TEST(count->get() == 1u);
}

namespace {
struct counter_store : nanoflux::store<counter_store> {
  int value = 0;
  int other = 0;
  void on(add const&) {
    ++value;
    notify();
  }
  void on(toggle const&) {
    ++other;
    notify();
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(selector_over_a_nanoflux_store) {
  counter_store counter;
  nanoflux::dispatcher d{counter};
  auto value = nanoflux::select(counter, &counter_store::value);
  int runs = 0;
  auto doubled = nanoflux::select(counter, [&](counter_store const& c) {
    ++runs;
    return c.value * 2;
  });
  BOOST_TEST(counter.subscriber_count() == 1u);  // one subscription for all its selectors
  std::vector<int> seen;
  auto s = value.subscribe([&](int v) { seen.push_back(v * 100 + doubled.get()); });
  d(add{});
  d(toggle{});  // notifies, value unchanged
  d(add{});
  BOOST_TEST(runs == 4);  // once at select, then once per notify
  BOOST_TEST(seen == (std::vector<int>{102, 204}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(selector_outliving_its_source_is_safe) {
  std::optional<nanoflux::selector<int>> a, b;
  nanoflux::subscription sa, sb;
  {
    nanoflux::state_store store{model{}, reducer{}};
    a.emplace(nanoflux::select(store, &model::next_id));
    sa = a->subscribe([] {});
    store.on(add{"x"});
    counter_store counter;
    b.emplace(nanoflux::select(counter, &counter_store::value));
    sb = b->subscribe([] {});
    counter.on(add{});
  }
  BOOST_TEST(a->get() == 2);  // the last value
  BOOST_TEST(b->get() == 1);
  a.reset();
  b.reset();
  sa.unsubscribe();
  sb.unsubscribe();
}

BOOST_AUTO_TEST_CASE(a_new_store_at_the_address_of_a_destroyed_one_gets_its_own_selectors) {
  std::optional<counter_store> counter;
  counter.emplace();
  auto old = nanoflux::select(*counter, &counter_store::value);
  counter.emplace();  // likely the same address
  auto fresh = nanoflux::select(*counter, &counter_store::value);
  counter->on(add{});
  BOOST_TEST(fresh.get() == 1);
  BOOST_TEST(old.get() == 0);
}

BOOST_AUTO_TEST_CASE(selectors_of_a_nanoflux_store_are_found_in_its_subscribers) {
  // No global registry for a nanoflux::store: the next selector finds the first one's
  // link among the store's subscribers; once every selector is gone, the link is too.
  counter_store counter;
  auto other = nanoflux::select(counter, &counter_store::value);  // before a user subscriber
  auto user = counter.subscribe([] {});
  {
    auto a = nanoflux::select(counter, &counter_store::value);
    BOOST_TEST(counter.subscriber_count() == 2u);
  }
  other = nanoflux::select(counter, [](counter_store const& c) { return c.value + 1; });  // the old ones go
  BOOST_TEST(counter.subscriber_count() == 2u);
  counter.on(add{});
  BOOST_TEST(other.get() == 2);
}

// A store of the user's own with subscribe(f(S const&)): its selectors share one
// subscription as well (found by the store's address).
struct own_store {
  struct notifier : nanoflux::store<notifier> {};
  int value = 0;
  notifier n;
  template <class F>
  nanoflux::subscription subscribe(F f) {
    return n.subscribe([this, f] { f(*this); });
  }
  void set(int v) {
    value = v;
    n.notify();
  }
};

BOOST_AUTO_TEST_CASE(selectors_of_another_kind_of_store_share_one_subscription) {
  own_store own;
  auto a = nanoflux::select(own, &own_store::value);
  auto b = nanoflux::select(own, [](own_store const& o) { return o.value * 2; });
  BOOST_TEST(own.n.subscriber_count() == 1u);
  int seen = 0;
  auto s = a.subscribe([&](int v) { seen = v * 100 + b.get(); });
  own.set(3);
  BOOST_TEST(seen == 306);
}

BOOST_AUTO_TEST_CASE(selectors_destroyed_and_created_by_selector_subscribers) {
  nanoflux::state_store store{model{}, reducer{}};
  auto keep = nanoflux::select(store, &model::next_id);
  std::optional<nanoflux::selector<int>> self, victim;
  std::optional<nanoflux::selector<std::size_t>> created;
  self.emplace(nanoflux::select(store, &model::next_id));
  victim.emplace(nanoflux::select(store, [](model const& m) { return m.next_id * 2; }));
  int victim_calls = 0, keep_calls = 0;
  auto sk = keep.subscribe([&] { ++keep_calls; });
  auto ss = self->subscribe([&] {
    self.reset();    // destroys the selector whose subscriber is running
    victim.reset();  // and one not yet published
    created.emplace(nanoflux::select(store, [](model const& m) { return m.items.size(); }));
  });
  auto sv = victim->subscribe([&] { ++victim_calls; });
  store.on(add{"a"});
  BOOST_TEST(keep_calls == 1);
  BOOST_TEST(victim_calls == 0);
  BOOST_TEST(created->get() == 1u);
  store.on(add{"b"});
  BOOST_TEST(created->get() == 2u);
  BOOST_TEST(keep_calls == 2);
}

namespace {
struct throwing_projection_model {
  int v = 0;
  bool operator==(throwing_projection_model const&) const = default;
};
struct set_v {
  int v;
};
struct set_v_reducer {
  throwing_projection_model operator()(throwing_projection_model const&, set_v a) const { return {a.v}; }
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_throwing_projection_notifies_no_selector_subscriber) {
  nanoflux::state_store store{throwing_projection_model{}, set_v_reducer{}};
  auto ok = nanoflux::select(store, &throwing_projection_model::v);
  auto bad = nanoflux::select(store, [](throwing_projection_model const& m) {
    if (m.v == 13) throw std::runtime_error("projection failed");
    return m.v;
  });
  int ok_calls = 0, store_calls = 0;
  auto s1 = ok.subscribe([&] { ++ok_calls; });
  auto s2 = store.subscribe([&] { ++store_calls; });
  BOOST_CHECK_THROW(store.on(set_v{13}), std::runtime_error);
  BOOST_TEST(store.get().v == 13);  // published
  BOOST_TEST(ok.get() == 13);       // recomputed before the throw
  BOOST_TEST(ok_calls == 0);
  BOOST_TEST(store_calls == 0);
  store.on(set_v{14});
  BOOST_TEST(ok_calls == 1);  // not notified twice, not stale
  BOOST_TEST(bad.get() == 14);
}

// --- history -------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(undo_redo_jump_and_depth) {
  history_store store{model{}};  // history<3>: 3 undo steps, 4 models
  nanoflux::dispatcher d{store};
  int calls = 0;
  auto s = store.subscribe([&] { ++calls; });
  auto count = nanoflux::select(store, [](model const& m) { return m.items.size(); });
  BOOST_TEST(store.history_size() == 1u);
  BOOST_TEST(!store.can_undo());
  d(nanoflux::undo{});  // nothing to undo: no notification
  BOOST_TEST(calls == 0);
  d(add{"a"});
  d(add{"b"});
  BOOST_TEST(store.history_size() == 3u);
  d(nanoflux::undo{});
  BOOST_TEST(count.get() == 1u);
  BOOST_TEST(store.can_redo());
  d(nanoflux::redo{});
  BOOST_TEST(count.get() == 2u);
  BOOST_TEST(!store.can_redo());
  d(nanoflux::redo{});  // nothing to redo
  BOOST_TEST(calls == 4);
  d(noop{});  // unchanged: not recorded
  BOOST_TEST(store.history_size() == 3u);
  d(add{"c"});
  d(add{"d"});  // the 5th model: the oldest (empty) is dropped
  BOOST_TEST(store.history_size() == 4u);
  BOOST_TEST(store.history_index() == 3u);
  BOOST_TEST(store.jump_to(0));
  BOOST_TEST(count.get() == 1u);  // the oldest kept: after "a"
  BOOST_TEST(!store.jump_to(4));
  BOOST_TEST(store.history_index() == 0u);
  std::shared_ptr<model const> snap = store.snapshot();
  d(add{"e"});  // drops the redo branch
  BOOST_TEST(store.history_size() == 2u);
  BOOST_TEST(!store.can_redo());
  BOOST_TEST(store.get().items.size() == 2u);
  BOOST_TEST(snap->items.size() == 1u);  // a snapshot never changes
  BOOST_TEST(store.get().items[1].text == "e");
}

namespace {
// A model that counts its copies: the store itself must make none.
struct counted {
  static inline int copies = 0;
  int v = 0;
  counted() = default;
  explicit counted(int x) : v(x) {}
  counted(counted const& o) : v(o.v) { ++copies; }
  counted(counted&&) noexcept = default;
  counted& operator=(counted const& o) {
    v = o.v;
    ++copies;
    return *this;
  }
  counted& operator=(counted&&) noexcept = default;
  bool operator==(counted const& o) const { return v == o.v; }
};
struct counted_reducer {
  counted operator()(counted const& m, bump) const { return counted(m.v + 1); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(history_steps_copy_no_model) {
  nanoflux::state_store<counted, counted_reducer, nanoflux::history<4>> store{counted{}};
  auto s = store.subscribe([](counted const&) {});
  counted::copies = 0;
  for (int i = 0; i < 10; ++i) store.on(bump{});
  store.on(nanoflux::undo{});
  store.on(nanoflux::undo{});
  store.on(nanoflux::redo{});
  BOOST_TEST(store.jump_to(0));
  BOOST_TEST(counted::copies == 0);
  BOOST_TEST(store.get().v == 6);
  nanoflux::state_store<counted, counted_reducer> plain{counted{}};
  for (int i = 0; i < 10; ++i) plain.on(bump{});
  BOOST_TEST(counted::copies == 0);
  BOOST_TEST(plain.get().v == 10);
}

BOOST_AUTO_TEST_CASE(subscriber_updating_the_store_again) {
  history_store store{model{}};
  std::vector<std::size_t> seen;
  auto s1 = store.subscribe([&](model const& m) {
    seen.push_back(m.items.size());
    if (m.items.size() == 1) store.on(add{"from subscriber"});
  });
  store.on(add{"a"});
  BOOST_TEST(store.get().items.size() == 2u);
  BOOST_TEST(seen == (std::vector<std::size_t>{1, 2}), boost::test_tools::per_element());
}

// --- reducers of other shapes, in other dispatchers ----------------------------------
namespace {
template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;
struct inc {};
struct dec {};
}  // namespace

BOOST_AUTO_TEST_CASE(lambda_reducers_closed_sets_and_middleware) {
  nanoflux::state_store counter{0, overloaded{[](int m, inc) { return m + 1; }, [](int m, dec) { return m - 1; }}};
  static_assert(nanoflux::handles<decltype(counter), inc> && nanoflux::handles<decltype(counter), dec>);
  static_assert(!nanoflux::handles<decltype(counter), add>);
  nanoflux::state_store todos{model{}, reducer{}};
  int seen = 0;
  auto d = nanoflux::make_dispatcher<nanoflux::actions<inc, dec, add>>(counter, todos)
               .with_middleware([&](auto const& a, auto next) {
                 ++seen;
                 next(a);
               });
  d(inc{});
  d(inc{});
  d(dec{});
  d(add{"x"});
  BOOST_TEST(counter.get() == 1);
  BOOST_TEST(todos.get().items.size() == 1u);
  BOOST_TEST(seen == 4);
  static_assert(!nanoflux::can_dispatch<decltype(d), toggle>);  // handled, but not listed
}

BOOST_AUTO_TEST_CASE(a_nested_update_before_a_selector_is_published_recomputes_it) {
  nanoflux::state_store store{model{}, reducer{}};
  auto first = nanoflux::select(store, &model::next_id);
  auto second = nanoflux::select(store, [](model const& m) { return m.items.size(); });
  std::vector<std::size_t> seen;
  auto s1 = first.subscribe([&](int id) {
    if (id == 2) store.on(add{"nested"});  // before second's subscriber ran for the first update
  });
  auto s2 = second.subscribe([&](std::size_t n) { seen.push_back(n); });
  store.on(add{"outer"});
  BOOST_TEST(second.get() == 2u);
  BOOST_TEST(seen == (std::vector<std::size_t>{2}), boost::test_tools::per_element());  // never the stale 1
}

namespace {
struct fixed_counter : nanoflux::store<fixed_counter, nanoflux::fixed_subscribers<2>> {
  int value = 0;
  void on(add const&) {
    ++value;
    notify();
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(selectors_over_a_store_with_fixed_subscribers) {
  std::optional<nanoflux::selector<int>> outliving;
  {
    fixed_counter counter;
    auto value = nanoflux::select(counter, &fixed_counter::value);
    auto twice = nanoflux::select(counter, [](fixed_counter const& c) { return c.value * 2; });
    BOOST_TEST(counter.subscriber_count() == 1u);  // one slot for all its selectors
    int seen = 0;
    auto s = value.subscribe([&](int v) { seen = v * 100 + twice.get(); });
    counter.on(add{});
    BOOST_TEST(seen == 102);
    outliving.emplace(value);
  }
  BOOST_TEST(outliving->get() == 1);
}
