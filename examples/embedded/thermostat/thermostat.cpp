// A thermostat firmware, laid out as firmware is: the stores and the dispatcher are
// globals (constinit: no start-up code), no heap, no exceptions, no RTTI, no C library
// (output through semihosting). Four stores: the sensor averages the last four
// readings, the setpoint follows the knob, the heater switches with hysteresis once
// both have updated (depends_on), and the statistics follow the heater (depends_on).
// The main loop simulates 600 s of a room heated by it.
//
// Built for Cortex-M0, M3 and M4, at -Os and -Og, as:
//   (default)      nanoflux::static_dispatcher<...>, every store promising that its
//                  handlers never dispatch: no nested-dispatch flag
//   NF_CHECKED     the same without the promises: a one-byte flag, checked and set
// (all of them with NANOFLUX_ERROR_MESSAGES=0 but one NF_CHECKED build)
//   NF_POINTERS    a constinit nanoflux::dispatcher holding the stores' addresses
//                  (with the promises)
//   NF_LOCAL       a nanoflux::dispatcher local to the main loop (with the promises)
//   HAND_WRITTEN   the same on() calls written by hand, in dependency order
// and the tests compare the sizes (README, "Embedded").
#include "semihosting.hpp"

#ifndef HAND_WRITTEN
#include <nanoflux/static_dispatcher.hpp>
#endif

#include <cstdint>

#if defined(HAND_WRITTEN) || defined(NF_CHECKED)
#define PROMISE_HANDLERS_NEVER_DISPATCH
#else
// These stores' handlers only update the store and print: they never dispatch.
#define PROMISE_HANDLERS_NEVER_DISPATCH static constexpr bool handlers_never_dispatch = true;
#endif

// --- actions -------------------------------------------------------------------------
struct temperature_read {  // a sensor reading, in tenths of a degree Celsius
  std::int16_t tenths;
};
struct setpoint_set {  // the knob was turned (tenths of a degree)
  std::int16_t tenths;
};
struct second_elapsed {};  // the one-second timer

namespace {
void write_tenths(int tenths) {
  semihosting::write_number(static_cast<unsigned>(tenths / 10));
  semihosting::write(".");
  semihosting::write_number(static_cast<unsigned>(tenths % 10));
  semihosting::write(" C");
}
}  // namespace

// --- stores --------------------------------------------------------------------------
// The average of the last four readings (the first reading fills all four).
class sensor_store {
public:
  PROMISE_HANDLERS_NEVER_DISPATCH
  constexpr sensor_store() = default;

  void on(temperature_read const& r) {
    if (!primed_) {
      for (auto& s : samples_) s = r.tenths;
      sum_ = 4 * r.tenths;
      primed_ = true;
    }
    sum_ += r.tenths - samples_[next_];
    samples_[next_] = r.tenths;
    next_ = (next_ + 1) % 4;
  }
  int average() const { return sum_ / 4; }

private:
  std::int16_t samples_[4]{};
  int sum_ = 0;
  std::uint8_t next_ = 0;
  bool primed_ = false;
};

// The target temperature, clamped to 5.0-30.0 C.
class setpoint_store {
public:
  PROMISE_HANDLERS_NEVER_DISPATCH
  constexpr setpoint_store() = default;

  void on(setpoint_set const& s) { target_ = s.tenths < 50 ? 50 : s.tenths > 300 ? 300 : s.tenths; }
  int target() const { return target_; }

private:
  std::int16_t target_ = 200;
};

// On at target - 1.0 C or below, off at target + 1.0 C or above; runs after the sensor and the
// setpoint in every dispatch, so it always sees this reading's average and this knob.
class heater_store {
public:
  PROMISE_HANDLERS_NEVER_DISPATCH
#ifndef HAND_WRITTEN
  using depends_on = nanoflux::stores<sensor_store, setpoint_store>;
#endif
  static constexpr int band = 10;
  constexpr heater_store(sensor_store const& sensor, setpoint_store const& setpoint)
      : sensor_(sensor), setpoint_(setpoint) {}

  void on(temperature_read const&) { decide(); }
  void on(setpoint_set const&) { decide(); }
  bool heating() const { return on_; }
  unsigned switches() const { return switches_; }

private:
  void decide() {
    int const t = sensor_.average(), target = setpoint_.target();
    if (on_ ? t >= target + band : t <= target - band) {
      on_ = !on_;
      ++switches_;
      semihosting::write(on_ ? "heater on at " : "heater off at ");
      write_tenths(t);
      semihosting::write(", target ");
      write_tenths(target);
      semihosting::write("\n");
    }
  }
  sensor_store const& sensor_;
  setpoint_store const& setpoint_;
  bool on_ = false;
  unsigned switches_ = 0;
};

