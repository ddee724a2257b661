// nanoflux: selectors — a projection of a source (a state_store, a store<Derived>, a
// fusion::store<State> or another selector), memoized, notifying only on change.
#ifndef NANOFLUX_SELECT_HPP
#define NANOFLUX_SELECT_HPP

#include <nanoflux/detail/notify_deferral.hpp>
#include <nanoflux/detail/state/derived.hpp>
#include <nanoflux/detail/state/equality.hpp>
#include <nanoflux/detail/subscriber_list.hpp>
#include <nanoflux/store.hpp>
#include <nanoflux/subscription.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

namespace nanoflux {

template <class Value>
class selector;

namespace detail::state {

// A selector's value, its subscribers and its own selectors.
template <class Value>
class value_node : public derived_node {
public:
  Value const& value() const noexcept { return value_; }

  void publish() final {
    if (!changed) return;
    changed = false;
    if (subscribers) subscribers->notify(&value_);
    if (children) children->publish();
  }

  std::shared_ptr<subscriber_list> subscribers;
  std::shared_ptr<derived_list> children;  // created by the first select() over this one

protected:
  explicit value_node(Value initial) : value_(std::move(initial)) {}
  ~value_node() = default;

  // Phase 1: keeps `next` if it differs, and recomputes this selector's selectors. A
  // projected member (a reference) is compared first and copied only when it changed.
  template <class R>
  void replace(R&& next) {
    if (unchanged<Value>(value_, next)) return;
    value_ = std::forward<R>(next);
    changed = true;
    if (children) children->recompute(&value_);
  }

private:
  Value value_;
};

// A selector of Input through the projection P.
template <class Value, class Input, class P>
class projected_node final : public value_node<Value> {
public:
  projected_node(P p, Input const& input, std::weak_ptr<derived_list> source, std::shared_ptr<void> keep)
      : value_node<Value>(std::invoke(p, input)), p_(std::move(p)), source_(std::move(source)), keep_(std::move(keep)) {}
  ~projected_node() {
    if (std::shared_ptr<derived_list> const list = source_.lock()) list->remove(this);
  }

