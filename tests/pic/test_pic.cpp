// 8259A tests. Expected values follow the Intel 8259A datasheet (order no. 231468):
// "Interrupt Sequence", "Initialization Command Words", "Operation Command Words",
// "Fully Nested Mode", "Automatic Rotation", "Specific Rotation", "Special Mask Mode",
// "Poll Command", "Edge and Level Triggered Modes", "Reading the 8259A Status".
#include <catch2/catch.hpp>

#include <vector>

#include "devices/pic.hpp"

using namespace quartz;

namespace {

struct IntLog : IrqLine {
  std::vector<bool> levels;
  void set_level(bool high) override { levels.push_back(high); }
};

// PC-style single 8259A: ICW1 = 13h (edge, single, ICW4), ICW2 = 08h, ICW4 = 01h (8086).
void init_single(Pic& p, std::uint8_t icw1 = 0x13, std::uint8_t icw4 = 0x01) {
  p.io_write(0x20, icw1);
  p.io_write(0x21, 0x08);
  if (icw1 & 1) p.io_write(0x21, icw4);
}

void pulse(Pic& p, int n) {
  p.ir(n).raise();
  p.ir(n).lower();
}

}  // namespace

TEST_CASE("initialization sequence and a basic interrupt", "[pic]") {
  Pic p;
  IntLog intr;
  p.connect_int(&intr);
  p.ir(1).raise();
  CHECK_FALSE(p.intr());  // never initialized: INT stays inactive
  init_single(p);
  CHECK(p.initialized());
  CHECK(p.icw4() == 0x01);
  CHECK(p.imr() == 0);  // ICW1 clears the IMR
  // ICW1 resets the edge-sense circuit: the line that was already high needs a new edge.
  CHECK_FALSE(p.intr());
  p.ir(1).lower();
  p.ir(1).raise();
  CHECK(p.intr());
  CHECK(intr.levels.back());
  CHECK(p.irr() == 0x02);
  CHECK(p.acknowledge() == 0x09);
  CHECK(p.isr() == 0x02);
  CHECK(p.irr() == 0x00);
  CHECK_FALSE(p.intr());
  p.io_write(0x20, 0x20);  // non-specific EOI
  CHECK(p.isr() == 0x00);
  CHECK_FALSE(p.intr());  // edge mode: the still-high line does not re-request
}

TEST_CASE("ICW sequence without ICW4 zeroes the ICW4 functions", "[pic]") {
  Pic p;
  p.io_write(0x20, 0x13);
  p.io_write(0x21, 0x08);
  p.io_write(0x21, 0x03);  // ICW4 with AEOI
  CHECK(p.auto_eoi());
  p.io_write(0x20, 0x12);  // IC4 = 0
  p.io_write(0x21, 0x20);
  CHECK(p.initialized());
  CHECK_FALSE(p.auto_eoi());
  p.io_write(0x21, 0xFE);  // now OCW1
  CHECK(p.imr() == 0xFE);
  CHECK(p.icw2() == 0x20);
}

TEST_CASE("fully nested priority: lower levels wait, higher levels nest", "[pic][priority]") {
  Pic p;
  init_single(p);
  p.ir(3).raise();
  p.ir(5).raise();
  CHECK(p.acknowledge() == 0x0B);  // IR3 before IR5
  CHECK_FALSE(p.intr());          // IR5 is below the level in service
  p.ir(1).raise();
  CHECK(p.intr());                 // IR1 is above it: nesting allowed
  CHECK(p.acknowledge() == 0x09);
  CHECK(p.isr() == 0x0A);
  p.io_write(0x20, 0x20);  // EOI clears the highest in service: IR1
  CHECK(p.isr() == 0x08);
  CHECK_FALSE(p.intr());
  p.io_write(0x20, 0x20);
  CHECK(p.intr());
  CHECK(p.acknowledge() == 0x0D);
}

TEST_CASE("IMR masks requests without clearing IRR", "[pic]") {
  Pic p;
  init_single(p);
  p.io_write(0x21, 0x10);
  p.ir(4).raise();
  CHECK_FALSE(p.intr());
  p.io_write(0x20, 0x0A);  // OCW3: read IRR
  CHECK(p.io_read(0x20) == 0x10);
  CHECK(p.io_read(0x21) == 0x10);  // IMR
  p.io_write(0x21, 0x00);
  CHECK(p.intr());
}

