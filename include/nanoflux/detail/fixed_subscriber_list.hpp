// nanoflux: the subscriber list held inside a store<Derived, fixed_subscribers<N>>:
// N slots, each holding a callable in place. No heap, no shared_ptr, no std::function.
#ifndef NANOFLUX_DETAIL_FIXED_SUBSCRIBER_LIST_HPP
#define NANOFLUX_DETAIL_FIXED_SUBSCRIBER_LIST_HPP

#include <nanoflux/detail/config.hpp>
#include <nanoflux/detail/notify_state.hpp>
#include <nanoflux/error.hpp>
#include <nanoflux/subscription.hpp>

#include <concepts>
#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace nanoflux::detail {

// The alignment of a slot's storage: enough for pointers, doubles and 64-bit integers.
inline constexpr std::size_t slot_alignment =
    alignof(void*) > alignof(double) ? (alignof(void*) > alignof(long long) ? alignof(void*) : alignof(long long))
                                     : (alignof(double) > alignof(long long) ? alignof(double) : alignof(long long));

// A slot's alignment: slot_alignment, or less for a slot too small to hold anything
// that needs it (a type's size is a multiple of its alignment): a slot of one pointer
// on Cortex-M is 4-aligned, and packs with the store's other members.
constexpr std::size_t floor_power_of_two(std::size_t n) noexcept {
  std::size_t p = 1;
  while (p <= n / 2) p *= 2;
  return p;
}
template <std::size_t SlotBytes>
inline constexpr std::size_t slot_alignment_for =
    SlotBytes >= slot_alignment ? slot_alignment : floor_power_of_two(SlotBytes);

// The readable error for a callable that does not fit in a slot. It is instantiated
// with the sizes as its arguments, so that the compiler prints them.
template <std::size_t CallableBytes, std::size_t SlotBytes, std::size_t CallableAlignment, std::size_t SlotAlignment>
struct subscriber_fits_in_slot {
  // An error here means the callable given to subscribe() on a store with
  // fixed_subscribers<N, SlotBytes> (or permanent_subscribers) is larger than a slot
  // (the first two numbers of 'subscriber_fits_in_slot<callable bytes, slot bytes, ...>'
  // above). Capture less (one pointer to a struct holding the rest), or give the store
  // a larger slot: nanoflux::fixed_subscribers<N, SlotBytes>.
  static_assert(CallableBytes <= SlotBytes,
                "nanoflux: this subscriber is too large for a slot of fixed_subscribers<N, SlotBytes> (or "
                "permanent_subscribers<N, SlotBytes>; its size and the slot's: the first two numbers of "
                "'subscriber_fits_in_slot<...>' above; the default slot holds 3 pointers)");
  // An error here means the callable needs a stricter alignment than a slot gives (the
  // last two numbers above).
  static_assert(CallableAlignment <= SlotAlignment,
                "nanoflux: this subscriber is over-aligned for a slot of fixed_subscribers<N, SlotBytes> (or "
                "permanent_subscribers<N, SlotBytes>)");
  static constexpr bool ok = true;
};

// The owner of a slot unsubscribed during a notify (see fixed_slot).
inline constexpr char removed_slot_tag = 0;

// One slot: the callable's storage and the functions that call, move and destroy it.
// (No flag for a slot unsubscribed during a notify: its owner then points at a tag
// object, which no subscription can be. A flag would cost a slot its alignment: 8
// bytes on Cortex-M, where a default slot is 24.)
template <std::size_t SlotBytes>
struct fixed_slot {
  alignas(slot_alignment_for<SlotBytes>) unsigned char storage[SlotBytes];  // first: its address is the slot's
  void (*invoke)(void* target, void const* value);
  // to != nullptr: move-constructs the callable at `to` from `from` and destroys
  // `from`; to == nullptr: destroys `from`.
  void (*manage)(void* to, void* from) noexcept;
  subscription* owner;  // the handle to keep informed; nullptr once released

  // Unsubscribed during a notify: erased when the outermost notify returns.
  void mark_removed() noexcept { owner = removed_mark(); }
  bool removed() const noexcept { return owner == removed_mark(); }
  static subscription* removed_mark() noexcept {
    return reinterpret_cast<subscription*>(const_cast<char*>(&removed_slot_tag));
  }
};

// The smallest unsigned type that counts to N.
template <std::size_t N>
using slot_count = std::conditional_t<(N <= 0xff), unsigned char,
                                      std::conditional_t<(N <= 0xffff), unsigned short, std::size_t>>;

// At -Os, notify() is a call (one copy per list type, shared by the stores that use
// it) rather than inlined into every store's on(): smaller firmware. Otherwise inlined.
#if defined(__OPTIMIZE_SIZE__)
#define NANOFLUX_DETAIL_NOTIFY_INLINE [[gnu::noinline]]
#else
#define NANOFLUX_DETAIL_NOTIFY_INLINE NANOFLUX_INLINE
#endif

