// nanoflux Fusion: how a fusionator reaches its slice of the state (a data member, a
// shared<T> data member, or the whole state) and how a new slice is fused into a copy.
#ifndef NANOFLUX_DETAIL_FUSION_SLICE_HPP
#define NANOFLUX_DETAIL_FUSION_SLICE_HPP

#include <nanoflux/detail/fusion_shared.hpp>

#include <utility>

namespace nanoflux::fusion::detail {

// The "member" of a fusionator over the whole state.
struct whole_state {};

// A plain member: the actor sees M and returns M.
template <class M>
struct slice_of {
  using type = M;
  static M const& view(M const& m) noexcept { return m; }
  static M wrap(M&& m) { return std::move(m); }
};
// A shared<T> member: the actor sees T and returns T.
template <class T>
struct slice_of<shared<T>> {
  using type = T;
  static T const& view(shared<T> const& m) noexcept { return m.get(); }
  static shared<T> wrap(T&& m) { return shared<T>(std::move(m)); }
};

template <class State, class Member>
struct slice_access;

template <class State>
struct slice_access<State, whole_state> {
  using type = State;
  static State const& view(State const& s, whole_state) noexcept { return s; }
  static State replace(State const&, whole_state, State&& next) { return std::move(next); }
};

template <class State, class M>
struct slice_access<State, M State::*> {
  using type = typename slice_of<M>::type;
  static type const& view(State const& s, M State::*m) noexcept { return slice_of<M>::view(s.*m); }
  // The JS original's shallow merge: a copy of the state with one member replaced. The
  // other members are copied, so a large one should be a shared<T> (copied by pointer).
  static State replace(State const& s, M State::*m, type&& next) {
    State copy = s;
    copy.*m = slice_of<M>::wrap(std::move(next));
    return copy;
  }
};

}  // namespace nanoflux::fusion::detail

#endif
