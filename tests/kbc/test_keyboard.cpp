// The PS/2 keyboard behind the 8042: commands and responses from the IBM keyboard
// specification (FF -> FA AA, F2 -> FA AB 83, EE -> EE, F0 get/set set, F3 typematic,
// ED LEDs), set 2 scan codes and the controller's set 2 -> set 1 translation.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "kbc_rig.hpp"

using namespace quartz;
using namespace quartz::test;

using Bytes = std::vector<std::uint8_t>;

TEST_CASE("Keyboard reset FFh answers FAh then AAh after the self-test") {
  KbcRig r;
  r.out(0x60, 0xFF);
  CHECK((r.status() & Kbc8042::kIBF) != 0);  // being clocked out to the keyboard
  CHECK(r.bytes(2) == Bytes{0xFA, 0xAA});
}

TEST_CASE("A byte takes about 1 ms each way on the keyboard line") {
  KbcRig r;
  const Tick t0 = r.t;
  r.out(0x60, 0xEE);  // echo
  r.at(t0 + ms(1.9));
  CHECK((r.status() & Kbc8042::kOBF) == 0);
  CHECK((r.status() & Kbc8042::kIBF) == 0);  // the byte reached the keyboard after 1 ms
  r.at(t0 + ms(2.1));
  CHECK((r.status() & Kbc8042::kOBF) != 0);
  CHECK(r.in(0x60) == 0xEE);
  // A key press reaches the output buffer 1 ms after it is made.
  const Tick t1 = r.t;
  r.kbc.key_down(HostKey::A);
  CHECK(r.kbc.next_event() == t1 + ms(1));
}

TEST_CASE("Identify F2h: FA AB 83 raw, FA AB 41 through the translator") {
  KbcRig r;
  r.command_byte(0x00);  // translation off
  r.out(0x60, 0xF2);
  CHECK(r.bytes(3) == Bytes{0xFA, 0xAB, 0x83});
  r.command_byte(0x40);
  r.out(0x60, 0xF2);
  CHECK(r.bytes(3) == Bytes{0xFA, 0xAB, 0x41});
}

TEST_CASE("Set 2 'A' is 1C / F0 1C, translated it is 1E / 9E, IRQ1 on each byte") {
  KbcRig r;
  r.command_byte(0x01);  // IRQ1 on, translation off
  const int rises = r.irq1.rises;
  r.kbc.key_down(HostKey::A);
  r.kbc.key_up(HostKey::A);
  CHECK(r.bytes(3) == Bytes{0x1C, 0xF0, 0x1C});
  CHECK(r.irq1.rises - rises == 3);
  r.command_byte(0x41);
  r.kbc.key_down(HostKey::A);
  r.kbc.key_up(HostKey::A);
  CHECK(r.bytes(2) == Bytes{0x1E, 0x9E});
}

TEST_CASE("Extended keys, PrintScreen and Pause through the translator") {
  KbcRig r;
  r.kbc.key_down(HostKey::Right);
  r.kbc.key_up(HostKey::Right);
  CHECK(r.bytes(4) == Bytes{0xE0, 0x4D, 0xE0, 0xCD});
  r.kbc.key_down(HostKey::PrintScreen);
  r.kbc.key_up(HostKey::PrintScreen);
  CHECK(r.bytes(8) == Bytes{0xE0, 0x2A, 0xE0, 0x37, 0xE0, 0xB7, 0xE0, 0xAA});
  r.kbc.key_down(HostKey::Pause);
  r.kbc.key_up(HostKey::Pause);
  CHECK(r.bytes(6) == Bytes{0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5});
  CHECK_FALSE(r.next_byte(ms(50)).has_value());  // Pause has no break code
}

TEST_CASE("Raw set 2 sequences for extended keys") {
  KbcRig r;
  r.command_byte(0x00);
  r.kbc.key_down(HostKey::RightCtrl);
  r.kbc.key_up(HostKey::RightCtrl);
  CHECK(r.bytes(5) == Bytes{0xE0, 0x14, 0xE0, 0xF0, 0x14});
  r.kbc.key_down(HostKey::KpEnter);
  CHECK(r.bytes(2) == Bytes{0xE0, 0x5A});
}

TEST_CASE("Typematic: default 500 ms delay and 10.9 cps, F3h 00h gives 250 ms and 30 cps") {
  KbcRig r;
  const Tick t0 = r.t;
  r.kbc.key_down(HostKey::A);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1E));
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1E));
  // Arrived 500 ms (+1 ms line time) after the press.
  CHECK(std::llabs(std::int64_t(r.t - t0) - std::int64_t(ms(501))) <= 2);
  const Tick t1 = r.t;
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1E));
  // Period for rate 0Bh: (8 + 3) x 2^1 x 4.17 ms = 91.74 ms.
  CHECK(std::llabs(std::int64_t(r.t - t1) - std::int64_t(ms(91.74))) <= 2);
  r.kbc.key_up(HostKey::A);
  r.drain();
  r.out(0x60, 0xF3);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  r.out(0x60, 0x00);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  CHECK(r.kbc.keyboard().typematic() == 0x00);
  const Tick t2 = r.t;
  r.kbc.key_down(HostKey::B);
  r.bytes(2);
  CHECK(std::llabs(std::int64_t(r.t - t2) - std::int64_t(ms(251))) <= 2);
  const Tick t3 = r.t;
  r.bytes(1);
  CHECK(std::llabs(std::int64_t(r.t - t3) - std::int64_t(ms(8 * 4.17))) <= 2);
}

