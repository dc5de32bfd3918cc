// 8042 controller commands and status, from the IBM PC/AT Technical Reference "Keyboard
// controller" section (commands 20h/60h, AAh, ABh, ADh/AEh, C0h, D0h-D4h, F0h-FFh) and the
// PS/2 extensions (A7h-A9h, D4h, DDh/DFh).
#include <catch2/catch.hpp>

#include "kbc_rig.hpp"

using namespace quartz;
using namespace quartz::test;

TEST_CASE("Self-test AAh returns 55h and interface test ABh returns 00h") {
  KbcRig r;
  r.out(0x64, 0xAA);
  CHECK((r.status() & Kbc8042::kOBF) != 0);
  CHECK((r.status() & Kbc8042::kA2) != 0);  // last write was a command
  CHECK(r.in(0x60) == 0x55);
  CHECK((r.status() & Kbc8042::kOBF) == 0);
  r.out(0x64, 0xAB);
  CHECK(r.in(0x60) == 0x00);
}

TEST_CASE("Command byte read/write, system flag mirrors bit 2, IRQ1 follows OBF and bit 0") {
  KbcRig r;
  r.command_byte(0x45);
  CHECK((r.status() & Kbc8042::kA2) == 0);  // last write was data
  CHECK((r.status() & Kbc8042::kSYS) != 0);
  r.out(0x64, 0x20);
  CHECK(r.irq1.level);
  CHECK(r.in(0x60) == 0x45);
  CHECK_FALSE(r.irq1.level);
  r.command_byte(0x40);
  CHECK((r.status() & Kbc8042::kSYS) == 0);
  r.out(0x64, 0x20);
  CHECK_FALSE(r.irq1.level);  // interrupt disabled
  CHECK(r.in(0x60) == 0x40);
  // Controller RAM bytes 01h-1Fh via 61h-7Fh / 21h-3Fh.
  r.out(0x64, 0x65);
  r.out(0x60, 0x9C);
  r.out(0x64, 0x25);
  CHECK(r.in(0x60) == 0x9C);
}

TEST_CASE("Output port: D1h A20 and reset, DDh/DFh, FEh pulse, D0h readback") {
  KbcRig r;
  std::vector<bool> a20;
  int resets = 0;
  r.kbc.set_on_a20([&](bool on) { a20.push_back(on); });
  r.kbc.set_on_reset([&] { ++resets; });
  // After RESET the port-2 pins float high (UPI-41/42 datasheet): A20 open.
  CHECK(r.kbc.a20());
  r.out(0x64, 0xD1);
  r.out(0x60, 0xDD);  // A20 off, reset inactive
  CHECK_FALSE(r.kbc.a20());
  r.out(0x64, 0xD1);
  r.out(0x60, 0xDF);  // A20 on, reset inactive
  CHECK(r.kbc.a20());
  CHECK(a20 == std::vector<bool>{false, true});
  r.out(0x64, 0xD0);
  CHECK((r.in(0x60) & 0x03) == 0x03);
  r.out(0x64, 0xDD);
  CHECK_FALSE(r.kbc.a20());
  r.out(0x64, 0xDF);
  CHECK(r.kbc.a20());
  CHECK(a20 == std::vector<bool>{false, true, false, true});
  CHECK(resets == 0);
  r.out(0x64, 0xFE);  // pulse bit 0 (reset)
  CHECK(resets == 1);
  r.out(0x64, 0xFF);  // pulse nothing
  CHECK(resets == 1);
  r.out(0x64, 0xD1);
  r.out(0x60, 0xDE);  // bit 0 low: CPU reset
  CHECK(resets == 2);
}

TEST_CASE("Input port C0h and D2h write to the keyboard output buffer") {
  KbcRig r;
  r.kbc.set_input_port(0xE0);
  r.out(0x64, 0xC0);
  CHECK(r.in(0x60) == 0xE0);
  r.command_byte(0x01);
  r.out(0x64, 0xD2);
  r.out(0x60, 0x5A);
  CHECK(r.irq1.level);
  CHECK((r.status() & Kbc8042::kAUXB) == 0);
  CHECK(r.in(0x60) == 0x5A);
}

