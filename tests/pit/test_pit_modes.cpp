// 8254 counter modes, checked against the Intel 8254 datasheet (order no. 231164) "Mode
// Definitions" text and the mode 0-5 waveform figures. Conventions of these tests: PIT CLK
// pulse k happens at master tick 12k; writes are made at tick 12k + 6, between pulses k and
// k+1, so "the next CLK pulse" after a write at 12k+6 is pulse k+1.
#include <catch2/catch.hpp>

#include <vector>

#include "devices/pit.hpp"

using namespace quartz;

namespace {

constexpr Tick clk(std::uint64_t k) { return kPitClock.to_ticks(k); }
constexpr Tick mid(std::uint64_t k) { return clk(k) + 6; }  // between pulse k and k+1

struct Rig {
  Pit pit;
  std::vector<std::pair<Tick, bool>> edges;
  explicit Rig(int watch = 0, Pit::Variant v = Pit::Variant::i8254) : pit(v) {
    pit.set_out_listener(watch, [this](Tick t, bool l) { edges.emplace_back(t, l); }, true);
  }
  void out(std::uint16_t port, std::uint8_t v, Tick t) {
    pit.sync(t);
    pit.io_write(port, v);
  }
  std::uint8_t in(std::uint16_t port, Tick t) {
    pit.sync(t);
    return pit.io_read(port);
  }
  // Unlatched LSB/MSB read of counter `ch` with both bytes read at tick t.
  std::uint16_t read16(int ch, Tick t) {
    std::uint8_t lo = in(std::uint16_t(0x40 + ch), t);
    std::uint8_t hi = in(std::uint16_t(0x40 + ch), t);
    return std::uint16_t(hi << 8 | lo);
  }
  bool out_at(int ch, Tick t) { return pit.out(ch, t); }
};

}  // namespace

TEST_CASE("mode 0: OUT low on control word, high N+1 clocks after the count write",
          "[pit][mode0]") {
  Rig r;
  r.out(0x43, 0x30, mid(0));  // counter 0, LSB then MSB, mode 0, binary
  CHECK_FALSE(r.pit.out(0));
  r.out(0x40, 5, mid(1));
  r.out(0x40, 0, mid(1));     // count 5 written between pulses 1 and 2
  // Pulse 2 loads CE (no decrement), pulses 3..7 count 4,3,2,1,0: OUT high at pulse 7.
  CHECK(r.read16(0, clk(2)) == 5);
  CHECK(r.read16(0, clk(3)) == 4);
  CHECK_FALSE(r.out_at(0, clk(7) - 1));
  CHECK(r.out_at(0, clk(7)));
  CHECK(r.read16(0, clk(7)) == 0);
  // "The counter continues to decrement after terminal count" with OUT staying high.
  CHECK(r.read16(0, clk(8)) == 0xFFFF);
  CHECK(r.out_at(0, clk(100)));
  REQUIRE(r.edges.size() == 1);
  CHECK(r.edges[0] == std::make_pair(clk(7), true));
}

TEST_CASE("mode 0: GATE low suspends counting, the count still loads", "[pit][mode0]") {
  Rig r(2);
  r.pit.set_gate(2, false, 0);
  r.out(0x43, 0xB0, mid(0));  // counter 2, LSB/MSB, mode 0
  r.out(0x42, 3, mid(0));
  r.out(0x42, 0, mid(0));
  CHECK(r.read16(2, clk(1)) == 3);  // loaded by pulse 1 even with GATE low
  CHECK(r.read16(2, clk(10)) == 3);
  r.pit.set_gate(2, true, mid(10));
  // Counting resumes from pulse 11: 2, 1, 0 -> OUT high at pulse 13.
  CHECK(r.read16(2, clk(11)) == 2);
  CHECK_FALSE(r.out_at(2, clk(13) - 1));
  CHECK(r.out_at(2, clk(13)));
}

TEST_CASE("mode 0: first byte of a new two-byte count stops counting, OUT low at once",
          "[pit][mode0]") {
  Rig r;
  r.out(0x43, 0x30, mid(0));
  r.out(0x40, 2, mid(0));
  r.out(0x40, 0, mid(0));
  CHECK(r.out_at(0, clk(3)));  // loaded at 1, 1 at 2, 0 at 3
  r.out(0x40, 4, mid(5));      // LSB of the new count
  CHECK_FALSE(r.pit.out(0));   // immediately, no clock pulse
  std::uint16_t frozen = r.pit.counter(0).count();
  r.pit.sync(clk(9));
  CHECK(r.pit.counter(0).count() == frozen);  // counting disabled
  r.out(0x40, 0, mid(9));                     // MSB: count 4 loads on pulse 10
  CHECK(r.read16(0, clk(10)) == 4);
  CHECK_FALSE(r.out_at(0, clk(14) - 1));
  CHECK(r.out_at(0, clk(14)));
}

