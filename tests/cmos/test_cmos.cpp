// MC146818A RTC: expected values come from the Motorola MC146818A datasheet (register
// descriptions, "Update cycle times" table, "Periodic interrupt rate" table) and the IBM
// PC/AT Technical Reference CMOS RAM map.
#include <catch2/catch.hpp>

#include <cmath>

#include "devices/cmos.hpp"

using namespace quartz;

namespace {

struct Line : IrqLine {
  bool level = false;
  int rises = 0;
  void set_level(bool high) override {
    if (high && !level) ++rises;
    level = high;
  }
};

Tick us(double micro) { return Tick(std::llround(micro * 1e-6 * kMasterHz)); }

std::uint8_t rd(Cmos& c, Tick t, std::uint8_t reg) {
  c.sync(t);
  c.io_write(0x70, reg);
  return c.io_read(0x71);
}
void wr(Cmos& c, Tick t, std::uint8_t reg, std::uint8_t v) {
  c.sync(t);
  c.io_write(0x70, reg);
  c.io_write(0x71, v);
}

}  // namespace

TEST_CASE("BCD time 23:59:59 rolls over to the next day, month and year") {
  Cmos c;
  c.set_time({2023, 12, 31, 23, 59, 59});
  // BCD data mode (register B DM = 0): 23 -> 23h, 59 -> 59h.
  CHECK(rd(c, 0, 0x04) == 0x23);
  CHECK(rd(c, 0, 0x02) == 0x59);
  CHECK(rd(c, 0, 0x00) == 0x59);
  CHECK(rd(c, 0, 0x06) == 0x01);  // 31 Dec 2023 was a Sunday (1 = Sunday)
  // The first update ends 500 ms + 1984 us after the divider starts (power-on here).
  const Tick after = us(500000 + 1984 + 10);
  CHECK(rd(c, after, 0x00) == 0x00);
  CHECK(rd(c, after, 0x02) == 0x00);
  CHECK(rd(c, after, 0x04) == 0x00);
  CHECK(rd(c, after, 0x07) == 0x01);
  CHECK(rd(c, after, 0x08) == 0x01);
  CHECK(rd(c, after, 0x09) == 0x24);
  CHECK(rd(c, after, 0x06) == 0x02);  // Monday
}

TEST_CASE("Leap years: Feb 28 is followed by Feb 29 when the year is divisible by 4") {
  struct Case { int year; int month; int day; };
  const Case cases[] = {{2024, 2, 29}, {2023, 3, 1}, {2000, 2, 29}, {1999, 3, 1}};
  for (const auto& k : cases) {
    Cmos c;
    c.set_time({k.year, 2, 28, 23, 59, 59});
    c.sync(us(500000 + 2000));
    const RtcTime t = c.time();
    CHECK(t.year == k.year);
    CHECK(t.month == k.month);
    CHECK(t.day == k.day);
    CHECK(t.hour == 0);
  }
}

TEST_CASE("Binary data mode and 12-hour mode encodings") {
  Cmos c;
  wr(c, 0, 0x0B, Cmos::kDM | Cmos::k24h);
  c.set_time({2024, 6, 15, 23, 45, 30});
  CHECK(rd(c, 0, 0x04) == 23);
  CHECK(rd(c, 0, 0x02) == 45);
  CHECK(rd(c, 0, 0x09) == 24);
  // 12-hour BCD: 11 PM is 11h with bit 7 (PM) set; 12:xx AM is 12h.
  wr(c, 0, 0x0B, 0x00);
  c.set_time({2024, 6, 15, 23, 59, 59});
  CHECK(rd(c, 0, 0x04) == 0x91);
  c.sync(us(500000 + 2000));
  CHECK(rd(c, us(500000 + 2000), 0x04) == 0x12);  // midnight = 12 AM
}

TEST_CASE("UIP is high from 244 us before the update until the 1984 us update ends") {
  Cmos c;
  c.set_time({2024, 1, 1, 0, 0, 0});
  const double update = 500000;  // first update begins 500 ms after the divider starts
  CHECK((rd(c, us(update - 300), 0x0A) & 0x80) == 0);
  CHECK((rd(c, us(update - 230), 0x0A) & 0x80) != 0);
  CHECK((rd(c, us(update + 1000), 0x0A) & 0x80) != 0);
  CHECK(rd(c, us(update + 1000), 0x00) == 0x00);  // not advanced until the update ends
  CHECK((rd(c, us(update + 1970), 0x0A) & 0x80) != 0);
  CHECK((rd(c, us(update + 1995), 0x0A) & 0x80) == 0);
  CHECK(rd(c, us(update + 1995), 0x00) == 0x01);
  // Register A otherwise reads back what was written (DV=010, RS=0110).
  CHECK((rd(c, us(update + 1995), 0x0A) & 0x7F) == 0x26);
  // One second later the same window repeats.
  CHECK((rd(c, us(update + 1e6 - 230), 0x0A) & 0x80) != 0);
}

