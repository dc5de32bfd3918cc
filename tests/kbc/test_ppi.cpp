// 8255A PPI as wired on the IBM PC (5150) and PC/XT (5160): bit assignments from the IBM
// Technical References' "8255A I/O bit map"; keyboard reset by holding the clock line low
// and the AAh self-test answer of the 83-key keyboard; set 1 scan codes.
#include <catch2/catch.hpp>

#include "devices/pit.hpp"
#include "devices/ppi8255.hpp"
#include "kbc_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

struct PpiRig {
  Line irq1;
  Ppi8255 ppi;
  Tick t = 0;
  explicit PpiRig(Ppi8255::Model m = Ppi8255::Model::kXt5160, Pit* pit = nullptr)
      : ppi(m, &irq1, pit) {}
  void at(Tick when) {
    t = when;
    ppi.sync(t);
  }
  void out(std::uint16_t p, std::uint8_t v) {
    ppi.sync(t);
    ppi.io_write(p, v);
  }
  std::uint8_t in(std::uint16_t p) {
    ppi.sync(t);
    return ppi.io_read(p);
  }
  // Run to each deadline until IRQ1 rises; return port A.
  std::optional<std::uint8_t> next_byte(Tick limit = ms(2000)) {
    const Tick end = t + limit;
    while (!irq1.level) {
      const Tick n = ppi.next_event();
      if (n == kNever || n > end) return std::nullopt;
      at(n);
    }
    const std::uint8_t v = in(0x60);
    const std::uint8_t b = in(0x61);
    out(0x61, b | 0x80);  // acknowledge: clear the shift register
    out(0x61, b);
    return v;
  }
  // What the PC BIOS does: hold the keyboard clock low for 20 ms, then release it.
  void reset_keyboard() {
    out(0x61, 0x08);
    at(t + ms(20));
    out(0x61, 0xC8);
    out(0x61, 0x48);
  }
};

}  // namespace

TEST_CASE("PC/XT keyboard: clock held low resets it and it answers AAh on IRQ1") {
  PpiRig r;
  r.reset_keyboard();
  CHECK_FALSE(r.irq1.level);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xAA));
  CHECK_FALSE(r.irq1.level);
  CHECK_FALSE(r.next_byte(ms(100)).has_value());
}

TEST_CASE("PC/XT keyboard sends set 1, the shift register holds one byte until PB7") {
  PpiRig r;
  r.reset_keyboard();
  r.next_byte();
  r.ppi.key_down(HostKey::A);
  r.ppi.key_up(HostKey::A);
  r.at(r.t + ms(10));
  CHECK(r.irq1.level);
  CHECK(r.in(0x60) == 0x1E);
  r.at(r.t + ms(10));
  CHECK(r.in(0x60) == 0x1E);  // the break code waits for the acknowledge
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1E));
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x9E));
  r.ppi.key_down(HostKey::Up);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xE0));
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x48));
}

TEST_CASE("Switches: 5160 PB3 selects SW1 high/low nibble, 5150 PB7 shows SW1 on port A") {
  PpiRig xt;
  xt.ppi.set_switches(0x6D);
  xt.out(0x61, 0x00);
  CHECK((xt.in(0x62) & 0x0F) == 0x0D);
  xt.out(0x61, 0x08);
  CHECK((xt.in(0x62) & 0x0F) == 0x06);
  PpiRig pc(Ppi8255::Model::kPc5150);
  pc.ppi.set_switches(0x3C, 0x15);
  pc.out(0x61, 0x80);
  CHECK(pc.in(0x60) == 0x3C);
  pc.out(0x61, 0x84);  // PB2 = 1: SW2 switches 1-4
  CHECK((pc.in(0x62) & 0x0F) == 0x05);
  pc.out(0x61, 0x80);  // PB2 = 0: SW2 switch 5 on PC0
  CHECK((pc.in(0x62) & 0x0F) == 0x01);
  CHECK(pc.in(0x61) == 0x80);  // port B reads back its output latch
}

TEST_CASE("PB0 gates PIT counter 2 and PC5 reads its OUT") {
  Pit pit;
  PpiRig r(Ppi8255::Model::kXt5160, &pit);
  pit.sync(0);
  pit.io_write(0x43, 0xB0);  // counter 2, LSB then MSB, mode 0, binary
  pit.io_write(0x42, 10);
  pit.io_write(0x42, 0);
  r.out(0x61, 0x01);
  CHECK(pit.gate(2));
  CHECK((r.in(0x62) & 0x20) == 0);  // mode 0: OUT low while counting
  r.at(12 * 20);                     // 20 PIT clocks later the count of 10 has expired
  CHECK((r.in(0x62) & 0x20) != 0);
  r.out(0x61, 0x00);
  CHECK_FALSE(pit.gate(2));
}