  void recompute(void const* input) override {
    this->replace(std::invoke(std::as_const(p_), *static_cast<Input const*>(input)));
  }

private:
  P p_;
  std::weak_ptr<derived_list> source_;  // to leave it
  std::shared_ptr<void> keep_;          // what must live as long as this selector (see select)
};

// The selectors of a store that knows nothing about them: one list per store,
// subscribed to it once (by the first selector) and owned by its selectors. Found
// again, for the next selector: for a nanoflux::store, among the store's own
// subscribers (the link the first selector subscribed; nothing is added to the store,
// no global state); for any other store with subscribe(), in a registry keyed by the
// store's address (key_: null for a nanoflux::store).
class foreign_derived_list : public derived_list {
public:
  explicit foreign_derived_list(void const* key) noexcept : key_(key) {}
  ~foreign_derived_list();
  subscription link;  // to the store

private:
  void const* key_;
};

struct foreign_registry {
  std::mutex mutex;
  std::map<void const*, std::weak_ptr<foreign_derived_list>> lists;
  static foreign_registry& instance() {
    static foreign_registry r;
    return r;
  }
};

inline foreign_derived_list::~foreign_derived_list() {
  if (key_ == nullptr) return;
  foreign_registry& r = foreign_registry::instance();
  std::lock_guard<std::mutex> const lock(r.mutex);
  auto const it = r.lists.find(key_);
  if (it != r.lists.end() && it->second.expired()) r.lists.erase(it);  // not a newer store's list
}

// Calls the store's selectors with the value it notifies.
template <class Input>
struct foreign_link {
  std::weak_ptr<derived_list> list;
  void operator()(Input const& value) const {
    if (std::shared_ptr<derived_list> const alive = list.lock()) alive->update(&value);
  }
};

template <class D, class X>
store<D, X>& as_nanoflux_store(store<D, X>& s) noexcept {
  return s;
}
template <class S>
concept derives_from_nanoflux_store = requires(S& s) { as_nanoflux_store(s); };

// A nanoflux::store's list: the one its first selector's link points to.
template <class Input, class D, class X>
std::shared_ptr<foreign_derived_list> list_found_in(store<D, X> const& s) {
  using link = foreign_link<Input>;
  // How the store calls a subscriber of type `link` (store.hpp, fixed_subscribers.hpp).
  void (*invoke)(void*, void const*) = nullptr;
  if constexpr (std::is_same_v<X, dynamic_subscribers>)
    invoke = &invoke_subscriber<link, D>;
  else
    invoke = &invoke_in_slot<link, D>;
  if (void* const found = notify_deferral::subscriber_target(s, invoke))
    if (std::shared_ptr<derived_list> list = static_cast<link*>(found)->list.lock())
      return std::static_pointer_cast<foreign_derived_list>(std::move(list));
  return nullptr;
}

template <class Input, class Store>
std::shared_ptr<foreign_derived_list> foreign_list_of(Store& store) {
  if constexpr (derives_from_nanoflux_store<Store>) {
    if (auto list = list_found_in<Input>(as_nanoflux_store(store))) return list;
    auto list = std::make_shared<foreign_derived_list>(nullptr);
    list->link = store.subscribe(foreign_link<Input>{list});
    return list;
  } else {
    foreign_registry& r = foreign_registry::instance();
    std::lock_guard<std::mutex> const lock(r.mutex);
    std::weak_ptr<foreign_derived_list>& slot = r.lists[&store];
    if (std::shared_ptr<foreign_derived_list> list = slot.lock(); list && list->link.active()) return list;
    // None yet, or one left by a destroyed store at the same address.
    auto list = std::make_shared<foreign_derived_list>(&store);
    list->link = store.subscribe(foreign_link<Input>{list});
    slot = list;
    return list;
  }
}

// What select() needs of each kind of source: the value projections receive, the
// current one, the list the selector joins, and what the selector keeps alive.
template <class S>
concept typed_state_source = requires(S& s) {
  typename S::model_type;
  { s.derived_values() } -> std::same_as<std::shared_ptr<derived_list> const&>;
  s.get();
};
template <class S>
concept fusion_source = requires(S& s) {
  typename S::state_type;
  { s.state() } -> std::same_as<std::shared_ptr<typename S::state_type const>>;
  { s.derived_values() } -> std::same_as<std::shared_ptr<derived_list> const&>;
};
template <class S>
concept notifying_store = requires(S& s, void (*f)(S const&)) {
  { s.subscribe(f) } -> std::same_as<subscription>;
};

template <class S>
inline constexpr bool is_selector = false;
template <class V>
inline constexpr bool is_selector<selector<V>> = true;

template <class S>
struct source_traits {
  static constexpr bool known = false;
  using input = S;
};
template <class V>
struct source_traits<selector<V>> {
  static constexpr bool known = true;
  using input = V;
};
template <class S>
  requires typed_state_source<S>
struct source_traits<S> {
  static constexpr bool known = true;
  using input = typename S::model_type;
};
template <class S>
  requires(!typed_state_source<S> && fusion_source<S>)
struct source_traits<S> {
  static constexpr bool known = true;
  using input = typename S::state_type;
};
template <class S>
  requires(!is_selector<S> && !typed_state_source<S> && !fusion_source<S> && notifying_store<S>)
struct source_traits<S> {
  static constexpr bool known = true;
  using input = S;
};

template <class P, class Input>
concept projection_of = std::invocable<P const&, Input const&> &&
                        !std::is_void_v<std::invoke_result_t<P const&, Input const&>>;

}  // namespace detail::state

/// A memoized projection of a source; what select() returns. Copies share one
/// selector. While a selector lives, its source may be destroyed: it then keeps its
/// last value and never changes again (destroying it stays safe).
template <class Value>
class selector {
public:
  using value_type = Value;

  /// The projected value as of the source's last change: never recomputed here.
  Value const& get() const noexcept { return node_->value(); }