TEST_CASE("Periodic interrupt: RS=6 gives 976.5625 us, PF/IRQF in register C, read clears") {
  Line irq;
  Cmos c(&irq);
  wr(c, 0, 0x0A, 0x26);
  wr(c, 0, 0x0B, Cmos::kPIE | Cmos::k24h);
  const Tick due = c.next_event();
  CHECK(std::llabs(std::int64_t(due) - std::int64_t(us(976.5625))) <= 1);
  c.sync(due - 1);
  CHECK_FALSE(irq.level);
  c.sync(due);
  CHECK(irq.level);
  CHECK(c.next_event() == kNever);  // output already asserted
  CHECK(rd(c, due, 0x0C) == (Cmos::kIRQF | Cmos::kPF));
  CHECK_FALSE(irq.level);
  CHECK(rd(c, due, 0x0C) == 0x00);
  // The next one follows one period later.
  CHECK(std::llabs(std::int64_t(c.next_event()) - std::int64_t(us(2 * 976.5625))) <= 1);
  // RS=3 is 122.070 us; RS=15 is 500 ms.
  wr(c, due, 0x0A, 0x23);
  const Tick next3 = c.next_event();
  CHECK(next3 > due);
  CHECK(next3 - due <= us(122.1));
  wr(c, due, 0x0A, 0x2F);
  CHECK(std::llabs(std::int64_t(c.next_event()) - std::int64_t(us(500000))) <= 1);
}

TEST_CASE("PF is set even with PIE clear, enabling PIE then raises IRQF at once") {
  Line irq;
  Cmos c(&irq);
  c.sync(us(1000));
  CHECK_FALSE(irq.level);
  wr(c, us(1000), 0x0B, Cmos::kPIE | Cmos::k24h);
  CHECK(irq.level);
  CHECK(rd(c, us(1000), 0x0C) == 0xC0);
}

TEST_CASE("Update-ended and alarm interrupts") {
  Line irq;
  Cmos c(&irq);
  c.set_time({2024, 1, 1, 10, 20, 30});
  wr(c, 0, 0x0A, 0x20);  // no periodic rate
  wr(c, 0, 0x01, 0x31);  // alarm at 10:20:31
  wr(c, 0, 0x03, 0x20);
  wr(c, 0, 0x05, 0x10);
  wr(c, 0, 0x0B, Cmos::kUIE | Cmos::kAIE | Cmos::k24h);
  const Tick due = c.next_event();
  CHECK(std::llabs(std::int64_t(due) - std::int64_t(us(500000 + 1983.6))) <= 20);
  c.sync(due);
  CHECK(irq.level);
  CHECK(rd(c, due, 0x0C) == (Cmos::kIRQF | Cmos::kAF | Cmos::kUF));
  // Next second: only UF (alarm time passed). A don't-care (C0h+) alarm matches every second.
  c.sync(due + us(1e6));
  CHECK(rd(c, due + us(1e6), 0x0C) == (Cmos::kIRQF | Cmos::kUF));
  wr(c, due + us(1e6), 0x01, 0xC0);
  wr(c, due + us(1e6), 0x03, 0xFF);
  wr(c, due + us(1e6), 0x05, 0xC5);
  c.sync(due + us(2e6));
  CHECK(rd(c, due + us(2e6), 0x0C) == (Cmos::kIRQF | Cmos::kAF | Cmos::kUF));
}

TEST_CASE("SET inhibits updates and clears UIE, divider reset delays the first update 500 ms") {
  Cmos c;
  c.set_time({2024, 1, 1, 0, 0, 0});
  wr(c, 0, 0x0B, Cmos::kSET | Cmos::kUIE | Cmos::k24h);
  CHECK(rd(c, 0, 0x0B) == (Cmos::kSET | Cmos::k24h));
  CHECK((rd(c, us(499900), 0x0A) & 0x80) == 0);  // SET clears UIP
  CHECK(rd(c, us(3e6), 0x00) == 0x00);
  wr(c, us(3e6), 0x0B, Cmos::k24h);
  // Divider chain held in reset (DV=11x), then released at t = 4 s.
  wr(c, us(3.5e6), 0x0A, 0x70);
  CHECK(rd(c, us(3.9e6), 0x00) == 0x00);
  wr(c, us(4e6), 0x0A, 0x26);
  CHECK(rd(c, us(4e6 + 500000 + 1900), 0x00) == 0x00);
  CHECK(rd(c, us(4e6 + 500000 + 2000), 0x00) == 0x01);
}

