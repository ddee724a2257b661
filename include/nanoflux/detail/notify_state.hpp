// nanoflux: the reentrancy state of the in-store subscriber list (fixed_subscriber_list):
// notifying, deferred. (The heap list, subscriber_list, keeps its own, tuned so that
// deferral costs its notify() nothing: see there.)
#ifndef NANOFLUX_DETAIL_NOTIFY_STATE_HPP
#define NANOFLUX_DETAIL_NOTIFY_STATE_HPP

#include <nanoflux/detail/config.hpp>

#include <utility>

namespace nanoflux::detail {

// List (CRTP) provides:
//   static void call(Entry const* first, Entry const* last, void const* value);
//   void end_outermost_notify() const noexcept;  // cold: the work left in pending_,
//                                                // then clears pending_ and notifying_bit
//
// notify() runs the entries [first, last) given when it starts (last: a pointer, or
// the number of entries, as List::call takes it). A notify while one
// runs (a subscriber notifies again) is nested: it runs its own walk and leaves the
// clean-up to the outermost one.
//
// Deferral (consistent views, see consistent_views.hpp): between begin_deferral() and
// the matching end_deferral(), notify() only records that it was called; end_deferral()
// of the last deferral says whether it was, and the caller then notifies once.
// Deferrals nest (a store connected to two dispatchers, one dispatching inside the
// other's dispatch), and they nest inside notifies, never across one: a deferral that
// begins during a notify (a subscriber dispatches) ends before that notify does.
template <class List>
class notify_state {
public:
  void begin_deferral() noexcept {
    if (defer_depth_++ == 0) state_ |= deferring_bit;
  }
  // True when this ended the last deferral and a notify was deferred meanwhile.
  [[nodiscard]] bool end_deferral() noexcept {
    if (--defer_depth_ != 0) return false;
    state_ &= static_cast<unsigned char>(~deferring_bit);
    return std::exchange(deferred_, false);
  }

protected:
  static constexpr unsigned char notifying_bit = 1, deferring_bit = 2;

  bool notifying() const noexcept { return (state_ & notifying_bit) != 0; }

  template <class Entry, class Last>
  NANOFLUX_INLINE void notify_entries(Entry const* first, Last last, void const* value) const {
#if defined(__clang__) || defined(__OPTIMIZE_SIZE__)
    // One path for the outermost and the nested notify, finished by a scope object:
    // clang's inliner then takes store::notify() into the store's on() (with the
    // try/catch below it does not: bench/README.md, section 1). At -Os (g++ too): one
    // call loop instead of two, the smaller code.
    unsigned char const state = state_;
    if (state & deferring_bit) [[unlikely]] {
      deferred_ = true;
      return;
    }
    finish_notify const finish{this, state == 0};
    state_ = notifying_bit;
    List::call(first, last, value);
#else
    // g++: a try/catch. A flag kept across the calls (as above, with the nested path
    // inline) lived on the stack in a busy loop, and a load after the calls of what was
    // stored before them measurably slows a store notifying in a loop.
    if (state_ != 0) [[unlikely]] {  // a subscriber notifies again, or deferred
      if (state_ & deferring_bit)
        deferred_ = true;
      else
        List::call(first, last, value);
      return;
    }
    state_ = notifying_bit;
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
#endif
      List::call(first, last, value);
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    } catch (...) {
      self().end_outermost_notify();
      throw;
    }
#endif
    finish_outermost_notify();
#endif
  }

  // The end of the outermost notify, after its calls. Work left by the subscribers is
  // in pending_, a byte the calls may have written but notify() has not: reading back
  // the state, which notify() stored just before the calls, made the JavaScript
  // scenario benchmark 3x slower. No deferral can be active here (see above).
  NANOFLUX_INLINE void finish_outermost_notify() const {
    if (pending_ != 0) [[unlikely]]
      self().end_outermost_notify();
    else
      state_ = 0;
  }

  mutable unsigned char state_ = 0;    // notifying_bit | deferring_bit
  mutable unsigned char pending_ = 0;  // work left for the outermost notify (List's bits)
  mutable bool deferred_ = false;      // notify() was called while deferring
  unsigned short defer_depth_ = 0;

private:
  List const& self() const noexcept { return static_cast<List const&>(*this); }

  // Ends a notify on every way out (clang's notify()): only the outermost one.
  struct finish_notify {
    notify_state const* state;
    bool outermost;
    NANOFLUX_INLINE ~finish_notify() {
      if (outermost) state->finish_outermost_notify();
    }
  };
};

}  // namespace nanoflux::detail

#endif
