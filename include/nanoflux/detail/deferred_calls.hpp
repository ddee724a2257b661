// nanoflux: calls a store defers to the end of a consistent dispatch (a state_store's
// effects under with_consistent_views()), held on the dispatch's own stack frame: no
// heap, no type erasure beyond one tag compare.
#ifndef NANOFLUX_DETAIL_DEFERRED_CALLS_HPP
#define NANOFLUX_DETAIL_DEFERRED_CALLS_HPP

#include <nanoflux/detail/config.hpp>

#include <cstddef>
#include <new>
#include <tuple>
#include <type_traits>
#include <utility>

namespace nanoflux::detail {

// A type's identity without RTTI: the address of its tag.
template <class T>
inline constexpr char type_tag = 0;

// Room for one tuple of nullary callables (Calls = std::tuple<F...>), run in order by
// run(). Created empty by the consistent-views middleware for each store that may
// defer calls for the action being dispatched; filled (at most once) by that store.
template <class Calls>
class deferred_calls {
public:
  deferred_calls() noexcept = default;
  deferred_calls(deferred_calls const&) = delete;
  deferred_calls& operator=(deferred_calls const&) = delete;
  ~deferred_calls() {
    if (full_) calls().~Calls();
  }

  bool empty() const noexcept { return !full_; }
  void put(Calls&& c) noexcept(std::is_nothrow_move_constructible_v<Calls>) {
    ::new (static_cast<void*>(storage_)) Calls(std::move(c));
    full_ = true;
  }
  // Runs the calls in order; one that throws stops the ones after it. They are
  // destroyed with the slot.
  void run() {
    if (full_) run(std::make_index_sequence<std::tuple_size_v<Calls>>{});
  }

private:
  Calls& calls() noexcept { return *std::launder(reinterpret_cast<Calls*>(storage_)); }
  template <std::size_t... I>
  void run(std::index_sequence<I...>) {
    Calls& c = calls();
    (std::get<I>(c)(), ...);
  }

  alignas(Calls) unsigned char storage_[sizeof(Calls)];
  bool full_ = false;
};

// For a store that defers nothing for the action.
struct no_deferred_calls {
  static constexpr void run() noexcept {}
};

// Where a store puts the calls it defers: a deferred_calls<Calls> slot and Calls' tag.
// Empty outside a consistent dispatch.
struct deferred_calls_target {
  void* slot = nullptr;
  void const* tag = nullptr;

  template <class Calls>
  void point_to(deferred_calls<Calls>& s) noexcept {
    slot = &s;
    tag = &type_tag<Calls>;
  }
  void point_to(no_deferred_calls&) noexcept {}
  // Defers `c` when the target is a slot for its type that is still empty; false when
  // the caller must run the calls itself.
  template <class Calls>
  bool defer(Calls& c) {
    if (tag != &type_tag<Calls>) return false;
    auto& s = *static_cast<deferred_calls<Calls>*>(slot);
    if (!s.empty()) return false;
    s.put(std::move(c));
    return true;
  }
};

}  // namespace nanoflux::detail

#endif
