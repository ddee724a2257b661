// nanoflux: typed state. One immutable model, replaced by a pure reducer overloaded per
// action type; the store takes part in compile-time dispatch like any store. With it:
// effects (with_effects), selectors (select, in select.hpp) and undo history.
#ifndef NANOFLUX_STATE_HPP
#define NANOFLUX_STATE_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/deferred_calls.hpp>
#include <nanoflux/detail/state/derived.hpp>
#include <nanoflux/detail/state/effects.hpp>
#include <nanoflux/detail/state/equality.hpp>
#include <nanoflux/detail/state/history_ring.hpp>
#include <nanoflux/detail/subscriber_list.hpp>
#include <nanoflux/select.hpp>
#include <nanoflux/store.hpp>
#include <nanoflux/subscription.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace nanoflux {

/// A state_store without history (the default): the model is replaced in place.
struct no_history {};

/// A state_store that records its models for undo, redo and jump_to: up to Depth undo
/// steps (Depth + 1 models kept); past that, the oldest is dropped.
template <std::size_t Depth>
struct history {
  // An error here means history<0>: a history needs room for at least one undo step.
  static_assert(Depth > 0, "nanoflux: history<Depth> needs Depth >= 1");
};

/// The actions a state_store with history handles: back and forward one recorded model.
struct undo {};
struct redo {};

/// True when a state_store<Model, Reducer> receives action A: the reducer can be called
/// as reducer(model, action) on a const reducer.
template <class Reducer, class Model, class A>
concept reducer_for = std::invocable<Reducer const&, Model const&, A const&>;

namespace detail::state {
template <class H>
inline constexpr bool is_history_policy = false;
template <>
inline constexpr bool is_history_policy<no_history> = true;
template <std::size_t D>
inline constexpr bool is_history_policy<history<D>> = true;

template <class H>
inline constexpr std::size_t depth_of = 0;
template <std::size_t D>
inline constexpr std::size_t depth_of<history<D>> = D;

// state_store::why_not_received<A>: void (no reason beyond "the reducer has no overload
// for A"), or the type an error message shows.
template <class Reducer, class Model, class A, bool Recording>
struct reason_not_received {
  using type = void;
};
// state_store::why_rejected<A>: for a reducer overload with the wrong result, the
// type the error shows; void otherwise.
template <class Reducer, class Model, class A>
struct reason_rejected {
  using type = void;
};
template <class Reducer, class Model, class A>
  requires reducer_for<Reducer, Model, A> &&
           (!is_reducer_result<std::invoke_result_t<Reducer const&, Model const&, A const&>, Model>)
struct reason_rejected<Reducer, Model, A> {
  using type = reducer_must_return_the_model_for<A, std::invoke_result_t<Reducer const&, Model const&, A const&>, Model>;
};
// state_store::deferred_effects<A>: the tuple of effects an update by A returns, or void.
template <class Reducer, class Model, class A>
struct effects_of {
  using type = void;
};
template <class Reducer, class Model, class A>
  requires reducer_for<Reducer, Model, A>
struct effects_of<Reducer, Model, A> {
  using type = typename effects_tuple<std::invoke_result_t<Reducer const&, Model const&, A const&>>::type;
};

template <class Reducer, class Model, class A>
  requires(!reducer_for<Reducer, Model, A> && (std::is_same_v<A, undo> || std::is_same_v<A, redo>))
struct reason_not_received<Reducer, Model, A, false> {
  using type = needs_a_history_to_handle<A>;
};
}  // namespace detail::state

/// One immutable model of type Model, replaced by Reducer: an object with one
/// `Model operator()(Model const&, Action const&) const` overload per action (or
/// returning with_effects(next, fx...)). Connect it to a dispatcher like any store:
///   nanoflux::state_store todos{todo_model{}, todo_reducer{}};
///   nanoflux::dispatcher d{todos};
///   d(add_todo{"write docs"});
///
/// An update (an action the reducer accepts): the reducer computes the next model from
/// the current one; if it differs (==, when Model has it; otherwise always), the store
/// publishes it (in place; with history, as a new recorded snapshot), brings every
/// selector of the store up to date, calls the store's subscribers, then the
/// subscribers of the selectors that changed; then the update's effects run, in order.
/// Under d.with_consistent_views(), the selectors, subscribers and effects wait until
/// the action has reached every store (README, "Under consistent views").
/// A reducer that throws changes nothing. Not thread-safe: use it from one thread at a
/// time (snapshot(), with history, may be handed to other threads).
template <class Model, class Reducer, class History = no_history>
class state_store {
  // An error here means Model is not a movable, non-const object type.
  static_assert(std::is_object_v<Model> && !std::is_const_v<Model> && std::is_move_constructible_v<Model> &&
                    std::is_move_assignable_v<Model>,
                "nanoflux: state_store<Model, ...> needs Model to be a movable, non-const object type");
  // An error here means the third argument is neither nanoflux::no_history nor
  // nanoflux::history<Depth>.
  static_assert(detail::state::is_history_policy<History>,
                "nanoflux: state_store<Model, Reducer, History> needs History = no_history or history<Depth>");

