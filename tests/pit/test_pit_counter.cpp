// PitCounter's closed-form advance(n) against n single CLK pulses through step(), the
// pulse-by-pulse definition of each mode, over random programming sequences.
#include <catch2/catch.hpp>

#include <random>

#include "devices/pit_counter.hpp"

using namespace quartz;

namespace {

void step_n(PitCounter& c, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) c.step();
}

}  // namespace

TEST_CASE("advance(n) equals n pulses of step() in every mode", "[pit][lazy]") {
  std::mt19937 rng(777);
  for (int trial = 0; trial < 2000; ++trial) {
    PitCounter a, b;
    a.set_8253(trial % 12 >= 6);
    b.set_8253(trial % 12 >= 6);
    const int mode = trial % 6;
    const bool bcd = (trial / 6) % 3 == 0;
    const std::uint8_t cw = std::uint8_t(0x30 | mode << 1 | (bcd ? 1 : 0));
    a.write_control(cw);
    b.write_control(cw);
    for (int op = 0; op < 10; ++op) {
      switch (rng() % 4) {
        case 0: {  // a new count (small, so terminal counts and reloads happen)
          std::uint16_t n = std::uint16_t(rng() % 40);
          if (bcd) n = std::uint16_t((n / 10) << 4 | (n % 10));
          for (std::uint8_t byte : {std::uint8_t(n), std::uint8_t(n >> 8)}) {
            a.write_count_byte(byte);
            b.write_count_byte(byte);
          }
          break;
        }
        case 1: {
          bool g = rng() % 3 != 0;
          a.set_gate(g);
          b.set_gate(g);
          break;
        }
        default: {
          std::uint64_t n = rng() % 300;
          a.advance(n);
          step_n(b, n);
          INFO("trial " << trial << " 8253 " << a.is_8253() << " mode " << mode << " op " << op << " after " << n);
          REQUIRE(a.count() == b.count());
          REQUIRE(a.out() == b.out());
          REQUIRE(a.status() == b.status());
          break;
        }
      }
    }
  }
}
