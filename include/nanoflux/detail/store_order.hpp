// nanoflux: the order stores run in (depends_on resolved at compile time), and the
// readable error for a depends_on cycle.
#ifndef NANOFLUX_DETAIL_STORE_ORDER_HPP
#define NANOFLUX_DETAIL_STORE_ORDER_HPP

#include <nanoflux/fwd.hpp>

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace nanoflux::detail {

// S::depends_on, or stores<> when S declares none.
template <class S>
struct dependencies_of {
  using type = stores<>;
};
template <class S>
  requires requires { typename S::depends_on; }
struct dependencies_of<S> {
  using type = typename S::depends_on;
};

template <class T, class Deps>
inline constexpr bool listed_dependency = false;
template <class T, class... D>
inline constexpr bool listed_dependency<T, stores<D...>> = (std::is_same_v<T, D> || ...);

template <class Deps>
inline constexpr bool is_stores_list = false;
template <class... D>
inline constexpr bool is_stores_list<stores<D...>> = true;

// Row i of the dependency matrix: which of Stores... store S waits for.
template <class S, class... Stores>
struct dependency_row {
  using deps = typename dependencies_of<S>::type;
  // An error here means S::depends_on is not a nanoflux::stores<...> list.
  static_assert(is_stores_list<deps>,
                "nanoflux: a store's depends_on must be nanoflux::stores<OtherStore...>");
  static constexpr std::array<bool, sizeof...(Stores)> value{listed_dependency<Stores, deps>...};
};

template <std::size_t N>
struct order_result {
  std::array<std::size_t, N> order{};  // indices into Stores..., in run order
  std::array<std::size_t, N> cycle{};  // the stores of a cycle, if any
  std::size_t cycle_size = 0;
};

// Depth-first: a store's dependencies are placed right before it (as Flux's waitFor
// runs them when the store asks), otherwise the order given to the dispatcher is kept.
template <std::size_t N>
struct order_builder {
  std::array<std::array<bool, N>, N> edges;
  order_result<N> result{};
  std::array<int, N> state{};  // 0 unvisited, 1 on the stack, 2 placed
  std::array<std::size_t, N> stack{};
  std::size_t depth = 0;
  std::size_t placed = 0;

  constexpr bool visit(std::size_t i) {
    if (state[i] == 2) return true;
    if (state[i] == 1) {  // found a cycle: the stack from i's position to the top
      std::size_t from = 0;
      while (stack[from] != i) ++from;
      for (std::size_t k = from; k < depth; ++k) result.cycle[result.cycle_size++] = stack[k];
      return false;
    }
    state[i] = 1;
    stack[depth++] = i;
    for (std::size_t j = 0; j < N; ++j)
      if (edges[i][j] && !visit(j)) return false;
    --depth;
    state[i] = 2;
    result.order[placed++] = i;
    return true;
  }

  constexpr order_result<N> run() {
    for (std::size_t i = 0; i < N; ++i)
      if (!visit(i)) break;
    return result;
  }
};

template <class... Stores>
inline constexpr order_result<sizeof...(Stores)> store_order =
    order_builder<sizeof...(Stores)>{{dependency_row<Stores, Stores...>::value...}}.run();

// O(1)-depth indexing into a pack: the base class indexed<I, T> is deduced.
template <std::size_t I, class T>
struct indexed {
  using type = T;
};
template <class Seq, class... T>
struct indexer;
template <std::size_t... I, class... T>
struct indexer<std::index_sequence<I...>, T...> : indexed<I, T>... {};
template <std::size_t I, class T>
indexed<I, T> select_indexed(indexed<I, T> const&);
template <std::size_t I, class... T>
using type_at = typename decltype(select_indexed<I>(indexer<std::index_sequence_for<T...>, T...>{}))::type;

template <class...>
inline constexpr bool never = false;

// The readable error for a cycle, depends_on_cycle<StoresInCycle...>, is defined in
// dispatcher.hpp (so that the compiler's include trace before it is one line shorter).
template <class... StoresInCycle>
struct depends_on_cycle;
struct no_depends_on_cycle {
  static constexpr bool ok = true;
};

template <class Seq, class... Stores>
struct cycle_check_impl {
  using type = no_depends_on_cycle;
};
template <std::size_t... K, class... Stores>
  requires(sizeof...(K) > 0)
struct cycle_check_impl<std::index_sequence<K...>, Stores...> {
  using type = depends_on_cycle<type_at<store_order<Stores...>.cycle[K], Stores...>...>;
};

// True when Stores... have no depends_on cycle.
template <class... Stores>
inline constexpr bool no_dependency_cycle = store_order<Stores...>.cycle_size == 0;
// static_assert(dependency_cycle_check<Stores...>::ok) names the stores of a cycle. The
// check is named in the static_assert itself (not through a constant computed from it),
// so that clang reports the cycle once, not followed by errors about that constant.
template <class... Stores>
using dependency_cycle_check =
    typename cycle_check_impl<std::make_index_sequence<store_order<Stores...>.cycle_size>, Stores...>::type;

}  // namespace nanoflux::detail

#endif
