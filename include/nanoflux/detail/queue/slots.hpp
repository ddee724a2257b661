// nanoflux: the slots of an action_queue, and the one indexed jump that dispatches one.
//
// A slot is raw storage for the largest action of the set plus a tag, the action's
// index in nanoflux::actions<A...>. A drain dispatches a slot with one indexed jump on
// that tag, whatever the size of the set — never a chain of comparisons:
// - sets of up to switch_limit (64) actions: a switch on the tag (switch_delivery),
//   which g++ and clang compile to one jump table (or, for two or three actions, the
//   compare a hand-written switch gets too) into code inlined in the drain loop, as a
//   hand-written switch does: no call, and the stores addressed directly;
// - larger sets: a constexpr table of function pointers indexed by the tag
//   (table_delivery, deliver_table below): one indirect call per action. (A switch of
//   500 cases would cost the compile time and memory of 500 inlined dispatches in one
//   function; the table compiles each once, separately.)
// Each case builds nothing: it dispatches the action where it lies and then destroys
// it, also when the dispatch throws (the action is consumed).
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

// Whether D accepts A; if not, check_drain_accepts<A, D> reports it.
template <class A, class D>
constexpr bool drain_accepts() noexcept {
  if constexpr (can_dispatch<D, A>) {
    return true;
  } else {
    static_assert(check_drain_accepts<A, D>::ok);
    return false;
  }
}

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
// throws: the action is consumed). Inlined into a drain's switch; deliver_table holds
// its address (the compiler then keeps a copy of its own: one function per action, and
// no second template per action, which a set of 500 would pay in compile time).
template <class A, class D>
NANOFLUX_INLINE void deliver(void* p, D& d) {
  if constexpr (!can_dispatch<D, A>) {
    static_assert(check_drain_accepts<A, D>::ok);
  } else if constexpr (std::is_trivially_destructible_v<A>) {
    // Nothing to destroy: no landing pad either.
    dispatch_one(d, static_cast<A const&>(*std::launder(static_cast<A*>(p))));
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

// The one indexed jump of a drain over a large set: deliver_table<D, A...>[tag](storage, d).
template <class D, class... A>
inline constexpr void (*deliver_table[sizeof...(A) + 1])(void*, D&) = {&deliver<A, D>..., &deliver_nothing<D>};

// The largest set a drain dispatches through a switch (switch_delivery); larger sets
// use deliver_table. NANOFLUX_QUEUE_SWITCH_LIMIT=0 makes every queue use the table
// (a test checks both).
#if !defined(NANOFLUX_QUEUE_SWITCH_LIMIT)
#define NANOFLUX_QUEUE_SWITCH_LIMIT 64
#endif
inline constexpr std::size_t switch_limit = NANOFLUX_QUEUE_SWITCH_LIMIT;
static_assert(switch_limit <= 64, "nanoflux: NANOFLUX_QUEUE_SWITCH_LIMIT is at most 64");

// The action type of tag I, found by base-class lookup in the set's tag_map (no
// recursion over the set).
template <std::size_t I, class A>
A action_of(tagged<I, A> const*);  // declared only: used in decltype
template <std::size_t I, class Map>
using action_at = decltype(action_of<I>(static_cast<Map const*>(nullptr)));

// How a ring's drain dispatches a slot s (its members tag and data): deliver(s) for a
// slot that holds an action; deliver_or_skip(s) for a slot that may hold none (tag ==
// no_action, multi_producer only), returning whether it held one.
// They take the slot, not a pointer to its storage: each case then reads the action at
// s.data, addressed from the queue like a hand-written union member (g++ 12 otherwise
// computes the pointer once before the switch: one more instruction per action).
// The switch: one case per action of the set, generated up to 64 cases; a case past
// the set is never compiled (if constexpr) and the compiler merges it with the default.
// The default is the action of tag Last (deliver with g++: the set's last action, as a
// hand-written switch's default would be), or no action (Last == N).
template <class D, class Map, std::size_t N>
struct switch_delivery {
  D& d;
#define NANOFLUX_DETAIL_CASE(i)                         \
  case i:                                               \
    if constexpr (i < Last) {                           \
      queue::deliver<action_at<i, Map>, D>(s.data, d); \
      return true;                                      \
    } else {                                            \
      break;                                            \
    }
#define NANOFLUX_DETAIL_CASES_8(b)                                                                \
  NANOFLUX_DETAIL_CASE(b + 0) NANOFLUX_DETAIL_CASE(b + 1) NANOFLUX_DETAIL_CASE(b + 2)            \
  NANOFLUX_DETAIL_CASE(b + 3) NANOFLUX_DETAIL_CASE(b + 4) NANOFLUX_DETAIL_CASE(b + 5)            \
  NANOFLUX_DETAIL_CASE(b + 6) NANOFLUX_DETAIL_CASE(b + 7)
  template <std::size_t Last, class Slot>
  NANOFLUX_INLINE bool visit(std::size_t tag, Slot& s) const {
    switch (tag) {
      NANOFLUX_DETAIL_CASES_8(0)
      NANOFLUX_DETAIL_CASES_8(8)
      NANOFLUX_DETAIL_CASES_8(16)
      NANOFLUX_DETAIL_CASES_8(24)
      NANOFLUX_DETAIL_CASES_8(32)
      NANOFLUX_DETAIL_CASES_8(40)
      NANOFLUX_DETAIL_CASES_8(48)
      NANOFLUX_DETAIL_CASES_8(56)
      default:
        break;
    }
    if constexpr (Last < N) {
      queue::deliver<action_at<Last, Map>, D>(s.data, d);
      return true;
    } else {
      return false;  // tag == N: no action
    }
  }
#undef NANOFLUX_DETAIL_CASES_8
#undef NANOFLUX_DETAIL_CASE
  template <class Slot>
  NANOFLUX_INLINE void deliver(Slot& s) const {
    std::size_t const tag = s.tag;
#if defined(__clang__)
    // tag < N: clang then drops the jump table's bounds check.
    if (tag >= N) __builtin_unreachable();
    visit<N>(tag, s);
#else
    // g++ (12) keeps the bounds check even so: the default is then the last action, as
    // in a hand-written switch (for a few actions: one compare fewer).
    visit<N - 1>(tag, s);
#endif
  }
  template <class Slot>
  NANOFLUX_INLINE bool deliver_or_skip(Slot& s) const { return visit<N>(s.tag, s); }
};
// The table, for larger sets.
template <class D>
struct table_delivery {
  D& d;
  void (*const* table)(void*, D&);
  std::size_t no_action;
  template <class Slot>
  NANOFLUX_INLINE bool deliver_or_skip(Slot& s) const {
    std::size_t const tag = s.tag;
    table[tag](s.data, d);
    return tag != no_action;
  }
  template <class Slot>
  NANOFLUX_INLINE void deliver(Slot& s) const { table[s.tag](s.data, d); }
};

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

  // How a drain into D dispatches a slot: a switch, or deliver_table for large sets.
  template <class D>
  static constexpr auto delivery(D& d) noexcept {
    if constexpr (sizeof...(A) <= switch_limit)
      return switch_delivery<D, map, sizeof...(A)>{d};
    else
      return table_delivery<D>{d, deliver_table<D, A...>, no_action};
  }
  // destroy[tag](p) destroys the action with that tag at p.
  static constexpr auto destroy = destroy_table<A...>;
  static constexpr bool trivially_destructible[] = {std::is_trivially_destructible_v<A>...};
  static constexpr bool all_trivially_destructible = all_of(trivially_destructible);
};

}  // namespace nanoflux::detail::queue

#endif
