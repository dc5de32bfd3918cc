// 8254 command set: counter latch, read/write formats (rw_mode), read-back command with the
// status byte, the 8253 variant, count-loading timing and the lazy catch-up. Expected values
// follow the Intel 8254 datasheet sections "Control Word Format", "Read Operations",
// "Counter Latch Command", "Read-Back Command" and "Status Byte".
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "devices/pit.hpp"

using namespace quartz;

namespace {

constexpr Tick clk(std::uint64_t k) { return kPitClock.to_ticks(k); }
constexpr Tick mid(std::uint64_t k) { return clk(k) + 6; }

void out(Pit& p, std::uint16_t port, std::uint8_t v, Tick t) {
  p.sync(t);
  p.io_write(port, v);
}
std::uint8_t in(Pit& p, std::uint16_t port, Tick t) {
  p.sync(t);
  return p.io_read(port);
}

struct LevelLog : IrqLine {
  std::vector<bool> levels;
  void set_level(bool high) override { levels.push_back(high); }
};

}  // namespace

TEST_CASE("unlatched LSB/MSB reads see the count at the tick of each read", "[pit][read]") {
  Pit p;
  out(p, 0x43, 0x34, mid(0));
  out(p, 0x40, 0x00, mid(0));
  out(p, 0x40, 0x01, mid(0));  // 256, loaded at pulse 1
  // LSB read at pulse 2 (CE 255 = 0x00FF), MSB read at pulse 3 (CE 254 = 0x00FE): the
  // datasheet warns that an unlatched read may be caught mid-count.
  CHECK(in(p, 0x40, clk(2)) == 0xFF);
  CHECK(in(p, 0x40, clk(3)) == 0x00);
  // The read flip-flop is back on the LSB.
  CHECK(in(p, 0x40, clk(4)) == 0xFD);
}

TEST_CASE("counter latch command freezes the count until both bytes are read",
          "[pit][latch]") {
  Pit p;
  out(p, 0x43, 0x34, mid(0));
  out(p, 0x40, 0x34, mid(0));
  out(p, 0x40, 0x12, mid(0));  // 0x1234 loaded at pulse 1
  out(p, 0x43, 0x00, mid(10));  // latch counter 0: CE = 0x1234 - 9 = 0x122B
  out(p, 0x43, 0x00, mid(20));  // a second latch before reading is ignored
  CHECK(in(p, 0x40, clk(30)) == 0x2B);
  CHECK(in(p, 0x40, clk(40)) == 0x12);
  // Latch released: the next read sees the live count again (0x1234 - 49 = 0x1203).
  CHECK(in(p, 0x40, clk(50)) == 0x03);
  CHECK(in(p, 0x40, clk(50)) == 0x12);
}

TEST_CASE("LSB-only and MSB-only formats", "[pit][rw_mode]") {
  Pit p;
  out(p, 0x43, 0x54, mid(0));  // counter 1, LSB only, mode 2
  out(p, 0x41, 18, mid(0));    // the PC's refresh count: MSB taken as 0
  CHECK(p.counter(1).count_register() == 18);
  CHECK(in(p, 0x41, clk(1)) == 18);
  CHECK(in(p, 0x41, clk(2)) == 17);
  out(p, 0x43, 0xA4, mid(2));  // counter 2, MSB only, mode 2
  out(p, 0x42, 0x02, mid(2));  // count 0x0200
  CHECK(p.counter(2).count_register() == 0x0200);
  CHECK(in(p, 0x42, clk(4)) == 0x01);  // 0x1FF: MSB only
}