  static constexpr bool recording = detail::state::depth_of<History> != 0;
  template <class A>
  using result_of = std::invoke_result_t<Reducer const&, Model const&, A const&>;
  using storage = std::conditional_t<recording, detail::state::history_ring<Model>, Model>;

public:
  using model_type = Model;
  using reducer_type = Reducer;
  using history_type = History;
  // The store receives exactly the actions its on() overloads accept: for the
  // dispatcher, a cheap test of function types (see nanoflux::receives).
  static constexpr bool exact_handlers = true;

  explicit state_store(Model initial, Reducer reducer = {})
      : model_(make_storage(std::move(initial))), reducer_(std::move(reducer)) {}
  state_store(state_store const&) = delete;
  state_store& operator=(state_store const&) = delete;
  state_store(state_store&&) = default;
  state_store& operator=(state_store&&) = default;
  ~state_store() = default;

  /// The current model.
  NANOFLUX_INLINE Model const& get() const noexcept {
    if constexpr (recording)
      return model_.current();
    else
      return model_;
  }

  /// Calls f(model) — or f() — after every update that changed the model (and after
  /// undo, redo and jump_to), until the returned subscription ends.
  template <class F>
  [[nodiscard]] subscription subscribe(F&& f) {
    // An error here means f can be called neither as f() nor as f(Model const&).
    static_assert(subscriber_for<F, Model>, "nanoflux: state_store::subscribe(f) needs f() or f(Model const&)");
    if constexpr (subscriber_for<F, Model>) {
      if (defer_depth_ != 0 && !subscribers_) [[unlikely]]
        return subscribe_first_while_deferring(std::forward<F>(f));
      return detail::subscribe_to<Model>(subscribers_, std::forward<F>(f));
    } else {
      return subscription();
    }
  }

  std::size_t subscriber_count() const noexcept { return subscribers_ ? subscribers_->size() : 0; }

  /// Why this store does not receive A, for a dispatcher's error message ('Reason'):
  /// a reason type, or void for "the reducer has no overload for A".
  template <class A>
  using why_not_received = typename detail::state::reason_not_received<Reducer, Model, A, recording>::type;
  /// For a dispatcher (store_reason.hpp): the reason it must refuse A even when another
  /// store receives it — the reducer has an overload for A, with the wrong result type
  /// (void: none).
  template <class A>
  using why_rejected = typename detail::state::reason_rejected<Reducer, Model, A>::type;

  /// The update for action A: exists exactly for the actions the reducer accepts (with
  /// a result of the right type).
  template <class A>
    requires reducer_for<Reducer, Model, A> && detail::state::is_reducer_result<result_of<A>, Model>
  NANOFLUX_INLINE void on(A const& action) {
    if constexpr (std::is_same_v<result_of<A>, Model>) {
      update(std::invoke(std::as_const(reducer_), get(), action));
    } else {
      result_of<A> next = std::invoke(std::as_const(reducer_), get(), action);
      update(std::move(next.model));
      // Under consistent views (a slot is set): after every store's views instead.
      if (effects_target_.slot != nullptr) [[unlikely]]
        if (effects_target_.defer(next.effects)) return;
      next.run();  // after publish and notify; a throw stops the later effects
    }
  }
  // An error "call to deleted member function 'on'" (or "use of deleted function") here
  // names, as 'Reason', the action whose reducer overload returns neither the model nor
  // with_effects(model, fx...): reducer_must_return_the_model_for<Action, Result, Model>.
  // (Deleted, with a non-void result, rather than a static_assert: a dispatcher then
  // does not take this store for A, and its own error names the same 'Reason' at the
  // dispatch, without a trace of instantiations.)
  template <class A, class Reason = why_rejected<A>>
    requires reducer_for<Reducer, Model, A> && (!detail::state::is_reducer_result<result_of<A>, Model>)
  Reason on(A const&) = delete;  // error: the reducer's overload for this action returns the wrong type: see 'Reason'

  // --- history (state_store<Model, Reducer, history<Depth>>) -------------------------