TEST_CASE("mode 1: hardware retriggerable one-shot", "[pit][mode1]") {
  Rig r(2);
  r.pit.set_gate(2, false, 0);
  r.out(0x43, 0xB2, mid(0));  // counter 2, mode 1
  CHECK(r.pit.out(2));        // OUT high after the control word
  REQUIRE(r.edges.size() == 1);
  r.edges.clear();
  r.out(0x42, 3, mid(0));
  r.out(0x42, 0, mid(0));
  r.pit.sync(clk(5));
  CHECK(r.pit.out(2));        // nothing happens until a trigger
  r.pit.set_gate(2, true, mid(5));
  // The pulse after the trigger loads CE and drives OUT low; OUT high when CE reaches 0,
  // N pulses later.
  CHECK(r.out_at(2, clk(6) - 1));
  CHECK_FALSE(r.out_at(2, clk(6)));
  CHECK_FALSE(r.out_at(2, clk(9) - 1));
  CHECK(r.out_at(2, clk(9)));
  // Retrigger during the one-shot restarts the full count.
  r.pit.set_gate(2, false, mid(20));
  r.pit.set_gate(2, true, mid(20));
  CHECK_FALSE(r.out_at(2, clk(21)));
  r.pit.set_gate(2, false, mid(22));
  r.pit.set_gate(2, true, mid(22));  // retrigger: reload on pulse 23
  CHECK_FALSE(r.out_at(2, clk(24)));  // would have ended here without the retrigger
  CHECK(r.out_at(2, clk(26)));
  CHECK(r.edges.size() == 4);
}

TEST_CASE("mode 1: a new count does not affect the current one-shot", "[pit][mode1]") {
  Rig r(2);
  r.pit.set_gate(2, false, 0);
  r.out(0x43, 0xB2, mid(0));
  r.out(0x42, 4, mid(0));
  r.out(0x42, 0, mid(0));
  r.pit.set_gate(2, true, mid(0));  // low from pulse 1, high at pulse 5
  r.out(0x42, 9, mid(2));
  r.out(0x42, 0, mid(2));
  CHECK_FALSE(r.out_at(2, clk(5) - 1));
  CHECK(r.out_at(2, clk(5)));
  r.pit.set_gate(2, false, mid(6));
  r.pit.set_gate(2, true, mid(6));  // next trigger uses 9: low at 7, high at 16
  CHECK_FALSE(r.out_at(2, clk(16) - 1));
  CHECK(r.out_at(2, clk(16)));
}

TEST_CASE("mode 2: rate generator, OUT low for one clock when CE reaches 1", "[pit][mode2]") {
  Rig r;
  r.out(0x43, 0x34, mid(0));  // counter 0, LSB/MSB, mode 2
  CHECK(r.pit.out(0));
  // The control word itself drives OUT high (mode 0 left it low at power-on).
  REQUIRE(r.edges.size() == 1);
  CHECK(r.edges[0] == std::make_pair(mid(0), true));
  r.edges.clear();
  r.out(0x40, 4, mid(0));
  r.out(0x40, 0, mid(0));
  // Pulse 1 loads 4; pulses 2,3,4 give 3,2,1: OUT low during the pulse with CE = 1 (4),
  // high again at 5 with CE reloaded; period 4 pulses.
  CHECK(r.read16(0, clk(1)) == 4);
  CHECK(r.read16(0, clk(3)) == 2);
  CHECK(r.out_at(0, clk(4) - 1));
  CHECK_FALSE(r.out_at(0, clk(4)));
  CHECK(r.read16(0, clk(4)) == 1);
  CHECK(r.out_at(0, clk(5)));
  CHECK(r.read16(0, clk(5)) == 4);
  CHECK_FALSE(r.out_at(0, clk(8)));
  CHECK_FALSE(r.out_at(0, clk(4 + 4 * 1000)));
  CHECK(r.out_at(0, clk(5 + 4 * 1000)));
  // Edge list for the first two periods.
  REQUIRE(r.edges.size() >= 4);
  CHECK(r.edges[0] == std::make_pair(clk(4), false));
  CHECK(r.edges[1] == std::make_pair(clk(5), true));
  CHECK(r.edges[2] == std::make_pair(clk(8), false));
  CHECK(r.edges[3] == std::make_pair(clk(9), true));
}