TEST_CASE("read-back status byte: OUTPUT, NULL COUNT and the control word", "[pit][readback]") {
  Pit p;
  out(p, 0x43, 0x34, mid(0));  // counter 0, LSB/MSB, mode 2, binary
  out(p, 0x43, 0xE2, mid(0));  // read-back: status only (COUNT# = 1), counter 0
  // OUT high (mode 2 after the control word), NULL COUNT set: 1 1 11 010 0.
  CHECK(in(p, 0x40, mid(0)) == 0xF4);
  out(p, 0x40, 10, mid(0));
  out(p, 0x40, 0, mid(0));
  out(p, 0x43, 0xE2, mid(0));
  CHECK(in(p, 0x40, mid(0)) == 0xF4);  // written but not yet loaded: NULL COUNT still 1
  out(p, 0x43, 0xE2, mid(1));
  CHECK(in(p, 0x40, mid(1)) == 0xB4);  // loaded by pulse 1: NULL COUNT 0
  // Mode 0 counter 2 in BCD: OUT low, 10 000 1 -> 0x71 | NULL COUNT.
  out(p, 0x43, 0xB1, mid(1));
  out(p, 0x43, 0xE8, mid(1));
  CHECK(in(p, 0x42, mid(1)) == 0x71);
}

TEST_CASE("read-back of count and status: status first, then the latched count",
          "[pit][readback]") {
  Pit p;
  out(p, 0x43, 0x34, mid(0));
  out(p, 0x40, 0x00, mid(0));
  out(p, 0x40, 0x10, mid(0));  // 0x1000 loaded at 1
  out(p, 0x43, 0x36 | 0x40, mid(0));  // counter 1 mode 3 (for the multi-counter case)
  out(p, 0x41, 0x00, mid(0));
  out(p, 0x41, 0x20, mid(0));  // 0x2000 at 1, counts by 2
  out(p, 0x43, 0xC6, mid(5));  // read-back count and status of counters 0 and 1
  CHECK(in(p, 0x40, clk(9)) == 0xB4);  // status of counter 0
  CHECK(in(p, 0x40, clk(9)) == 0xFC);  // 0x1000 - 4 = 0x0FFC
  CHECK(in(p, 0x40, clk(9)) == 0x0F);
  CHECK(in(p, 0x41, clk(9)) == 0xB6);  // counter 1: OUT high, count loaded, mode 3
  CHECK(in(p, 0x41, clk(9)) == 0xF8);  // 0x2000 - 2*4 = 0x1FF8
  CHECK(in(p, 0x41, clk(9)) == 0x1F);
  // A second status latch while one is still unread is ignored: the first status (taken
  // before the count was loaded, NULL COUNT = 1) is what the CPU reads.
  out(p, 0x43, 0x34, clk(10));  // rewriting the control word
  out(p, 0x43, 0xE2, mid(10));  // status latched: 0xF4
  out(p, 0x40, 0x00, mid(10));
  out(p, 0x40, 0x01, mid(10));  // 0x0100, loaded at pulse 11
  out(p, 0x43, 0xE2, mid(12));  // would read 0xB4 now, but is ignored
  CHECK(in(p, 0x40, mid(12)) == 0xF4);
  CHECK(in(p, 0x40, mid(12)) == 0xFF);  // no count latched: live LSB of 0x00FF
}

TEST_CASE("8253 ignores the read-back command", "[pit][8253]") {
  Pit p(Pit::Variant::i8253);
  CHECK(p.name() == "8253");
  out(p, 0x43, 0x34, mid(0));
  out(p, 0x40, 0x34, mid(0));
  out(p, 0x40, 0x12, mid(0));
  out(p, 0x43, 0xE2, mid(3));  // would latch the status on an 8254
  CHECK(in(p, 0x40, clk(4)) == 0x31);  // live count 0x1234 - 3
  CHECK(in(p, 0x40, clk(4)) == 0x12);
}

TEST_CASE("a count written exactly on a CLK edge loads on the following pulse",
          "[pit][timing]") {
  Pit p;
  out(p, 0x43, 0x30, clk(5));
  out(p, 0x40, 2, clk(5));
  out(p, 0x40, 0, clk(5));  // the pulse at tick clk(5) happened before the write
  CHECK_FALSE(p.out(0, clk(8) - 1));
  CHECK(p.out(0, clk(8)));  // load at 6, 1 at 7, 0 at 8: N + 1 pulses after the write
}

