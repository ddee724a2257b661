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

template <class R, class Model>
inline constexpr bool is_effects_of = false;
template <class Model, class... Fx>
inline constexpr bool is_effects_of<effects_result<Model, Fx...>, Model> = true;

// The readable error for a reducer overload whose result is neither the model nor
// with_effects(model, ...). Instantiated with the action first, so the compiler names it.
template <class Action, class Result, class Model>
struct check_reducer_result {
  static constexpr bool ok = std::is_same_v<Result, Model> || is_effects_of<Result, Model>;
  // An error here means: the reducer's overload for the action named first in
  // 'check_reducer_result<Action, Result, Model>' returns Result, but it must return the
  // Model (by value) or nanoflux::with_effects(model, fx...).
  static_assert(ok,
                "nanoflux: the reducer's overload for this action (first type in 'check_reducer_result<Action, "
                "Result, Model>' above) must return the model by value or with_effects(model, fx...)");
};

// The readable error for an effect that cannot be called as fx().
template <class Effect>
struct check_effect {
  static constexpr bool ok = std::invocable<Effect&>;
  // An error here means: an argument of with_effects(next, fx...) after the model (the
  // type in 'check_effect<Effect>' above) cannot be called with no arguments.
  static_assert(ok, "nanoflux: with_effects(next, fx...) needs every effect to be callable as fx()");
};

}  // namespace detail::state

/// The result of a reducer overload with effects: `return nanoflux::with_effects(next,
/// [path] { save(path); });`. The effects run after the new model is published and the
/// store's subscribers (and selectors) ran, in the order given; one that throws stops
/// the ones after it, and its exception reaches the dispatch caller (the model stands).
template <class Model, class... Fx>
auto with_effects(Model next, Fx&&... fx) {
  constexpr bool ok = (detail::state::check_effect<std::decay_t<Fx>>::ok && ...);
  if constexpr (ok)
    return effects_result<Model, std::decay_t<Fx>...>{std::move(next),
                                                      std::tuple<std::decay_t<Fx>...>(std::forward<Fx>(fx)...)};
  else
    return effects_result<Model>{std::move(next), {}};  // after the error above: no further one
}

}  // namespace nanoflux

#endif