  /// Calls f(value) — or f() — after each change of the source that changed the
  /// value (==; a Value without == counts every recomputation as a change). Runs after
  /// every selector of the source holds its new value.
  template <class F>
  [[nodiscard]] subscription subscribe(F&& f) {
    // An error here means f can be called neither as f() nor as f(Value const&).
    static_assert(subscriber_for<F, Value>, "nanoflux: selector::subscribe(f) needs f() or f(Value const&)");
    if constexpr (subscriber_for<F, Value>)
      return detail::subscribe_to<Value>(node_->subscribers, std::forward<F>(f));
    else
      return subscription();
  }

  std::size_t subscriber_count() const noexcept { return node_->subscribers ? node_->subscribers->size() : 0; }

  // For select(). Not for users.
  explicit selector(std::shared_ptr<detail::state::value_node<Value>> node) noexcept : node_(std::move(node)) {}
  std::shared_ptr<detail::state::value_node<Value>> const& node() const noexcept { return node_; }

private:
  std::shared_ptr<detail::state::value_node<Value>> node_;
};

/// A selector of `source` through `p` (a pointer to a data member, or a callable
/// p(Input const&) returning the value):
/// - source a state_store<Model, ...>: p gets the Model; recomputed after each update
///   that changed the model (and undo, redo, jump_to);
/// - source a selector<V>: p gets the V; recomputed when that selector's value changed;
/// - source a fusion::store<State>: p gets the State; recomputed after each fuse, before
///   the store's subscribers run;
/// - source a store with subscribe(), such as a nanoflux::store<Derived>: p gets the
///   Derived; recomputed on each notify().
/// p runs once here and then at most once per change of the source, never on get().
/// The value is held by the selector (a copy of a projected member: use a
/// fusion::shared<T> member for large data). Selectors of a store<Derived> are updated
/// from one subscription to it, made by the first one (and found among the store's
/// subscribers by the next ones: nothing global, nothing added to the store). With a fusion::store running on
/// an executor, create and use its selectors on its strand (or before it runs).
template <class Source, class Projection>
auto select(Source& source, Projection p) {
  using traits = detail::state::source_traits<std::remove_const_t<Source>>;
  // An error here means source is not a state_store, a selector, a fusion::store or a
  // store with subscribe(f(Store const&)) (such as nanoflux::store<Derived>).
  static_assert(traits::known,
                "nanoflux: select(source, p) needs a state_store, a selector, a fusion::store or a "
                "nanoflux::store<Derived> as its source");
  using input = typename traits::input;
  // An error here means p can be called neither as p(input) nor is a pointer to a
  // data member of the source's value, or it returns void.
  static_assert(!traits::known || detail::state::projection_of<Projection, input>,
                "nanoflux: select(source, p) needs p to be a pointer to a member of the source's value or a "
                "callable p(Value const&) returning the projection");
  if constexpr (traits::known && detail::state::projection_of<Projection, input>) {
    using value = std::remove_cvref_t<std::invoke_result_t<Projection const&, input const&>>;
    using node_type = detail::state::projected_node<value, input, Projection>;
    using S = std::remove_const_t<Source>;
    std::shared_ptr<detail::state::derived_list> list;
    std::shared_ptr<void> keep;
    input const* current = nullptr;
    std::shared_ptr<input const> held;  // a fusion snapshot, alive while p runs
    if constexpr (std::is_same_v<S, selector<input>>) {
      auto const& parent = source.node();
      if (!parent->children) parent->children = std::make_shared<detail::state::derived_list>();
      list = parent->children;
      keep = parent;  // a selector keeps the selector it projects
      current = &parent->value();
    } else if constexpr (detail::state::typed_state_source<S>) {
      list = source.derived_values();  // held by the store: a selector does not keep it
      current = &source.get();
    } else if constexpr (detail::state::fusion_source<S>) {
      list = source.derived_values();  // updated by each fuse, before the store's subscribers
      held = source.state();
      current = held.get();
    } else {
      auto foreign = detail::state::foreign_list_of<input>(source);
      current = &static_cast<input const&>(source);
      list = foreign;
      keep = std::move(foreign);
    }
    auto node = std::make_shared<node_type>(std::move(p), *current, list, std::move(keep));
    list->add(node.get(), node);
    return selector<value>(std::move(node));
  }
}

}  // namespace nanoflux

#endif
