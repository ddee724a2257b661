// nanoflux: the slots of an action_queue, and the one indexed jump that dispatches one.
//
// A slot is raw storage for the largest action of the set plus a tag, the action's
// index in nanoflux::actions<A...>. A drain dispatches a slot through a constexpr table
// of function pointers indexed by that tag (deliver_table below): one indirect call
// per action, whatever the size of the set — no chain of comparisons. Each entry
// builds nothing: it dispatches the action where it lies and then destroys it, also
// when the dispatch throws (the action is consumed).
#ifndef NANOFLUX_DETAIL_QUEUE_SLOTS_HPP
#define NANOFLUX_DETAIL_QUEUE_SLOTS_HPP

#include <nanoflux/concepts.hpp>
#include <nanoflux/detail/config.hpp>
#include <nanoflux/fwd.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

namespace nanoflux::detail::queue {

// The index of each action of the set, found by the compiler's base-class lookup (one
// lookup per action, not a comparison with every action of the set: 500 actions
// compile without a quadratic term).
template <std::size_t I, class A>
struct tagged {};
template <class A>
struct member {};
template <class Seq, class... A>
struct tag_map;
// An error "duplicate base type 'member<...>'" here means that type is listed twice
// in the queue's nanoflux::actions<...>.
template <std::size_t... I, class... A>
struct tag_map<std::index_sequence<I...>, A...> : tagged<I, A>..., member<A>... {};
template <class A, std::size_t I>
constexpr std::size_t tag_from(tagged<I, A> const*) noexcept {
  return I;
}

// Over arrays, not fold expressions: clang limits a fold to 256 operands.
template <std::size_t N>
constexpr std::size_t max_of(std::size_t const (&values)[N]) noexcept {
  std::size_t m = 0;
  for (std::size_t v : values) m = v > m ? v : m;
  return m;
}
template <std::size_t N>
constexpr bool all_of(bool const (&values)[N]) noexcept {
  for (bool v : values)
    if (!v) return false;
  return true;
}

template <class A>
void destroy_as(void* p) noexcept {
  std::launder(static_cast<A*>(p))->~A();
}
inline void destroy_nothing(void*) noexcept {}
template <class A>
constexpr auto destroyer() noexcept {
  if constexpr (std::is_trivially_destructible_v<A>)
    return &destroy_nothing;  // one shared function, not one per action type
  else
    return &destroy_as<A>;
}
template <class... A>
inline constexpr void (*destroy_table[sizeof...(A) + 1])(void*) noexcept = {destroyer<A>()..., &destroy_nothing};


// The check a drain makes for each action of the queue: the dispatcher given to
// drain() must accept it. Instantiated with the action first, so the compiler names it.
template <class Action, class Dispatcher>
struct check_drain_accepts {
  // An error here means: q.drain(d) was given a dispatcher d that cannot dispatch an
  // action of the queue's set (the first type in 'check_drain_accepts<...>' above):
  // no store of d handles it, or d's closed nanoflux::actions<...> does not list it.
  static constexpr bool accepted = can_dispatch<Dispatcher, Action>;
  static_assert(accepted,
                "nanoflux: q.drain(d): d does not accept an action of the queue (the first type in "
                "'check_drain_accepts<...>' above)");
  static constexpr bool ok = true;
};

// A nanoflux dispatcher: a drain checks its nested-dispatch flag once and holds it
// for the whole batch (begin_batch/end_batch), instead of once per action.
template <class D>
concept batch_dispatcher = requires(D& d) {
  { d.begin_batch() } -> std::same_as<bool>;
  d.end_batch();
};
template <class D, class A>
NANOFLUX_INLINE void dispatch_one(D& d, A const& action) {
  if constexpr (batch_dispatcher<D>)
    d.dispatch_in_batch(action);
  else
    d.dispatch(action);
}

// Dispatches the action of type A held at p, then destroys it (also if the dispatch
// throws: the action is consumed).
template <class A, class D>
void deliver(void* p, D& d) {
  if constexpr (!can_dispatch<D, A>) {
    static_assert(check_drain_accepts<A, D>::ok);
  } else {
  A& action = *std::launder(static_cast<A*>(p));
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
  try {
    dispatch_one(d, static_cast<A const&>(action));
  } catch (...) {
    action.~A();
    throw;
  }
#else
  dispatch_one(d, static_cast<A const&>(action));
#endif
  action.~A();
  }
}
template <class D>
void deliver_nothing(void*, D&) noexcept {}

// The one indexed jump of a drain: deliver_table<D, A...>[tag](storage, d).
template <class D, class... A>
inline constexpr void (*deliver_table[sizeof...(A) + 1])(void*, D&) = {&deliver<A, D>..., &deliver_nothing<D>};

// Constructs an action in a slot: A(args...) when A has such a constructor,
// otherwise A{args...} (aggregates).
template <class A, class... Args>
NANOFLUX_INLINE void construct_at(void* p, Args&&... args) {
  if constexpr (std::is_constructible_v<A, Args&&...>)
    ::new (p) A(std::forward<Args>(args)...);
  else
    ::new (p) A{std::forward<Args>(args)...};
}
template <class A, class... Args>
constexpr bool nothrow_construct() noexcept {
  if constexpr (std::is_constructible_v<A, Args&&...>)
    return std::is_nothrow_constructible_v<A, Args&&...>;
  else
    return noexcept(A{std::declval<Args>()...});
}

template <class A, class... Args>
concept constructible_from = std::is_constructible_v<A, Args&&...> || requires(Args&&... args) {
  A{std::forward<Args>(args)...};
};

// What a ring needs to know of an action set: slot size and alignment, the tag type,
// and the tag of "no action".
template <std::size_t Size, std::size_t Align, class Tag, std::size_t NoAction>
struct slot_layout {
  static constexpr std::size_t size = Size;
  static constexpr std::size_t align = Align;
  static constexpr std::size_t no_action = NoAction;
  using tag_type = Tag;
};

// The storage, tags and table of one action set. N + 1 tags: the last one marks a
// slot that holds no action (a multi_producer post whose action's constructor threw,
// after the slot was claimed).
template <class... A>
struct action_set_traits {
  static_assert(sizeof...(A) > 0, "nanoflux: an action_queue needs at least one action in nanoflux::actions<...>");
  // An error here means an action of the queue's set is a reference, const, volatile,
  // an array, or not an object type: actions are plain object types.
  static constexpr bool are_actions[] = {action<A>...};
  static_assert(all_of(are_actions), "nanoflux: the actions of an action_queue must be cv-unqualified object types");
  using map = tag_map<std::index_sequence_for<A...>, A...>;
  template <class X>
  static constexpr bool holds = std::is_base_of_v<member<X>, map>;
  template <class X>
  static constexpr std::size_t tag_of = tag_from<X>(static_cast<map const*>(nullptr));

  static constexpr std::size_t sizes[] = {sizeof(A)...};
  static constexpr std::size_t alignments[] = {alignof(A)...};
  static constexpr std::size_t size = max_of(sizes);
  static constexpr std::size_t align = max_of(alignments);
  static constexpr std::size_t no_action = sizeof...(A);
  using tag_type = std::conditional_t<(sizeof...(A) < 0xff), std::uint8_t,
                                      std::conditional_t<(sizeof...(A) < 0xffff), std::uint16_t, std::uint32_t>>;

  using layout = slot_layout<size, align, tag_type, no_action>;

  // deliver_table<D, A...>: the one indexed jump of a drain.
  template <class D>
  static constexpr auto table = deliver_table<D, A...>;
  // destroy[tag](p) destroys the action with that tag at p.
  static constexpr auto destroy = destroy_table<A...>;
  static constexpr bool trivially_destructible[] = {std::is_trivially_destructible_v<A>...};
  static constexpr bool all_trivially_destructible = all_of(trivially_destructible);
};

}  // namespace nanoflux::detail::queue

#endif