// Seconds of heating, and the lowest and highest average seen.
class stats_store {
public:
  PROMISE_HANDLERS_NEVER_DISPATCH
#ifndef HAND_WRITTEN
  using depends_on = nanoflux::stores<heater_store>;
#endif
  constexpr stats_store(sensor_store const& sensor, heater_store const& heater) : sensor_(sensor), heater_(heater) {}

  void on(temperature_read const&) {
    int const t = sensor_.average();
    if (t < min_) min_ = t;
    if (t > max_) max_ = t;
  }
  void on(second_elapsed) {
    ++seconds_;
    heating_seconds_ += heater_.heating();
  }
  unsigned seconds() const { return seconds_; }
  unsigned heating_seconds() const { return heating_seconds_; }
  int min() const { return min_; }
  int max() const { return max_; }

private:
  sensor_store const& sensor_;
  heater_store const& heater_;
  unsigned seconds_ = 0, heating_seconds_ = 0;
  int min_ = 1000, max_ = -1000;
};

// --- the globals: stores and dispatcher, constinit ------------------------------------
constinit sensor_store sensor;
constinit setpoint_store setpoint;
constinit heater_store heater{sensor, setpoint};
constinit stats_store stats{sensor, heater};

#if defined(HAND_WRITTEN) || defined(NF_LOCAL)
#elif defined(NF_POINTERS)
constinit nanoflux::dispatcher dispatch{heater, stats, sensor, setpoint};  // depends_on sets the order
#else
constinit nanoflux::static_dispatcher<heater, stats, sensor, setpoint> dispatch;  // depends_on sets the order
#endif

#ifndef HAND_WRITTEN
// The program's error hook (no stdio here: it reports through semihosting). nanoflux
// reports a nested dispatch or a subscriber past the capacity to it; none happens.
void nanoflux::on_error(nanoflux::error_info const& e) noexcept {
  if (e.message) semihosting::write(e.message);  // null with NANOFLUX_ERROR_MESSAGES=0
  semihosting::exit(false);
}
#endif

#ifdef PROVE_NO_HEAP
// Used by a test: any heap use must make the link fail (there is no malloc/new here).
int* volatile heap_probe = new int(1);
#endif

namespace {
struct knob_turn {
  unsigned at_second;
  std::int16_t tenths;
};
// 21.0 C, then 19.0 C, then 99.9 C (clamped to 30.0 C).
constexpr knob_turn knob_turns[] = {{0, 210}, {200, 190}, {400, 999}};
}  // namespace

int firmware_main() {
#ifdef NF_LOCAL
  nanoflux::dispatcher dispatch{heater, stats, sensor, setpoint};
#endif
  // 18.0 C; the heater adds 0.1 C per second, the walls lose 0.1 C every third second.
  int room = 180;
  unsigned knob = 0;
  for (unsigned second = 0; second < 600; ++second) {
    temperature_read const reading{static_cast<std::int16_t>(room)};
#ifdef HAND_WRITTEN
    sensor.on(reading);
    heater.on(reading);
    stats.on(reading);
#else
    dispatch(reading);
#endif
    if (knob < sizeof knob_turns / sizeof knob_turns[0] && knob_turns[knob].at_second == second) {
      setpoint_set const turn{knob_turns[knob++].tenths};
#ifdef HAND_WRITTEN
      setpoint.on(turn);
      heater.on(turn);
#else
      dispatch(turn);
#endif
    }
#ifdef HAND_WRITTEN
    stats.on(second_elapsed{});
#else
    dispatch(second_elapsed{});
#endif
    room += (heater.heating() ? 1 : 0) - (second % 3 == 0 ? 1 : 0);
  }

  semihosting::write("switches ");
  semihosting::write_number(heater.switches());
  semihosting::write(", heating ");
  semihosting::write_number(stats.heating_seconds());
  semihosting::write(" of ");
  semihosting::write_number(stats.seconds());
  semihosting::write(" s, min ");
  write_tenths(stats.min());
  semihosting::write(", max ");
  write_tenths(stats.max());
  semihosting::write("\n");
  return 0;
}