template <class F, class Value>
void invoke_in_slot(void* target, void const* value) {
  F& f = *std::launder(static_cast<F*>(target));
  if constexpr (std::invocable<F&, Value const&>)
    f(*static_cast<Value const*>(value));
  else
    f();
}
template <class F>
void manage_in_slot(void* to, void* from) noexcept {
  F* const f = std::launder(static_cast<F*>(from));
  if (to != nullptr) ::new (to) F(std::move(*f));
  f->~F();
}

// The link a fixed store's subscription holds: the list and the slot's index, both
// kept current by the list (through the slot's owner) when the slot or the store moves.
struct fixed_link {
  void* list;
  std::size_t slot;
};

// Reentrancy rules: those of subscriber_list (notify calls the subscribers present
// when it started, in subscription order; one removed meanwhile is not called, and its
// callable lives until the outermost notify returns; one added meanwhile is called
// from the next notify on). How: the slots are in subscription order and never move
// while a notify runs; notify walks [first, last) as they were when it started;
// subscribe appends after them; unsubscribe during a notify marks the slot (its call
// becomes a no-op), and the outermost notify erases the marked slots when it returns.
// A marked slot counts towards N until then.
//
// A subscription that outlives its store: each slot knows its subscription (owner),
// each subscription its slot; moving either updates the other, and destroying the store
// makes its subscriptions inactive.
template <std::size_t N, std::size_t SlotBytes>
class fixed_subscriber_list : public notify_state<fixed_subscriber_list<N, SlotBytes>> {
  static_assert(N > 0, "nanoflux: fixed_subscribers<N> needs N > 0");
  using base = notify_state<fixed_subscriber_list>;
  using slot = fixed_slot<SlotBytes>;

public:
  static constexpr std::size_t capacity = N;
  static constexpr std::size_t slot_bytes = SlotBytes;

  fixed_subscriber_list() noexcept = default;
  fixed_subscriber_list(fixed_subscriber_list const&) = delete;
  fixed_subscriber_list& operator=(fixed_subscriber_list const&) = delete;

  // The subscribers move with the list (their subscriptions follow). Not during a notify.
  fixed_subscriber_list(fixed_subscriber_list&& other) noexcept { take(other); }
  fixed_subscriber_list& operator=(fixed_subscriber_list&& other) noexcept {
    if (this != &other) {
      clear();
      take(other);
    }
    return *this;
  }

  ~fixed_subscriber_list() { clear(); }

  // Subscribes a copy of f into the next slot; on a full list reports capacity_error
  // (throws, or calls the error hook) and returns an inactive subscription.
  template <class Value, class F>
  subscription add(F&& f) {
    using fn = std::decay_t<F>;
    // (In a decltype rather than a static_assert on ::ok: clang would report that too.)
    using fits [[maybe_unused]] =
        decltype(subscriber_fits_in_slot<sizeof(fn), SlotBytes, alignof(fn), slot_alignment_for<SlotBytes>>{});
    // An error here means the callable can throw when moved (slots move when the store
    // moves, or when an earlier subscriber is removed): give it a noexcept move.
    static_assert(std::is_nothrow_move_constructible_v<fn>,
                  "nanoflux: a subscriber of a store with fixed_subscribers<N> must be nothrow move constructible");
    subscription s;
    if (std::size_t const i = place<Value>(std::forward<F>(f), &s); i != N)
      subscription_access::make(s, &ops, fixed_link{this, i});
    return s;  // the move to the caller's object updates the slot's owner (no copy
               // elision is assumed: a named return value, moved or not)
  }

  // The same without a handle: f stays subscribed for the list's lifetime. Nothing
  // of the handle's code (ending, moving, releasing) is referenced. False when full.
  template <class Value, class F>
  bool add_permanently(F&& f) {
    using fn = std::decay_t<F>;
    // The same errors as add()'s (here, so that they are reported one instantiation deep).
    using fits [[maybe_unused]] =
        decltype(subscriber_fits_in_slot<sizeof(fn), SlotBytes, alignof(fn), slot_alignment_for<SlotBytes>>{});
    static_assert(std::is_nothrow_move_constructible_v<fn>,
                  "nanoflux: a subscriber of a store with fixed_subscribers<N> must be nothrow move constructible");
    return place<Value>(std::forward<F>(f), nullptr) != N;
  }

  // Inlined into store::notify() (at -Os: called): the calls are the only cost.
  NANOFLUX_DETAIL_NOTIFY_INLINE void notify(void const* value) const {
    slot const* const first = slots_;
    this->notify_entries(first, used(), value);  // later additions wait
  }

  // The subscribers not unsubscribed (those unsubscribed during the current notify
  // keep their slots until it returns).
  std::size_t size() const noexcept {
    std::size_t n = 0;
    for (std::size_t k = 0; k < used(); ++k) n += slots_[k].removed() ? 0 : 1;
    return n;
  }

private:
  friend base;
  using count = slot_count<N>;