  /// Back to the previous recorded model (nothing at the oldest); notifies.
  void on(undo const&)
    requires recording
  {
    if (model_.index() > 0) move_to(model_.index() - 1);
  }
  /// Forward to the next recorded model (nothing at the newest); notifies.
  void on(redo const&)
    requires recording
  {
    if (model_.index() + 1 < model_.size()) move_to(model_.index() + 1);
  }
  /// Makes the k-th recorded model current (0: the oldest kept) and notifies; false
  /// (and nothing happens) when k >= history_size().
  bool jump_to(std::size_t k)
    requires recording
  {
    if (k >= model_.size()) return false;
    move_to(k);
    return true;
  }
  /// The number of recorded models (at most Depth + 1; 1 before the first update).
  std::size_t history_size() const noexcept
    requires recording
  {
    return model_.size();
  }
  /// The position of the current model among them.
  std::size_t history_index() const noexcept
    requires recording
  {
    return model_.index();
  }
  bool can_undo() const noexcept
    requires recording
  {
    return model_.index() > 0;
  }
  bool can_redo() const noexcept
    requires recording
  {
    return model_.index() + 1 < model_.size();
  }
  /// The current model as a shared immutable snapshot: it never changes, and may be
  /// read from any thread while the store goes on.
  std::shared_ptr<Model const> snapshot() const noexcept
    requires recording
  {
    return model_.current_snapshot();
  }

  // For select(): the selectors of this store. Not for users.
  std::shared_ptr<detail::state::derived_list> const& derived_values() {
    if (!derived_) {
      derived_ = std::make_shared<detail::state::derived_list>();
      if (defer_depth_ != 0) park_selectors();  // the first selector, during a consistent dispatch
    }
    return derived_;
  }

  // For with_consistent_views() (detail/consistent_views.hpp). Not for users.
  // While deferring, an update publishes the model but only records that it changed
  // (the subscriber list and the selectors' list are parked: they record instead of
  // calling anyone, so that the path without consistent views tests nothing more), and
  // its effects go to the slot the target points to.
  template <class A>
  using deferred_effects = typename detail::state::effects_of<Reducer, Model, A>::type;
  bool begin_deferring_views() noexcept {
    if (defer_depth_++ != 0) return false;
    if (subscribers_) park_subscribers();
    if (derived_) park_selectors();
    return true;
  }
  [[nodiscard]] bool end_deferring_views() noexcept {
    if (--defer_depth_ != 0) return false;
    effects_target_ = {};
    bool changed = false;
    if (std::exchange(subscribers_parked_, false)) changed = subscribers_->end_deferral();
    if (std::exchange(selectors_parked_, false)) changed = derived_->end_deferral() || changed;
    return changed;
  }
  detail::deferred_calls_target& deferred_effects_target() noexcept { return effects_target_; }
  void run_deferred_views() {
    if constexpr (recording)
      announce_snapshot();
    else
      announce(model_);
  }

private:
  static storage make_storage(Model&& initial) {
    if constexpr (recording)
      return storage(detail::state::depth_of<History> + 1, std::make_shared<Model const>(std::move(initial)));
    else
      return std::move(initial);
  }

  // Publish, selectors, subscribers; the reducer has run (and did not throw).
  NANOFLUX_INLINE void update(Model&& next) {
    if (detail::state::unchanged(get(), next)) return;
    if constexpr (recording) {
      model_.record(std::make_shared<Model const>(std::move(next)));  // may throw: nothing changed
      announce_snapshot();
    } else {
      model_ = std::move(next);
      announce(model_);
    }
  }

  void move_to(std::size_t k) {
    if (k == model_.index()) return;
    Model const& before = get();  // stays recorded
    model_.move_to(k);
    if (detail::state::unchanged(before, get())) return;
    announce_snapshot();
  }

  void announce_snapshot() {
    // Held while the subscribers run: one of them may update the store again.
    std::shared_ptr<Model const> const current = model_.current_snapshot();
    announce(*current);
  }

  NANOFLUX_INLINE void announce(Model const& m) {
    if (derived_) [[unlikely]]
      announce_with_selectors(m);
    else if (subscribers_)
      subscribers_->notify(&m);
  }
  void announce_with_selectors(Model const& m) {
    detail::state::derived_list* const derived = derived_.get();
    derived->recompute(&m);  // every selector first
    if (subscribers_) subscribers_->notify(&m);
    derived->publish();  // then the selectors' subscribers
  }

  // The first subscriber, during a consistent dispatch: its list starts deferred.
  template <class F>
  [[gnu::cold, gnu::noinline]] subscription subscribe_first_while_deferring(F&& f) {
    subscription sub = detail::subscribe_to<Model>(subscribers_, std::forward<F>(f));
    park_subscribers();
    return sub;
  }
  void park_subscribers() noexcept {
    subscribers_->begin_deferral();
    subscribers_parked_ = true;
  }
  void park_selectors() noexcept {
    derived_->begin_deferral();
    selectors_parked_ = true;
  }

  storage model_;
  [[no_unique_address]] Reducer reducer_;
  std::shared_ptr<detail::subscriber_list> subscribers_;
  std::shared_ptr<detail::state::derived_list> derived_;
  // Consistent views: the slot for deferred effects, the nesting depth, which lists
  // are parked.
  detail::deferred_calls_target effects_target_;
  unsigned short defer_depth_ = 0;
  bool subscribers_parked_ = false;
  bool selectors_parked_ = false;
};

template <class M, class R>
state_store(M, R) -> state_store<M, R>;

}  // namespace nanoflux

#endif
