// Master/slave cascade as wired on the IBM PC/AT (slave INT -> master IR2; BIOS programs
// master ICW 11h 08h 04h 01h and slave ICW 11h 70h 02h 01h), checked against the 8259A
// datasheet sections "Cascade Mode" and "Special Fully Nested Mode".
#include <catch2/catch.hpp>

#include "devices/pic_pair.hpp"

using namespace quartz;

namespace {

void init_at(PicPair& pp, std::uint8_t master_icw4 = 0x01) {
  pp.master().io_write(0x20, 0x11);
  pp.master().io_write(0x21, 0x08);
  pp.master().io_write(0x21, 0x04);  // slave on IR2
  pp.master().io_write(0x21, master_icw4);
  pp.slave().io_write(0xA0, 0x11);
  pp.slave().io_write(0xA1, 0x70);
  pp.slave().io_write(0xA1, 0x02);  // slave ID 2
  pp.slave().io_write(0xA1, 0x01);
}

struct IntLog : IrqLine {
  int rises = 0;
  bool level = false;
  void set_level(bool high) override {
    if (high && !level) ++rises;
    level = high;
  }
};

}  // namespace

TEST_CASE("slave interrupt delivered through master IR2", "[pic][cascade]") {
  PicPair pp;
  IntLog cpu;
  pp.connect_int(&cpu);
  init_at(pp);
  pp.irq(10).raise();
  CHECK(pp.slave().intr());
  CHECK(pp.intr());
  CHECK(cpu.level);
  CHECK(pp.acknowledge() == 0x72);
  CHECK(pp.master().isr() == 0x04);
  CHECK(pp.slave().isr() == 0x04);
  CHECK_FALSE(pp.intr());
  // The handler sends EOI to the slave, then to the master.
  pp.slave().io_write(0xA0, 0x20);
  pp.master().io_write(0x20, 0x20);
  CHECK(pp.master().isr() == 0);
  CHECK(pp.slave().isr() == 0);
}

TEST_CASE("master levels keep their priority around the cascade input", "[pic][cascade]") {
  PicPair pp;
  init_at(pp);
  pp.irq(3).raise();
  pp.irq(12).raise();
  pp.irq(1).raise();
  CHECK(pp.acknowledge() == 0x09);  // IRQ1 first
  CHECK_FALSE(pp.intr());           // IR2 (the slave) ranks below the IR1 in service
  pp.master().io_write(0x20, 0x20);
  CHECK(pp.acknowledge() == 0x74);  // IRQ12 through IR2, ahead of IR3
  pp.slave().io_write(0xA0, 0x20);
  pp.master().io_write(0x20, 0x20);
  CHECK(pp.acknowledge() == 0x0B);  // IRQ3
}

TEST_CASE("without special fully nested mode a higher slave request waits",
          "[pic][cascade][sfnm]") {
  PicPair pp;
  init_at(pp);
  pp.irq(10).raise();
  CHECK(pp.acknowledge() == 0x72);
  pp.irq(8).raise();  // higher than IRQ10 on the slave
  CHECK(pp.slave().intr());
  CHECK_FALSE(pp.intr());  // master IR2 is already in service
}

TEST_CASE("special fully nested mode lets a higher slave request through",
          "[pic][cascade][sfnm]") {
  PicPair pp;
  init_at(pp, 0x11);  // master ICW4: SFNM, 8086 mode
  pp.irq(10).raise();
  CHECK(pp.acknowledge() == 0x72);
  pp.irq(8).raise();
  CHECK(pp.intr());
  CHECK(pp.acknowledge() == 0x70);
  CHECK(pp.slave().isr() == 0x05);
  CHECK(pp.master().isr() == 0x04);
  // A lower slave request still waits on the slave's own in-service level.
  pp.irq(14).raise();
  CHECK_FALSE(pp.slave().intr());
  CHECK_FALSE(pp.intr());
}

TEST_CASE("spurious IRQ 7 when a master request vanishes", "[pic][cascade][spurious]") {
  PicPair pp;
  init_at(pp);
  pp.irq(5).raise();
  pp.irq(5).lower();
  CHECK(pp.acknowledge() == 0x0F);
  CHECK(pp.master().isr() == 0);
  // And when the slave's request vanishes, the slave's INT (master IR2) falls with it.
  pp.irq(11).raise();
  pp.irq(11).lower();
  CHECK_FALSE(pp.intr());
  CHECK(pp.acknowledge() == 0x0F);
  CHECK(pp.slave().isr() == 0);
}

TEST_CASE("master AEOI also ends the cascade level", "[pic][cascade][aeoi]") {
  PicPair pp;
  init_at(pp, 0x03);
  pp.irq(9).raise();
  CHECK(pp.acknowledge() == 0x71);
  CHECK(pp.master().isr() == 0x00);
  CHECK(pp.slave().isr() == 0x02);
}

TEST_CASE("PC preset: one chip, IR2 is an ordinary input", "[pic][single]") {
  PicPair pp(false);
  CHECK_FALSE(pp.cascade());
  pp.master().io_write(0x20, 0x13);
  pp.master().io_write(0x21, 0x08);
  pp.master().io_write(0x21, 0x09);  // buffered slave-less PC setting (ICW4 = 09h)
  pp.irq(2).raise();
  CHECK(pp.acknowledge() == 0x0A);
  pp.irq(10).raise();  // the absent slave: nothing happens
  CHECK(pp.master().isr() == 0x04);
  pp.master().io_write(0x20, 0x20);
  CHECK_FALSE(pp.intr());
}