TEST_CASE("Scan code set: F0h 00h reports the set, F0h 01h switches to set 1") {
  KbcRig r;
  r.command_byte(0x00);
  r.out(0x60, 0xF0);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  r.out(0x60, 0x00);
  CHECK(r.bytes(2) == Bytes{0xFA, 0x02});
  // Through the translator the set number reads 41h for set 2 (43h / 3Fh for sets 1 / 3),
  // as documented for the 8042 translation.
  r.command_byte(0x40);
  r.out(0x60, 0xF0);
  r.next_byte();
  r.out(0x60, 0x00);
  CHECK(r.bytes(2) == Bytes{0xFA, 0x41});
  CHECK(translate_set2_to_set1(0x01) == 0x43);
  CHECK(translate_set2_to_set1(0x03) == 0x3F);
  r.command_byte(0x00);
  r.out(0x60, 0xF0);
  r.next_byte();
  r.out(0x60, 0x01);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  CHECK(r.kbc.keyboard().scan_set() == 1);
  r.kbc.key_down(HostKey::A);
  r.kbc.key_up(HostKey::A);
  CHECK(r.bytes(2) == Bytes{0x1E, 0x9E});
}

TEST_CASE("LEDs ED, echo EE, disable F5 / enable F4, unknown command answers FE") {
  KbcRig r;
  r.out(0x60, 0xED);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  r.out(0x60, 0x05);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  CHECK(r.kbc.keyboard().leds() == 0x05);
  r.out(0x60, 0xEE);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xEE));
  r.out(0x60, 0xF5);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  r.kbc.key_down(HostKey::Q);
  CHECK_FALSE(r.next_byte(ms(20)).has_value());
  r.kbc.key_up(HostKey::Q);
  r.out(0x60, 0xF4);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFA));
  r.kbc.key_down(HostKey::Q);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x10));
  r.out(0x60, 0x42);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xFE));
}

TEST_CASE("A second write while the first byte is on the line waits with IBF set") {
  KbcRig r;
  r.out(0x60, 0xEE);
  r.out(0x64, 0xAA);  // arrives while EEh is being sent
  CHECK((r.status() & Kbc8042::kIBF) != 0);
  CHECK((r.status() & Kbc8042::kOBF) == 0);
  r.at(r.t + ms(1.05));
  CHECK((r.status() & Kbc8042::kIBF) == 0);
  CHECK(r.in(0x60) == 0x55);  // the self-test ran once the line was free
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0xEE));
}

TEST_CASE("Fake shifts: Num Lock on wraps navigation keys in E0 12 ... E0 F0 12") {
  KbcRig r;
  r.command_byte(0x00);  // raw set 2
  r.out(0x60, 0xED);
  r.next_byte();
  r.out(0x60, 0x02);  // Num Lock LED on
  r.next_byte();
  r.kbc.key_down(HostKey::Up);
  r.kbc.key_up(HostKey::Up);
  CHECK(r.bytes(9) == Bytes{0xE0, 0x12, 0xE0, 0x75, 0xE0, 0xF0, 0x75, 0xE0, 0xF0});
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x12));
  // Through the translator this is the familiar set 1 E0 2A E0 48 / E0 C8 E0 AA.
  r.command_byte(0x40);
  r.kbc.key_down(HostKey::Up);
  r.kbc.key_up(HostKey::Up);
  CHECK(r.bytes(8) == Bytes{0xE0, 0x2A, 0xE0, 0x48, 0xE0, 0xC8, 0xE0, 0xAA});
}

TEST_CASE("Fake shifts: Left Shift held cancels itself around Insert and keypad /") {
  KbcRig r;
  r.kbc.key_down(HostKey::LeftShift);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x2A));
  r.kbc.key_down(HostKey::Insert);
  r.kbc.key_up(HostKey::Insert);
  CHECK(r.bytes(8) == Bytes{0xE0, 0xAA, 0xE0, 0x52, 0xE0, 0xD2, 0xE0, 0x2A});
  r.kbc.key_down(HostKey::KpDivide);
  CHECK(r.bytes(4) == Bytes{0xE0, 0xAA, 0xE0, 0x35});
}

TEST_CASE("Alt+PrintScreen is SysRq (84h -> 54h) and Ctrl+Pause is Break") {
  KbcRig r;
  r.kbc.key_down(HostKey::LeftAlt);
  r.kbc.key_down(HostKey::PrintScreen);
  r.kbc.key_up(HostKey::PrintScreen);
  r.kbc.key_up(HostKey::LeftAlt);
  CHECK(r.bytes(4) == Bytes{0x38, 0x54, 0xD4, 0xB8});
  r.kbc.key_down(HostKey::LeftCtrl);
  r.kbc.key_down(HostKey::Pause);
  CHECK(r.bytes(5) == Bytes{0x1D, 0xE0, 0x46, 0xE0, 0xC6});
}

TEST_CASE("Resend FEh repeats the last byte the keyboard transmitted") {
  KbcRig r;
  r.command_byte(0x00);
  r.kbc.key_down(HostKey::W);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1D));
  r.out(0x60, 0xFE);
  CHECK(r.next_byte() == std::optional<std::uint8_t>(0x1D));
}