TEST_CASE("mode 2: GATE low forces OUT high, rising GATE reloads", "[pit][mode2]") {
  Rig r(2);
  r.out(0x43, 0xB4, mid(0));  // counter 2, mode 2
  r.out(0x42, 5, mid(0));
  r.out(0x42, 0, mid(0));      // loaded at 1, low at 5
  r.pit.set_gate(2, false, mid(4));
  CHECK(r.read16(2, clk(4)) == 2);
  CHECK(r.out_at(2, clk(5)));      // gate low: no count, OUT high
  CHECK(r.read16(2, clk(8)) == 2);
  r.pit.set_gate(2, true, mid(8));  // reload on pulse 9, low at 13
  CHECK(r.read16(2, clk(9)) == 5);
  CHECK(r.out_at(2, clk(13) - 1));
  CHECK_FALSE(r.out_at(2, clk(13)));
}

TEST_CASE("mode 2: a new count takes effect at the end of the current period",
          "[pit][mode2]") {
  Rig r;
  r.out(0x43, 0x34, mid(0));
  r.out(0x40, 6, mid(0));
  r.out(0x40, 0, mid(0));  // loaded at 1, low at 6, reload at 7
  r.out(0x40, 3, mid(2));
  r.out(0x40, 0, mid(2));
  CHECK(r.read16(0, clk(3)) == 4);  // still counting the old period
  CHECK_FALSE(r.out_at(0, clk(6)));
  CHECK(r.read16(0, clk(7)) == 3);  // reloaded with the new count
  CHECK_FALSE(r.out_at(0, clk(9)));
  CHECK(r.out_at(0, clk(10)));
}

TEST_CASE("mode 3: even count, OUT high N/2 and low N/2, CE counts by two", "[pit][mode3]") {
  Rig r;
  r.out(0x43, 0x36, mid(0));  // counter 0, LSB/MSB, mode 3 (the BIOS setting)
  r.out(0x40, 4, mid(0));
  r.out(0x40, 0, mid(0));
  CHECK(r.read16(0, clk(1)) == 4);
  CHECK(r.read16(0, clk(2)) == 2);
  CHECK(r.out_at(0, clk(3) - 1));
  CHECK_FALSE(r.out_at(0, clk(3)));
  CHECK(r.read16(0, clk(3)) == 4);
  CHECK(r.out_at(0, clk(5)));
  CHECK_FALSE(r.out_at(0, clk(7)));
}

TEST_CASE("mode 3: odd count 5 on the 8254, OUT high 3 clocks and low 2", "[pit][mode3]") {
  Rig r;
  r.out(0x43, 0x36, mid(0));
  r.out(0x40, 5, mid(0));
  r.out(0x40, 0, mid(0));
  // 8254 datasheet, Mode 3, odd counts: N-1 = 4 is loaded and counts down by two; "one CLK
  // pulse after the count expires, OUT goes low" and N-1 is reloaded; in the low half OUT
  // goes high when the count expires. High (N+1)/2 = 3 pulses, low (N-1)/2 = 2.
  const std::uint16_t expect[] = {4, 2, 0, 4, 2, 4, 2, 0, 4, 2};
  const bool out_expect[] = {true, true, true, false, false, true, true, true, false, false};
  for (int k = 0; k < 10; ++k) {
    INFO("pulse " << (k + 1));
    CHECK(r.read16(0, clk(k + 1)) == expect[k]);
    CHECK(r.pit.out(0) == out_expect[k]);
  }
  r.edges.clear();
  r.pit.sync(clk(10 + 5 * 100));
  CHECK(r.edges.size() == 200);  // two edges per period of 5 clocks
}

TEST_CASE("mode 3: odd count 5 on the 8253 (decrements of 1 and 3)", "[pit][mode3][8253]") {
  Rig r(0, Pit::Variant::i8253);
  r.out(0x43, 0x36, mid(0));
  r.out(0x40, 5, mid(0));
  r.out(0x40, 0, mid(0));
  // 8253 datasheet, Mode 3: with an odd count the first pulse after a load decrements by 1
  // while OUT is high and by 3 while OUT is low, later pulses by 2. Same OUT waveform.
  const std::uint16_t expect[] = {5, 4, 2, 5, 2, 5, 4, 2, 5, 2};
  const bool out_expect[] = {true, true, true, false, false, true, true, true, false, false};
  for (int k = 0; k < 10; ++k) {
    INFO("pulse " << (k + 1));
    CHECK(r.read16(0, clk(k + 1)) == expect[k]);
    CHECK(r.pit.out(0) == out_expect[k]);
  }
}

TEST_CASE("mode 3: a GATE trigger loads a new count before the half-cycle ends",
          "[pit][mode3]") {
  Rig r(2);
  r.out(0x43, 0xB6, mid(0));
  r.out(0x42, 20, mid(0));
  r.out(0x42, 0, mid(0));   // high 1..10, low at 11
  r.out(0x42, 6, mid(3));
  r.out(0x42, 0, mid(3));   // new count: normally used from the next half-cycle
  CHECK(r.read16(2, clk(4)) == 14);
  r.pit.set_gate(2, false, mid(4));
  r.pit.set_gate(2, true, mid(4));  // trigger: the new count loads on pulse 5
  CHECK(r.read16(2, clk(5)) == 6);
  CHECK_FALSE(r.out_at(2, clk(8)));  // 6 -> 4 -> 2 -> expiry at pulse 8
  CHECK(r.out_at(2, clk(11)));
}