TEST_CASE("OUT0 drives an IrqLine and next_event() points at the next edge",
          "[pit][events]") {
  Pit p;
  LevelLog irq0;
  p.connect_out(0, &irq0);
  REQUIRE(irq0.levels.size() == 1);
  CHECK_FALSE(irq0.levels[0]);  // mode 0 at power-on: OUT low
  CHECK(p.next_event() == kNever);
  out(p, 0x43, 0x34, mid(0));
  CHECK(irq0.levels.back());
  out(p, 0x40, 100, mid(0));
  out(p, 0x40, 0, mid(0));
  CHECK(p.next_event() == clk(100));  // load at 1, CE = 1 at pulse 100
  p.sync(p.next_event());
  CHECK_FALSE(irq0.levels.back());
  CHECK(p.next_event() == clk(101));
  p.sync(clk(101));
  CHECK(irq0.levels.back());
  CHECK(p.next_event() == clk(200));
  // Late catch-up over many periods still reports every edge to the line.
  std::size_t before = irq0.levels.size();
  p.sync(clk(101 + 100 * 50));
  CHECK(irq0.levels.size() - before == 100);
}

TEST_CASE("next_event covers counter 2 only for a waking listener", "[pit][events]") {
  Pit p;
  out(p, 0x43, 0xB6, mid(0));
  out(p, 0x42, 4, mid(0));
  out(p, 0x42, 0, mid(0));
  CHECK(p.next_event() == kNever);
  std::vector<Tick> edges;
  p.set_out_listener(2, [&](Tick t, bool) { edges.push_back(t); });
  CHECK(p.next_event() == kNever);
  // A non-waking listener still gets every edge, with its exact tick, at the next sync.
  p.sync(clk(10));
  CHECK(edges == std::vector<Tick>{clk(3), clk(5), clk(7), clk(9)});
  p.set_out_listener(2, [](Tick, bool) {}, true);
  CHECK(p.next_event() == clk(11));
}

TEST_CASE("catching up over a very long interval is O(1)", "[pit][lazy]") {
  Pit p;
  out(p, 0x43, 0x36, mid(0));
  out(p, 0x40, 0x9B, mid(0));
  out(p, 0x40, 0x2E, mid(0));  // 11931: the 100 Hz divisor (odd: high 5966, low 5965)
  // 10^12 PIT clocks; the test would take hours if this walked every clock or period.
  const std::uint64_t k = 1'000'000'000'000ull;
  p.sync(clk(k));
  // Pulse 1 loads; after that the pattern repeats every 11931 pulses: pulses 1..5965 past
  // a reload are high (the reload pulse starts the high half), 5966..11930 low.
  std::uint64_t phase = (k - 1) % 11931;
  CHECK(p.out(0) == (phase < 5966));
}

