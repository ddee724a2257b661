// nanoflux typed state: what with_effects returns, and how a reducer's result is checked.
#ifndef NANOFLUX_DETAIL_STATE_EFFECTS_HPP
#define NANOFLUX_DETAIL_STATE_EFFECTS_HPP

#include <concepts>
#include <tuple>
#include <type_traits>
#include <utility>

namespace nanoflux {

/// What a reducer returns through with_effects(next, fx...): the new model and nullary
/// effects, run (in order) after the model is published and the subscribers ran.
template <class Model, class... Fx>
struct effects_result {
  Model model;
  std::tuple<Fx...> effects;

  // Runs the effects in order; if one throws, the ones after it do not run.
  void run() { run(std::index_sequence_for<Fx...>{}); }

private:
  template <std::size_t... I>
  void run(std::index_sequence<I...>) {
    (std::get<I>(effects)(), ...);
  }
};

namespace detail::state {

// The effects an update returns, as a tuple (void: none), for consistent views.
template <class R>
struct effects_tuple {
  using type = void;
};
template <class Model, class... Fx>
struct effects_tuple<effects_result<Model, Fx...>> {
  using type = std::conditional_t<sizeof...(Fx) == 0, void, std::tuple<Fx...>>;
};

template <class R, class Model>
inline constexpr bool is_effects_of = false;
template <class Model, class... Fx>
inline constexpr bool is_effects_of<effects_result<Model, Fx...>, Model> = true;

// True when Result is what a reducer overload may return: the Model (by value) or
// with_effects(model, fx...).
template <class Result, class Model>
inline constexpr bool is_reducer_result = std::is_same_v<Result, Model> || is_effects_of<Result, Model>;

// Why a state_store does not take an action its reducer accepts, as a type the compiler
// prints (as 'Reason', in the dispatcher's refusal or at the store's deleted on()): the
// reducer's overload for Action returns Result, but must return the Model (by value)
// or nanoflux::with_effects(model, fx...).
template <class Action, class Result, class Model>
struct reducer_must_return_the_model_for {};

// Why a state_store without history does not take undo or redo: give it
// nanoflux::history<Depth> as its third argument.
template <class Action>
struct needs_a_history_to_handle {};

// The condition of with_effects' readable error; clang prints it with the effect's type.
template <class Effect>
inline constexpr bool effect_callable_as_fx = std::invocable<Effect&>;

}  // namespace detail::state

/// The result of a reducer overload with effects: `return nanoflux::with_effects(next,
/// [path] { save(path); });`. The effects run after the new model is published and the
/// store's subscribers (and selectors) ran, in the order given; one that throws stops
/// the ones after it, and its exception reaches the dispatch caller (the model stands).
template <class Model, class... Fx>
auto with_effects(Model next, Fx&&... fx) {
  // An error here means: an argument of with_effects(next, fx...) after the model (the
  // type in 'effect_callable_as_fx<...>') cannot be called with no arguments.
  // (In the body, not in a class: the reducer calling this stays valid, so no second
  // error follows.)
  static_assert((detail::state::effect_callable_as_fx<std::decay_t<Fx>> && ...),
                "nanoflux: with_effects(next, fx...) needs every effect to be callable as fx()");
  if constexpr ((detail::state::effect_callable_as_fx<std::decay_t<Fx>> && ...))
    return effects_result<Model, std::decay_t<Fx>...>{std::move(next),
                                                      std::tuple<std::decay_t<Fx>...>(std::forward<Fx>(fx)...)};
  else
    return effects_result<Model>{std::move(next), {}};  // after the error above: no further one
}

}  // namespace nanoflux

#endif