TEST_CASE("OCW3 selects IRR or ISR for reads of port A0=0", "[pic]") {
  Pic p;
  init_single(p);
  p.ir(2).raise();
  p.ir(6).raise();
  p.acknowledge();
  CHECK(p.io_read(0x20) == 0x40);  // IRR by default after ICW1
  p.io_write(0x20, 0x0B);
  CHECK(p.io_read(0x20) == 0x04);  // ISR
  CHECK(p.io_read(0x20) == 0x04);  // selection persists
  p.io_write(0x20, 0x08);          // RR = 0: no change
  CHECK(p.io_read(0x20) == 0x04);
  p.io_write(0x20, 0x0A);
  CHECK(p.io_read(0x20) == 0x40);
}

TEST_CASE("rotate on non-specific EOI makes the serviced level lowest", "[pic][rotate]") {
  Pic p;
  init_single(p);
  pulse(p, 3);
  p.ir(3).raise();
  CHECK(p.acknowledge() == 0x0B);
  p.io_write(0x20, 0xA0);  // rotate on non-specific EOI
  CHECK(p.lowest_priority() == 3);
  // Priority is now 4 5 6 7 0 1 2 3: IR4 beats IR2.
  p.ir(2).raise();
  p.ir(4).raise();
  CHECK(p.acknowledge() == 0x0C);
  p.io_write(0x20, 0xA0);  // now 5 6 7 0 1 2 3 4
  p.ir(4).lower();
  p.ir(4).raise();
  CHECK(p.acknowledge() == 0x0A);
  p.io_write(0x20, 0xA0);  // 3 4 5 6 7 0 1 2
  CHECK(p.lowest_priority() == 2);
  CHECK(p.acknowledge() == 0x0C);
}

TEST_CASE("set priority and rotate on specific EOI", "[pic][rotate]") {
  Pic p;
  init_single(p);
  p.io_write(0x20, 0xC0 | 5);  // set priority: IR5 lowest, so 6 7 0 1 2 3 4 5
  CHECK(p.lowest_priority() == 5);
  p.ir(0).raise();
  p.ir(6).raise();
  CHECK(p.acknowledge() == 0x0E);
  CHECK_FALSE(p.intr());  // IR0 ranks below the in-service IR6
  p.ir(7).raise();
  CHECK_FALSE(p.intr());  // so does IR7
  p.io_write(0x20, 0x60 | 6);  // specific EOI for IR6
  CHECK(p.isr() == 0x00);
  CHECK(p.acknowledge() == 0x0F);  // IR7 ranks above IR0
  p.io_write(0x20, 0xE0 | 7);      // rotate on specific EOI: IR7 lowest, IR0 highest
  CHECK(p.isr() == 0x00);
  CHECK(p.lowest_priority() == 7);
  CHECK(p.acknowledge() == 0x08);
}

TEST_CASE("automatic EOI, with and without rotation", "[pic][aeoi]") {
  Pic p;
  init_single(p, 0x13, 0x03);  // 8086 mode, AEOI
  p.ir(2).raise();
  p.ir(4).raise();
  CHECK(p.acknowledge() == 0x0A);
  CHECK(p.isr() == 0x00);  // reset at the end of the second INTA pulse
  CHECK(p.intr());         // so IR4 is not blocked
  p.io_write(0x20, 0x80);  // rotate in automatic EOI mode (set)
  CHECK(p.acknowledge() == 0x0C);
  CHECK(p.lowest_priority() == 4);
  p.ir(3).lower();
  p.ir(3).raise();
  p.ir(5).raise();
  CHECK(p.acknowledge() == 0x0D);  // 5 ranks first after the rotation
  p.io_write(0x20, 0x00);          // rotate in automatic EOI mode (clear)
  CHECK(p.acknowledge() == 0x0B);
  CHECK(p.lowest_priority() == 5);
}

TEST_CASE("a request that vanishes before INTA gives the IR7 vector, ISR untouched",
          "[pic][spurious]") {
  Pic p;
  IntLog intr;
  p.connect_int(&intr);
  init_single(p);
  p.ir(4).raise();
  CHECK(p.intr());
  p.ir(4).lower();  // gone before the first INTA pulse (edge mode needs it held high)
  CHECK_FALSE(p.intr());
  CHECK(p.acknowledge() == 0x0F);
  CHECK(p.isr() == 0x00);
  // A real IR7 is distinguished by its ISR bit.
  p.ir(7).raise();
  CHECK(p.acknowledge() == 0x0F);
  CHECK(p.isr() == 0x80);
}