TEST_CASE("closed-form catch-up equals pulse-by-pulse clocking", "[pit][lazy]") {
  // Random programs; the same sequence is applied once with one sync per PIT clock and once
  // with syncs only at the accesses. Both must agree on every read and on OUT.
  std::mt19937 rng(12345);
  for (int trial = 0; trial < 300; ++trial) {
    Pit a, b;
    Tick t = 0;
    for (int op = 0; op < 12; ++op) {
      t += 6 + rng() % 400;
      int ch = int(rng() % 3);
      std::uint8_t port = std::uint8_t(0x40 + ch);
      int what = int(rng() % 6);
      std::uint8_t v;
      if (what == 0) {
        v = std::uint8_t(ch << 6 | (1 + rng() % 3) << 4 | (rng() % 6) << 1 | (rng() % 4 == 0));
        port = 0x43;
      } else if (what <= 2) {
        v = std::uint8_t(rng() % 3 ? rng() % 24 : rng());
      } else if (what == 3) {
        bool g = rng() % 2;
        for (Tick s = a.now() + 1; s <= t; ++s) a.sync(s);
        a.set_gate(ch, g, t);
        b.set_gate(ch, g, t);
        continue;
      } else {
        for (Tick s = a.now() + 1; s <= t; ++s) a.sync(s);
        a.sync(t);
        b.sync(t);
        INFO("trial " << trial << " op " << op);
        REQUIRE(a.io_read(port) == b.io_read(port));
        REQUIRE(a.out(ch) == b.out(ch));
        continue;
      }
      for (Tick s = a.now() + 1; s <= t; ++s) a.sync(s);
      a.sync(t);
      b.sync(t);
      a.io_write(port, v);
      b.io_write(port, v);
    }
    t += 100000;
    for (Tick s = a.now() + 1; s <= t; ++s) a.sync(s);
    b.sync(t);
    for (int ch = 0; ch < 3; ++ch) {
      INFO("trial " << trial << " counter " << ch);
      CHECK(a.counter(ch).count() == b.counter(ch).count());
      CHECK(a.out(ch) == b.out(ch));
    }
  }
}

TEST_CASE("LSB/MSB reads and writes may interleave (separate flip-flops)", "[pit][rw_mode]") {
  // Datasheet "Read Operations": with two-byte counts the sequence read LSB, write LSB,
  // read MSB, write MSB is legal.
  Pit p;
  out(p, 0x43, 0x30, mid(0));
  out(p, 0x40, 0x34, mid(0));
  out(p, 0x40, 0x12, mid(0));  // 0x1234 loaded at 1
  out(p, 0x43, 0x00, mid(3));  // latch 0x1232
  CHECK(in(p, 0x40, mid(4)) == 0x32);
  out(p, 0x40, 0x00, mid(4));  // LSB of a new count: mode 0 stops counting
  CHECK(in(p, 0x40, mid(5)) == 0x12);
  out(p, 0x40, 0x02, mid(5));  // MSB: 0x0200 loads at pulse 6
  CHECK(in(p, 0x40, clk(6)) == 0x00);
  CHECK(in(p, 0x40, clk(6)) == 0x02);
}

TEST_CASE("latched count in LSB-only format is released by one read", "[pit][latch]") {
  Pit p;
  out(p, 0x43, 0x14, mid(0));  // counter 0, LSB only, mode 2
  out(p, 0x40, 200, mid(0));
  out(p, 0x43, 0x00, mid(10));  // latch 191
  CHECK(in(p, 0x40, mid(20)) == 191);
  CHECK(in(p, 0x40, clk(30)) == 171);  // live again
}

TEST_CASE("OUT0 into a PIC-like edge input: IRQ0 rises once per mode 3 period",
          "[pit][events]") {
  struct Edges : IrqLine {
    bool level = false;
    std::vector<bool> seen;
    void set_level(bool h) override {
      if (h != level) seen.push_back(h);
      level = h;
    }
  } irq0;
  Pit p;
  p.connect_out(0, &irq0);
  // The BIOS setting: mode 3, count 0 (65536) -> 18.2 Hz.
  out(p, 0x43, 0x36, mid(0));
  out(p, 0x40, 0, mid(0));
  out(p, 0x40, 0, mid(0));
  irq0.seen.clear();
  Tick one_second = seconds_to_ticks(1.0);
  while (p.next_event() <= one_second) p.sync(p.next_event());
  int rises = 0;
  for (bool h : irq0.seen) rises += h;
  // 1193181.8 / 65536 = 18.2065 rising edges per second (first at pulse 1 + 65536).
  CHECK(rises == 18);
  // Falls at pulse 1 + 32768 + k * 65536 <= 1193181 (1 s), k = 0..17: 18 of them.
  CHECK(irq0.seen.size() == 36);
}
