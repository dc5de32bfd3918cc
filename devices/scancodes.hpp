#pragma once
// Keyboard scan codes as data: the host keys of a US 101/102-key keyboard, their scan code
// set 2 make/break sequences (what an AT/PS/2 keyboard sends by default), and the 8042's
// set 2 -> set 1 translation table (IBM PC/AT Technical Reference, keyboard section;
// "Keyboard scancodes" by A. Brouwer documents the same table).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace quartz {

enum class HostKey : std::uint8_t {
  Escape, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, PrintScreen, ScrollLock, Pause,
  Backquote, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9, Digit0,
  Minus, Equals, Backspace,
  Tab, Q, W, E, R, T, Y, U, I, O, P, LeftBracket, RightBracket, Backslash,
  CapsLock, A, S, D, F, G, H, J, K, L, Semicolon, Quote, Enter,
  LeftShift, Z, X, C, V, B, N, M, Comma, Period, Slash, RightShift,
  LeftCtrl, LeftGui, LeftAlt, Space, RightAlt, RightGui, Menu, RightCtrl,
  Insert, Home, PageUp, Delete, End, PageDown, Up, Left, Down, Right,
  NumLock, KpDivide, KpMultiply, KpMinus, Kp7, Kp8, Kp9, KpPlus, Kp4, Kp5, Kp6,
  Kp1, Kp2, Kp3, KpEnter, Kp0, KpPeriod, NonUsBackslash,
  kCount
};
inline constexpr std::size_t kHostKeyCount = std::size_t(HostKey::kCount);

// A short byte sequence (the longest, Pause, is 8 bytes).
struct ScanSequence {
  std::uint8_t len = 0;
  std::array<std::uint8_t, 8> bytes{};
  bool operator==(const ScanSequence&) const = default;
};

std::string_view host_key_name(HostKey k);
// Case-insensitive lookup of the names used by host_key_name ("A", "Enter", "F12", "KpPlus").
std::optional<HostKey> parse_host_key(std::string_view name);

// The key (and whether Shift is needed) that types an ASCII character on a US layout, for
// headless "type this text" input. '\n' and '\r' map to Enter, '\t' to Tab, '\b' to
// Backspace, 0x1B to Escape; other control characters and non-ASCII have no key.
struct KeyStroke {
  HostKey key;
  bool shift;
  bool operator==(const KeyStroke&) const = default;
};
std::optional<KeyStroke> key_for_char(char c);

// Scan code set 2: make = [E0] code, break = [E0] F0 code, with PrintScreen and Pause as
// their multi-byte sequences (Pause has no break code).
ScanSequence set2_make(HostKey k);
ScanSequence set2_break(HostKey k);
// The key's set 2 code without prefixes, and whether it carries the E0 prefix.
std::uint8_t set2_code(HostKey k);
bool set2_extended(HostKey k);
bool is_typematic(HostKey k);  // every key repeats except Pause

// The 8042's translation of one received set 2 byte to set 1 (without the F0 handling).
std::uint8_t translate_set2_to_set1(std::uint8_t code);

// The 8042 translation process: an F0 (break prefix) is swallowed and the next byte is
// translated with bit 7 set (IBM PC/AT Technical Reference, "Scan code translation").
class Set1Translator {
 public:
  // Returns the byte to place in the output buffer, or nothing for a swallowed F0.
  std::optional<std::uint8_t> feed(std::uint8_t set2_byte);
  void reset() { break_pending_ = false; }

 private:
  bool break_pending_ = false;
};

// Set 1 sequence for a key, obtained through the translation (what an XT keyboard sends).
ScanSequence set1_make(HostKey k);
ScanSequence set1_break(HostKey k);

}  // namespace quartz