TEST_CASE("No mouse: A8h/A7h toggle the aux disable bit, D4h times out with FEh") {
  KbcRig r;
  r.command_byte(0x40);
  r.out(0x64, 0xA8);
  r.out(0x64, 0x20);
  CHECK((r.in(0x60) & Kbc8042::kCmdAuxDisable) == 0);
  r.out(0x64, 0xA7);
  r.out(0x64, 0x20);
  CHECK((r.in(0x60) & Kbc8042::kCmdAuxDisable) != 0);
  r.out(0x64, 0xA9);
  CHECK(r.in(0x60) == 0x00);
  r.out(0x64, 0xD4);
  r.out(0x60, 0xFF);  // reset the (absent) mouse
  const std::uint8_t s = r.status();
  CHECK((s & Kbc8042::kTIMEOUT) != 0);
  CHECK((s & Kbc8042::kAUXB) != 0);
  CHECK(r.in(0x60) == 0xFE);
}

TEST_CASE("ADh holds keyboard bytes back until AEh") {
  KbcRig r;
  r.out(0x64, 0xAD);
  r.kbc.key_down(HostKey::A);
  CHECK_FALSE(r.next_byte(ms(20)).has_value());
  r.out(0x64, 0xAE);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1E));
}

TEST_CASE("Enabling IRQ1 in the command byte with OBF already set raises IRQ1") {
  KbcRig r;
  r.command_byte(0x40);
  r.out(0x64, 0xAA);
  CHECK_FALSE(r.irq1.level);
  r.out(0x64, 0x60);
  r.out(0x60, 0x41);
  // The command byte write went through while 55h still waits in the output buffer.
  CHECK(r.irq1.level);
  CHECK(r.in(0x60) == 0x55);
  CHECK_FALSE(r.irq1.level);
  CHECK((r.status() & Kbc8042::kINH) != 0);  // keylock not engaged
}

TEST_CASE("Keyboard FIFO overrun: 16 bytes, the last replaced by the overrun code") {
  KbcRig r;
  r.command_byte(0x00);  // raw set 2
  r.out(0x64, 0xAD);     // hold the keyboard off while keys pile up
  const HostKey keys[] = {HostKey::A, HostKey::B, HostKey::C, HostKey::D, HostKey::E,
                          HostKey::F, HostKey::G, HostKey::H, HostKey::I, HostKey::J,
                          HostKey::K, HostKey::L, HostKey::M, HostKey::N, HostKey::O,
                          HostKey::P, HostKey::Q, HostKey::R};
  for (HostKey k : keys) r.kbc.key_down(k);
  for (HostKey k : keys) r.kbc.key_up(k);
  r.out(0x64, 0xAE);
  std::vector<std::uint8_t> got = r.bytes(20);
  REQUIRE(got.size() == 16);
  CHECK(got[0] == 0x1C);   // A
  CHECK(got[14] == 0x44);  // O (P, Q, R and the breaks overflowed)
  CHECK(got[15] == 0x00);  // set 2 overrun
}

TEST_CASE("Keylock inhibits keyboard input unless the command byte overrides it") {
  KbcRig r;
  r.kbc.set_keylock(true);
  CHECK((r.status() & Kbc8042::kINH) == 0);
  r.out(0x64, 0xC0);
  CHECK((r.in(0x60) & 0x80) == 0);  // input port bit 7: keyboard inhibited
  r.kbc.key_down(HostKey::A);
  CHECK_FALSE(r.next_byte(ms(20)).has_value());
  r.command_byte(0x40 | Kbc8042::kCmdOverride);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1E));
  r.kbc.set_keylock(false);
  CHECK((r.status() & Kbc8042::kINH) != 0);
}