TEST_CASE("Port 70h bit 7 masks NMI, register D reports valid RAM, RAM is plain storage") {
  Cmos c;
  c.io_write(0x70, 0x8F);
  CHECK(c.nmi_masked());
  CHECK(c.index() == 0x0F);
  c.io_write(0x71, 0x5A);
  c.io_write(0x70, 0x0F);
  CHECK_FALSE(c.nmi_masked());
  CHECK(c.io_read(0x71) == 0x5A);
  c.io_write(0x70, 0x7F);
  c.io_write(0x71, 0xA5);
  CHECK(c.io_read(0x71) == 0xA5);
  c.io_write(0x70, 0x0D);
  c.io_write(0x71, 0x00);  // read-only
  CHECK(c.io_read(0x71) == 0x80);  // VRT
}

TEST_CASE("AT configuration bytes and checksum over 10h-2Dh") {
  Cmos c;
  CmosAtConfig cfg;
  cfg.base_memory_kb = 640;
  cfg.extended_memory_kb = 15360;
  cfg.floppy_types = 0x40;  // A: 1.44 MB, no B:
  c.configure_at(cfg);
  CHECK(c.peek(0x10) == 0x40);
  CHECK(c.peek(0x14) == 0x01);  // one drive (bits 7-6 = 0), drives present, EGA/VGA
  CHECK(c.peek(0x15) == 0x80);
  CHECK(c.peek(0x16) == 0x02);
  CHECK(c.peek(0x17) == 0x00);
  CHECK(c.peek(0x18) == 0x3C);
  CHECK(c.peek(0x30) == 0x00);
  CHECK(c.peek(0x31) == 0x3C);
  // 40h + 01h + 80h + 02h + 3Ch = FFh
  CHECK(c.peek(0x2E) == 0x00);
  CHECK(c.peek(0x2F) == 0xFF);
  CHECK(c.peek(0x0A) == 0x26);
  CHECK(c.peek(0x0B) == 0x02);
  cfg.floppy_types = 0x43;  // A: 1.44 MB, B: 720 KB -> two drives
  c.configure_at(cfg);
  CHECK(c.peek(0x14) == 0x41);
}

TEST_CASE("Daylight saving: last Sunday in April skips 2 AM") {
  Cmos c;
  wr(c, 0, 0x0B, Cmos::k24h | Cmos::kDSE);
  c.set_time({1990, 4, 29, 1, 59, 59});  // 29 April 1990 was the last Sunday of April
  c.sync(us(500000 + 2000));
  CHECK(c.time().hour == 3);
  CHECK(c.time().minute == 0);
}

TEST_CASE("RTC time strings (--rtc) parse and bad ones are rejected with a reason") {
  RtcTime t;
  std::string err;
  REQUIRE(parse_rtc_time("2024-02-29T13:45:07", t, err));
  CHECK(t.year == 2024);
  CHECK(t.month == 2);
  CHECK(t.day == 29);
  CHECK(t.hour == 13);
  CHECK(t.minute == 45);
  CHECK(t.second == 7);
  REQUIRE(parse_rtc_time("1999-12-31 23:59", t, err));
  CHECK(t.second == 0);
  CHECK_FALSE(parse_rtc_time("2023-02-29T00:00:00", t, err));  // not a leap year
  CHECK(err.find("no such date") != std::string::npos);
  CHECK_FALSE(parse_rtc_time("2024-01-01T24:00:00", t, err));
  CHECK_FALSE(parse_rtc_time("2024-1-01T00:00:00", t, err));
  CHECK_FALSE(parse_rtc_time("2024-01-01T00:00:00Z", t, err));
  CHECK_FALSE(parse_rtc_time("1850-01-01T00:00:00", t, err));
  CHECK(err.find("1850") != std::string::npos);
}

TEST_CASE("Daylight saving: last Sunday in October repeats 1 AM once") {
  Cmos c;
  wr(c, 0, 0x0B, Cmos::k24h | Cmos::kDSE);
  c.set_time({1990, 10, 28, 1, 59, 59});  // 28 October 1990 was the last Sunday of October
  c.sync(us(500000 + 2000));
  CHECK(c.time().hour == 1);
  CHECK(c.time().minute == 0);
  // An hour later the repeated hour ends at 2:00 (not 1:00 a second time).
  c.sync(us(500000 + 2000 + 3600e6));
  CHECK(c.time().hour == 2);
  CHECK(c.time().minute == 0);
}