TEST_CASE("mode 3: count 65536 (written as 0) gives 32768 clocks per half", "[pit][mode3]") {
  Rig r;
  r.out(0x43, 0x36, mid(0));
  r.out(0x40, 0, mid(0));
  r.out(0x40, 0, mid(0));
  CHECK(r.pit.next_event() == clk(1 + 32768));
  CHECK(r.out_at(0, clk(32768)));
  CHECK_FALSE(r.out_at(0, clk(1 + 32768)));
  CHECK(r.pit.next_event() == clk(1 + 65536));
}

TEST_CASE("mode 3: GATE low forces OUT high and stops counting", "[pit][mode3]") {
  Rig r(2);
  r.out(0x43, 0xB6, mid(0));
  r.out(0x42, 8, mid(0));
  r.out(0x42, 0, mid(0));  // high 1..4, low at 5
  CHECK_FALSE(r.out_at(2, clk(6)));
  r.pit.set_gate(2, false, mid(6));
  CHECK(r.pit.out(2));
  CHECK(r.pit.next_event() == kNever);
  r.pit.set_gate(2, true, mid(20));  // reload on 21, OUT low again at 25
  CHECK(r.read16(2, clk(21)) == 8);
  CHECK(r.out_at(2, clk(25) - 1));
  CHECK_FALSE(r.out_at(2, clk(25)));
}

TEST_CASE("mode 4: software strobe, OUT low for one clock N+1 clocks after the write",
          "[pit][mode4]") {
  Rig r;
  r.out(0x43, 0x38, mid(0));  // mode 4
  CHECK(r.pit.out(0));
  r.edges.clear();
  r.out(0x40, 3, mid(0));
  r.out(0x40, 0, mid(0));
  CHECK(r.out_at(0, clk(4) - 1));
  CHECK_FALSE(r.out_at(0, clk(4)));
  CHECK(r.out_at(0, clk(5)));
  CHECK(r.out_at(0, clk(4 + 65536)));  // no second strobe after wrapping
  CHECK(r.edges.size() == 2);
}

TEST_CASE("mode 5: hardware strobe triggered by GATE", "[pit][mode5]") {
  Rig r(2);
  r.pit.set_gate(2, false, 0);
  r.out(0x43, 0xBA, mid(0));  // counter 2, mode 5
  r.out(0x42, 3, mid(0));
  r.out(0x42, 0, mid(0));
  r.pit.sync(clk(10));
  CHECK(r.pit.out(2));
  r.pit.set_gate(2, true, mid(10));  // load on 11, strobe at 14
  CHECK(r.out_at(2, clk(14) - 1));
  CHECK_FALSE(r.out_at(2, clk(14)));
  CHECK(r.out_at(2, clk(15)));
  r.pit.set_gate(2, false, mid(20));
  r.pit.set_gate(2, true, mid(20));  // retrigger: strobe at 24
  CHECK_FALSE(r.out_at(2, clk(24)));
  CHECK(r.edges.size() == 4);
}

TEST_CASE("BCD counting: 0 means 10000 and 0 decrements to 9999", "[pit][bcd]") {
  Rig r;
  r.out(0x43, 0x31, mid(0));  // mode 0, BCD
  r.out(0x40, 0x00, mid(0));
  r.out(0x40, 0x00, mid(0));
  CHECK(r.read16(0, clk(1)) == 0x0000);
  CHECK(r.read16(0, clk(2)) == 0x9999);
  CHECK(r.read16(0, clk(3)) == 0x9998);
  CHECK(r.read16(0, clk(12)) == 0x9989);
  CHECK_FALSE(r.out_at(0, clk(10001) - 1));
  CHECK(r.out_at(0, clk(10001)));
}

TEST_CASE("BCD mode 2 with count 0x25 has a period of 25 clocks", "[pit][bcd]") {
  Rig r;
  r.out(0x43, 0x35, mid(0));
  r.out(0x40, 0x25, mid(0));
  r.out(0x40, 0x00, mid(0));
  CHECK_FALSE(r.out_at(0, clk(25)));  // loaded at 1, CE = 1 after 24 more pulses
  CHECK(r.read16(0, clk(25)) == 0x0001);
  CHECK(r.out_at(0, clk(26)));
  CHECK_FALSE(r.out_at(0, clk(50)));
}
