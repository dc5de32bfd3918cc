#pragma once
// Time in Quartz: a 64-bit count of master-clock ticks. On the IBM PC and PC/AT a single
// 14.31818 MHz crystal (4 x the NTSC colour subcarrier, 315/22 MHz) drives the CPU clock
// generator (8284A: /3 on the PC), the 8253/8254 (/12) and the CGA dot clock, so every
// component converts its own clock to and from these ticks.
#include <cstdint>
#include <limits>

namespace quartz {

using Tick = std::uint64_t;
inline constexpr Tick kNever = std::numeric_limits<Tick>::max();

// The master crystal as an exact rational: 315/22 MHz.
inline constexpr std::uint64_t kMasterHzNum = 315'000'000;
inline constexpr std::uint64_t kMasterHzDen = 22;
inline constexpr double kMasterHz = double(kMasterHzNum) / double(kMasterHzDen);

// A clock derived from the master crystal, as the exact ratio master/derived =
// ticks_per / cycles_per (e.g. 3/1 for the 4.77 MHz 8088, 12/1 for the PIT).
struct ClockRatio {
  std::uint64_t ticks_per = 1;   // master ticks ...
  std::uint64_t cycles_per = 1;  // ... per this many derived cycles

  // First master tick at or after the start of derived cycle `c` (rounded up, so that
  // to_cycles(to_ticks(c)) == c for any clock slower than the master).
  constexpr Tick to_ticks(std::uint64_t c) const {
    return Tick(((unsigned __int128)c * ticks_per + cycles_per - 1) / cycles_per);
  }
  // Number of whole derived cycles completed by master tick `t`.
  constexpr std::uint64_t to_cycles(Tick t) const {
    return std::uint64_t((unsigned __int128)t * cycles_per / ticks_per);
  }
  // A clock of `hz` Hertz, expressed against the exact master frequency.
  static constexpr ClockRatio from_hz(std::uint64_t hz) {
    // master/hz = (315e6/22)/hz = 315e6 / (22*hz); reduce by gcd.
    std::uint64_t a = kMasterHzNum, b = kMasterHzDen * hz;
    std::uint64_t x = a, y = b;
    while (y) { std::uint64_t r = x % y; x = y; y = r; }
    return ClockRatio{a / x, b / x};
  }
};

inline constexpr ClockRatio kPitClock{12, 1};  // 1.193182 MHz

// Seconds <-> ticks for user-facing options (--max-seconds, --screenshot-at).
inline constexpr Tick seconds_to_ticks(double s) { return Tick(s * kMasterHz); }
inline constexpr double ticks_to_seconds(Tick t) { return double(t) / kMasterHz; }

}  // namespace quartz