  // Puts a copy of f in the next slot, owned by `owner` (nullptr: none); returns its
  // index, or N when the list is full (after reporting capacity_error).
  template <class Value, class F>
  std::size_t place(F&& f, subscription* owner) {
    using fn = std::decay_t<F>;
    if constexpr (sizeof(fn) <= SlotBytes && alignof(fn) <= slot_alignment_for<SlotBytes> &&
                  std::is_nothrow_move_constructible_v<fn>) {  // otherwise: only the errors above
      std::size_t const i = used();
      if (i == N) [[unlikely]] {
        report_capacity_exceeded();
        return N;
      }
      slot& e = slots_[i];
      ::new (static_cast<void*>(e.storage)) fn(std::forward<F>(f));  // may throw: nothing changed yet
      e.invoke = &invoke_in_slot<fn, Value>;
      e.manage = &manage_in_slot<fn>;
      e.owner = owner;
      size_ = static_cast<count>(i + 1);
      return i;
    } else {
      return N;
    }
  }

  // The slots in use, marked ones included: at most N (which lets the compiler drop
  // the loops that move slots when N is 1).
  std::size_t used() const noexcept {
    std::size_t const n = size_;
    if (n > N) __builtin_unreachable();
    return n;
  }

  // (A count rather than an end pointer: no multiplication by the slot's size.)
  NANOFLUX_INLINE static void call(slot const* e, std::size_t n, void const* value) {
    for (; n != 0; --n, ++e) e->invoke(const_cast<void*>(static_cast<void const*>(e->storage)), value);
  }

  static void skip_removed(void*, void const*) noexcept {}

  void remove(std::size_t i) noexcept {
    slot& e = slots_[i];
    if (this->notifying()) {
      e.mark_removed();
      e.invoke = &skip_removed;
      this->pending_ = 1;
      return;
    }
    e.manage(nullptr, e.storage);
    std::size_t const n = used();
    if constexpr (N > 1)  // (with one slot, nothing follows it)
      for (std::size_t k = i + 1; k < n; ++k) move_slot(k, k - 1);
    size_ = static_cast<count>(n - 1);
  }

  // Moves slot `from` of `source` into the empty slot `to` of *this.
  void move_slot_from(fixed_subscriber_list& source, std::size_t from, std::size_t to) noexcept {
    slot& src = source.slots_[from];
    slot& dst = slots_[to];
    src.manage(dst.storage, src.storage);
    dst.invoke = src.invoke;
    dst.manage = src.manage;
    dst.owner = src.owner;
    if (dst.owner != nullptr) subscription_access::link<fixed_link>(*dst.owner) = fixed_link{this, to};
  }
  void move_slot(std::size_t from, std::size_t to) noexcept { move_slot_from(*this, from, to); }

  [[gnu::cold, gnu::noinline]] void end_outermost_notify() const noexcept {
    auto& self = const_cast<fixed_subscriber_list&>(*this);  // the slots are mutable state
    std::size_t const n = used();
    std::size_t kept = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (self.slots_[k].removed())
        self.slots_[k].manage(nullptr, self.slots_[k].storage);
      else if (kept++ != k)
        if constexpr (N > 1) self.move_slot(k, kept - 1);  // (with one slot, kept == k)
    }
    self.size_ = static_cast<count>(kept);
    this->pending_ = 0;
    this->state_ &= static_cast<unsigned char>(~base::notifying_bit);
  }

  void take(fixed_subscriber_list& other) noexcept {
    std::size_t const n = other.used();
    std::size_t kept = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (other.slots_[k].removed())
        other.slots_[k].manage(nullptr, other.slots_[k].storage);
      else
        move_slot_from(other, k, kept++);
    }
    size_ = static_cast<count>(kept);
    other.size_ = 0;
  }

  // Destroys every callable; their subscriptions become inactive. (Not during a
  // notify: no slot is marked.)
  void clear() noexcept {
    std::size_t const n = used();
    for (std::size_t k = 0; k < n; ++k) {
      if (slots_[k].owner != nullptr) subscription_access::deactivate(*slots_[k].owner);
      slots_[k].manage(nullptr, slots_[k].storage);
    }
    size_ = 0;
  }

  // The subscription ops of this kind of list.
  static void end(subscription& s) noexcept {
    fixed_link const l = subscription_access::link<fixed_link>(s);
    static_cast<fixed_subscriber_list*>(l.list)->remove(l.slot);
  }
  static void move(subscription& to, subscription& from) noexcept {
    fixed_link const l = subscription_access::link<fixed_link>(from);
    ::new (subscription_access::storage(to)) fixed_link(l);
    static_cast<fixed_subscriber_list*>(l.list)->slots_[l.slot].owner = &to;
  }
  static void forget(subscription& s) noexcept {
    fixed_link const l = subscription_access::link<fixed_link>(s);
    static_cast<fixed_subscriber_list*>(l.list)->slots_[l.slot].owner = nullptr;
  }
  static constexpr subscription_ops ops{&end, &move, &forget, nullptr};

  // Declared first: the count fits in the padding after notify_state's bytes.
  count size_ = 0;   // slots in use, marked ones included
  slot slots_[N]{};  // initialised: a global store can be constinit
};

}  // namespace nanoflux::detail

#endif
