// Firmware for an ARM Cortex-M3 (QEMU's mps2-an385): a debounced push button cycles
// an LED through off -> on -> blinking -> off. Actions are sampled inputs and timer
// ticks; stores are the debouncer and the LED state machine. No heap, no exceptions,
// no RTTI, no C library: output goes through semihosting.
//
// Built twice: with nanoflux (default) and with the dispatch written by hand
// (-DHAND_WRITTEN); the two images have the same size (see README).
#include "semihosting.hpp"

#ifndef HAND_WRITTEN
#include <nanoflux/dispatcher.hpp>
#endif

#include <cstdint>

// --- actions -------------------------------------------------------------------------
struct button_sample {  // the raw pin level, read once per millisecond
  bool pressed;
};
struct timer_tick {};  // every millisecond, after the sample

// --- stores --------------------------------------------------------------------------
// A press counts once the pin has been stable for 5 samples.
class debounce_store {
public:
  static constexpr std::uint8_t stable_samples = 5;

  void on(button_sample const& s) {
    just_pressed_ = false;
    if (s.pressed == raw_) {
      if (count_ < stable_samples && ++count_ == stable_samples && raw_ != stable_) {
        stable_ = raw_;
        just_pressed_ = stable_;
      }
    } else {
      raw_ = s.pressed;
      count_ = 1;
    }
  }
  bool just_pressed() const { return just_pressed_; }

private:
  bool raw_ = false, stable_ = false, just_pressed_ = false;
  std::uint8_t count_ = 0;
};

enum class led_mode : std::uint8_t { off, on, blinking };

// Waits for the debouncer in every dispatch (depends_on), then reacts to a press.
class led_store {
public:
#ifndef HAND_WRITTEN
  using depends_on = nanoflux::stores<debounce_store>;
#endif
  explicit led_store(debounce_store const& button) : button_(button) {}

  void on(button_sample const&) {
    if (!button_.just_pressed()) return;
    mode_ = mode_ == led_mode::off  ? led_mode::on
            : mode_ == led_mode::on ? led_mode::blinking
                                    : led_mode::off;
    phase_ = 0;
    ++presses_;
    last_press_ms_ = now_ms_;
    report();
  }
  void on(timer_tick) {
    ++now_ms_;
    if (mode_ == led_mode::blinking && ++phase_ == 20) {  // toggles every 20 ms
      phase_ = 0;
      ++toggles_;
    }
  }
  bool lit() const { return mode_ == led_mode::on || (mode_ == led_mode::blinking && toggles_ % 2 == 0); }
  led_mode mode() const { return mode_; }
  unsigned presses() const { return presses_; }
  unsigned toggles() const { return toggles_; }
  unsigned last_press_ms() const { return last_press_ms_; }

private:
  void report() const {
    semihosting::write("press ");
    semihosting::write_number(presses_);
    semihosting::write(" at ");
    semihosting::write_number(now_ms_);
    semihosting::write(" ms: led ");
    semihosting::write(mode_ == led_mode::off ? "off" : mode_ == led_mode::on ? "on" : "blinking");
    semihosting::write("\n");
  }
  debounce_store const& button_;
  led_mode mode_ = led_mode::off;
  std::uint8_t phase_ = 0;
  unsigned presses_ = 0, toggles_ = 0;
  unsigned now_ms_ = 0, last_press_ms_ = 0;  // time from the ticks seen so far
};

// --- the simulated button: bouncy presses at fixed times ---------------------------------
namespace {
bool pin_level(unsigned ms) {
  // Three presses of 50 ms starting at 100, 300 and 500 ms, each bouncing for 3 ms,
  // plus a 2 ms glitch at 700 ms that the debouncer must ignore.
  constexpr unsigned starts[] = {100, 300, 500};
  for (unsigned start : starts) {
    if (ms >= start && ms < start + 3) return (ms - start) % 2 == 0;  // bounce
    if (ms >= start + 3 && ms < start + 50) return true;
  }
  return ms >= 700 && ms < 702;
}
}  // namespace

#ifndef HAND_WRITTEN
// The program's error hook, defined once (any file may; no setting anywhere else). No
// stdio on this target: it reports through semihosting. Without it, an error (a nested
// dispatch, which this firmware never does) would stop at a trap instruction.
void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  // No string literal here: literals share one section per file, which the linker
  // keeps for the others, so they would stay in flash even when the hook is unused.
  if (e.message) semihosting::write(e.message);
  if (e.action) semihosting::write(e.action);
  semihosting::exit(false);
}
#endif

#ifdef PROVE_NO_HEAP
// Used by a test: any heap use must make the link fail (there is no malloc/new here).
int* volatile heap_probe = new int(1);
#endif

int firmware_main() {
  debounce_store button;
  led_store led(button);
#ifndef HAND_WRITTEN
  nanoflux::dispatcher dispatcher{led, button};  // order given: led first; depends_on fixes it
#endif

  unsigned lit_ms = 0;
  for (unsigned ms = 0; ms < 1000; ++ms) {
    button_sample const sample{pin_level(ms)};
#ifndef HAND_WRITTEN
    dispatcher(sample);
    dispatcher(timer_tick{});
#else
    button.on(sample);  // the same calls, in dependency order, by hand
    led.on(sample);
    led.on(timer_tick{});
#endif
    lit_ms += led.lit();
  }

  semihosting::write("lit for ");
  semihosting::write_number(lit_ms);
  semihosting::write(" ms, ");
  semihosting::write_number(led.toggles());
  semihosting::write(" blink toggles\n");
  // The third press settles at 506 ms (bounce until 502, then 5 stable samples); the LED
  // reacts in that same millisecond because it runs after the debouncer (depends_on).
  bool const ok = led.presses() == 3 && led.last_press_ms() == 506 && led.mode() == led_mode::off &&
                  led.toggles() == 10 && lit_ms == 300;
  semihosting::write(ok ? "firmware: ok\n" : "firmware: WRONG\n");
  return ok ? 0 : 1;
}
