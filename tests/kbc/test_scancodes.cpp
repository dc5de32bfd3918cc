// Scan code tables: set 1 values from the IBM PC/XT Technical Reference keyboard table,
// set 2 values from the IBM PC/AT keyboard table; the set 1 column is reached through the
// 8042 translation of the set 2 column, so each check ties the two published tables together.
#include <catch2/catch.hpp>

#include "devices/scancodes.hpp"

using namespace quartz;

TEST_CASE("Set 1 through the translator matches the XT scan code table") {
  struct Row { HostKey key; std::uint8_t set1; };
  const Row rows[] = {
      {HostKey::Escape, 0x01}, {HostKey::Digit1, 0x02}, {HostKey::Digit0, 0x0B},
      {HostKey::Minus, 0x0C}, {HostKey::Equals, 0x0D}, {HostKey::Backspace, 0x0E},
      {HostKey::Tab, 0x0F}, {HostKey::Q, 0x10}, {HostKey::P, 0x19}, {HostKey::Enter, 0x1C},
      {HostKey::LeftCtrl, 0x1D}, {HostKey::A, 0x1E}, {HostKey::L, 0x26},
      {HostKey::Semicolon, 0x27}, {HostKey::Quote, 0x28}, {HostKey::Backquote, 0x29},
      {HostKey::LeftShift, 0x2A}, {HostKey::Backslash, 0x2B}, {HostKey::Z, 0x2C},
      {HostKey::M, 0x32}, {HostKey::Slash, 0x35}, {HostKey::RightShift, 0x36},
      {HostKey::KpMultiply, 0x37}, {HostKey::LeftAlt, 0x38}, {HostKey::Space, 0x39},
      {HostKey::CapsLock, 0x3A}, {HostKey::F1, 0x3B}, {HostKey::F7, 0x41},
      {HostKey::F10, 0x44}, {HostKey::NumLock, 0x45}, {HostKey::ScrollLock, 0x46},
      {HostKey::Kp7, 0x47}, {HostKey::KpMinus, 0x4A}, {HostKey::Kp5, 0x4C},
      {HostKey::KpPlus, 0x4E}, {HostKey::Kp3, 0x51}, {HostKey::Kp0, 0x52},
      {HostKey::KpPeriod, 0x53}, {HostKey::NonUsBackslash, 0x56}, {HostKey::F11, 0x57},
      {HostKey::F12, 0x58},
  };
  for (const Row& row : rows) {
    INFO(host_key_name(row.key));
    const ScanSequence make = set1_make(row.key);
    REQUIRE(make.len == 1);
    CHECK(make.bytes[0] == row.set1);
    const ScanSequence brk = set1_break(row.key);
    REQUIRE(brk.len == 1);
    CHECK(brk.bytes[0] == (row.set1 | 0x80));
  }
}

TEST_CASE("Extended keys carry E0 in both sets") {
  CHECK(set2_make(HostKey::Delete) == ScanSequence{2, {0xE0, 0x71}});
  CHECK(set2_break(HostKey::Delete) == ScanSequence{3, {0xE0, 0xF0, 0x71}});
  CHECK(set1_make(HostKey::Delete) == ScanSequence{2, {0xE0, 0x53}});
  CHECK(set1_make(HostKey::KpDivide) == ScanSequence{2, {0xE0, 0x35}});
  CHECK(set1_make(HostKey::RightAlt) == ScanSequence{2, {0xE0, 0x38}});
  CHECK(set1_make(HostKey::Up) == ScanSequence{2, {0xE0, 0x48}});
  CHECK(set1_make(HostKey::LeftGui) == ScanSequence{2, {0xE0, 0x5B}});
}

TEST_CASE("Translator: F0 is swallowed and sets bit 7, codes 80h+ pass except 83h/84h") {
  Set1Translator t;
  CHECK_FALSE(t.feed(0xF0).has_value());
  CHECK(t.feed(0x1C) == std::optional<std::uint8_t>(0x9E));
  CHECK(t.feed(0x1C) == std::optional<std::uint8_t>(0x1E));
  CHECK(t.feed(0xFA) == std::optional<std::uint8_t>(0xFA));
  CHECK(t.feed(0xAA) == std::optional<std::uint8_t>(0xAA));
  CHECK(translate_set2_to_set1(0x83) == 0x41);
  CHECK(translate_set2_to_set1(0x84) == 0x54);
  CHECK(translate_set2_to_set1(0x00) == 0xFF);  // overrun code
}

TEST_CASE("Key names parse case-insensitively") {
  CHECK(parse_host_key("enter") == std::optional<HostKey>(HostKey::Enter));
  CHECK(parse_host_key("F12") == std::optional<HostKey>(HostKey::F12));
  CHECK(parse_host_key("kpplus") == std::optional<HostKey>(HostKey::KpPlus));
  CHECK_FALSE(parse_host_key("NoSuchKey").has_value());
  CHECK(host_key_name(HostKey::PageDown) == "PageDown");
}

TEST_CASE("ASCII characters map to US-layout keys with Shift where needed") {
  CHECK(key_for_char('a') == std::optional<KeyStroke>(KeyStroke{HostKey::A, false}));
  CHECK(key_for_char('Z') == std::optional<KeyStroke>(KeyStroke{HostKey::Z, true}));
  CHECK(key_for_char('!') == std::optional<KeyStroke>(KeyStroke{HostKey::Digit1, true}));
  CHECK(key_for_char(':') == std::optional<KeyStroke>(KeyStroke{HostKey::Semicolon, true}));
  CHECK(key_for_char('\\') == std::optional<KeyStroke>(KeyStroke{HostKey::Backslash, false}));
  CHECK(key_for_char('"') == std::optional<KeyStroke>(KeyStroke{HostKey::Quote, true}));
  CHECK(key_for_char('\n') == std::optional<KeyStroke>(KeyStroke{HostKey::Enter, false}));
  CHECK(key_for_char(' ') == std::optional<KeyStroke>(KeyStroke{HostKey::Space, false}));
  CHECK_FALSE(key_for_char('\x01').has_value());
  CHECK_FALSE(key_for_char(char(0xE9)).has_value());
}