TEST_CASE("level-triggered mode re-requests while the line stays high", "[pic][ltim]") {
  Pic p;
  init_single(p, 0x1B);  // LTIM = 1
  CHECK(p.level_triggered());
  p.ir(5).raise();
  CHECK(p.acknowledge() == 0x0D);
  CHECK_FALSE(p.intr());  // blocked by its own ISR bit
  p.io_write(0x20, 0x20);
  CHECK(p.intr());  // still high: requested again, no edge needed
  p.ir(5).lower();
  CHECK_FALSE(p.intr());
  CHECK(p.irr() == 0);
}

TEST_CASE("edge-triggered mode needs a fresh rising edge after service", "[pic][edge]") {
  Pic p;
  init_single(p);
  p.ir(5).raise();
  p.acknowledge();
  p.io_write(0x20, 0x20);
  CHECK_FALSE(p.intr());
  CHECK(p.irr() == 0);
  p.ir(5).lower();
  p.ir(5).raise();
  CHECK(p.intr());
}

TEST_CASE("poll command returns I and W2-W0 and acts as INTA", "[pic][poll]") {
  Pic p;
  init_single(p);
  p.io_write(0x20, 0x0C);  // OCW3 with P = 1
  CHECK(p.io_read(0x20) == 0x00);  // no request: I = 0
  p.ir(6).raise();
  p.ir(3).raise();
  p.io_write(0x20, 0x0C);
  CHECK(p.io_read(0x20) == 0x83);
  CHECK(p.isr() == 0x08);
  CHECK(p.io_read(0x20) == 0x40);  // poll is one-shot: back to reading the IRR
  p.io_write(0x20, 0x20);
  p.io_write(0x20, 0x0C);
  CHECK(p.io_read(0x21) == 0x86);  // the poll read may use either address
}

TEST_CASE("special mask mode enables lower levels while one is in service", "[pic][smm]") {
  Pic p;
  init_single(p);
  p.ir(3).raise();
  CHECK(p.acknowledge() == 0x0B);
  p.ir(5).raise();
  CHECK_FALSE(p.intr());
  p.io_write(0x21, 0x08);  // mask IR3
  p.io_write(0x20, 0x68);  // OCW3 ESMM = 1, SMM = 1
  CHECK(p.special_mask_mode());
  CHECK(p.intr());
  CHECK(p.acknowledge() == 0x0D);
  CHECK(p.isr() == 0x28);
  p.io_write(0x20, 0x48);  // reset special mask mode
  CHECK_FALSE(p.special_mask_mode());
  p.io_write(0x20, 0x08 | 0x20);  // plain OCW3 (ESMM = 0) leaves SMM alone
  CHECK_FALSE(p.special_mask_mode());
}

TEST_CASE("ICW1 resets IMR, priority, special mask and read selection", "[pic]") {
  Pic p;
  init_single(p);
  p.io_write(0x21, 0xFF);
  p.io_write(0x20, 0xC3);
  p.io_write(0x20, 0x68);
  p.io_write(0x20, 0x0B);
  init_single(p);
  CHECK(p.imr() == 0x00);
  CHECK(p.lowest_priority() == 7);
  CHECK_FALSE(p.special_mask_mode());
  p.ir(0).raise();
  CHECK(p.io_read(0x20) == 0x01);  // IRR, not ISR
}

TEST_CASE("buffered mode M/S bit decides master or slave", "[pic]") {
  Pic p(false);  // SP/EN low: a slave when not buffered
  p.io_write(0x20, 0x11);
  p.io_write(0x21, 0x08);
  p.io_write(0x21, 0x04);
  p.io_write(0x21, 0x01);
  CHECK_FALSE(p.is_master());
  CHECK_FALSE(p.slave_on(2));
  p.io_write(0x20, 0x11);
  p.io_write(0x21, 0x08);
  p.io_write(0x21, 0x04);
  p.io_write(0x21, 0x0D);  // BUF = 1, M/S = 1
  CHECK(p.is_master());
  CHECK(p.slave_on(2));
  CHECK_FALSE(p.slave_on(3));
}
