#include "devices/scancodes.hpp"

#include <cctype>

namespace quartz {

namespace {

struct KeyRow {
  HostKey key;
  std::string_view name;
  std::uint8_t set2;  // code after any E0 prefix
  bool extended;      // E0-prefixed
};

// Set 2 codes of the US keyboard (IBM PC/AT Technical Reference / PS/2 keyboard
// specification), in HostKey order. PrintScreen and Pause are special-cased below; their
// code column holds the set 2 byte after E0 (7C) and the first byte after E1 (14).
constexpr KeyRow kKeys[] = {
    {HostKey::Escape, "Escape", 0x76, false},   {HostKey::F1, "F1", 0x05, false},
    {HostKey::F2, "F2", 0x06, false},           {HostKey::F3, "F3", 0x04, false},
    {HostKey::F4, "F4", 0x0C, false},           {HostKey::F5, "F5", 0x03, false},
    {HostKey::F6, "F6", 0x0B, false},           {HostKey::F7, "F7", 0x83, false},
    {HostKey::F8, "F8", 0x0A, false},           {HostKey::F9, "F9", 0x01, false},
    {HostKey::F10, "F10", 0x09, false},         {HostKey::F11, "F11", 0x78, false},
    {HostKey::F12, "F12", 0x07, false},         {HostKey::PrintScreen, "PrintScreen", 0x7C, true},
    {HostKey::ScrollLock, "ScrollLock", 0x7E, false}, {HostKey::Pause, "Pause", 0x14, false},
    {HostKey::Backquote, "Backquote", 0x0E, false}, {HostKey::Digit1, "1", 0x16, false},
    {HostKey::Digit2, "2", 0x1E, false},        {HostKey::Digit3, "3", 0x26, false},
    {HostKey::Digit4, "4", 0x25, false},        {HostKey::Digit5, "5", 0x2E, false},
    {HostKey::Digit6, "6", 0x36, false},        {HostKey::Digit7, "7", 0x3D, false},
    {HostKey::Digit8, "8", 0x3E, false},        {HostKey::Digit9, "9", 0x46, false},
    {HostKey::Digit0, "0", 0x45, false},        {HostKey::Minus, "Minus", 0x4E, false},
    {HostKey::Equals, "Equals", 0x55, false},   {HostKey::Backspace, "Backspace", 0x66, false},
    {HostKey::Tab, "Tab", 0x0D, false},         {HostKey::Q, "Q", 0x15, false},
    {HostKey::W, "W", 0x1D, false},             {HostKey::E, "E", 0x24, false},
    {HostKey::R, "R", 0x2D, false},             {HostKey::T, "T", 0x2C, false},
    {HostKey::Y, "Y", 0x35, false},             {HostKey::U, "U", 0x3C, false},
    {HostKey::I, "I", 0x43, false},             {HostKey::O, "O", 0x44, false},
    {HostKey::P, "P", 0x4D, false},             {HostKey::LeftBracket, "LeftBracket", 0x54, false},
    {HostKey::RightBracket, "RightBracket", 0x5B, false},
    {HostKey::Backslash, "Backslash", 0x5D, false},
    {HostKey::CapsLock, "CapsLock", 0x58, false}, {HostKey::A, "A", 0x1C, false},
    {HostKey::S, "S", 0x1B, false},             {HostKey::D, "D", 0x23, false},
    {HostKey::F, "F", 0x2B, false},             {HostKey::G, "G", 0x34, false},
    {HostKey::H, "H", 0x33, false},             {HostKey::J, "J", 0x3B, false},
    {HostKey::K, "K", 0x42, false},             {HostKey::L, "L", 0x4B, false},
    {HostKey::Semicolon, "Semicolon", 0x4C, false}, {HostKey::Quote, "Quote", 0x52, false},
    {HostKey::Enter, "Enter", 0x5A, false},     {HostKey::LeftShift, "LeftShift", 0x12, false},
    {HostKey::Z, "Z", 0x1A, false},             {HostKey::X, "X", 0x22, false},
    {HostKey::C, "C", 0x21, false},             {HostKey::V, "V", 0x2A, false},
    {HostKey::B, "B", 0x32, false},             {HostKey::N, "N", 0x31, false},
    {HostKey::M, "M", 0x3A, false},             {HostKey::Comma, "Comma", 0x41, false},
    {HostKey::Period, "Period", 0x49, false},   {HostKey::Slash, "Slash", 0x4A, false},
    {HostKey::RightShift, "RightShift", 0x59, false},
    {HostKey::LeftCtrl, "LeftCtrl", 0x14, false}, {HostKey::LeftGui, "LeftGui", 0x1F, true},
    {HostKey::LeftAlt, "LeftAlt", 0x11, false}, {HostKey::Space, "Space", 0x29, false},
    {HostKey::RightAlt, "RightAlt", 0x11, true}, {HostKey::RightGui, "RightGui", 0x27, true},
    {HostKey::Menu, "Menu", 0x2F, true},        {HostKey::RightCtrl, "RightCtrl", 0x14, true},
    {HostKey::Insert, "Insert", 0x70, true},    {HostKey::Home, "Home", 0x6C, true},
    {HostKey::PageUp, "PageUp", 0x7D, true},    {HostKey::Delete, "Delete", 0x71, true},
    {HostKey::End, "End", 0x69, true},          {HostKey::PageDown, "PageDown", 0x7A, true},
    {HostKey::Up, "Up", 0x75, true},            {HostKey::Left, "Left", 0x6B, true},
    {HostKey::Down, "Down", 0x72, true},        {HostKey::Right, "Right", 0x74, true},
    {HostKey::NumLock, "NumLock", 0x77, false}, {HostKey::KpDivide, "KpDivide", 0x4A, true},
    {HostKey::KpMultiply, "KpMultiply", 0x7C, false},
    {HostKey::KpMinus, "KpMinus", 0x7B, false}, {HostKey::Kp7, "Kp7", 0x6C, false},
    {HostKey::Kp8, "Kp8", 0x75, false},         {HostKey::Kp9, "Kp9", 0x7D, false},
    {HostKey::KpPlus, "KpPlus", 0x79, false},   {HostKey::Kp4, "Kp4", 0x6B, false},
    {HostKey::Kp5, "Kp5", 0x73, false},         {HostKey::Kp6, "Kp6", 0x74, false},
    {HostKey::Kp1, "Kp1", 0x69, false},         {HostKey::Kp2, "Kp2", 0x72, false},
    {HostKey::Kp3, "Kp3", 0x7A, false},         {HostKey::KpEnter, "KpEnter", 0x5A, true},
    {HostKey::Kp0, "Kp0", 0x70, false},         {HostKey::KpPeriod, "KpPeriod", 0x71, false},
    {HostKey::NonUsBackslash, "NonUsBackslash", 0x61, false},
};
static_assert(std::size(kKeys) == kHostKeyCount);
constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kKeys); ++i)
    if (std::size_t(kKeys[i].key) != i) return false;
  return true;
}
static_assert(rows_in_enum_order(), "kKeys must list keys in HostKey order");

// The 8042 translation table for set 2 bytes 00h-7Fh. Bytes 80h and above pass unchanged
// except 83h (F7) -> 41h and 84h (Alt+SysRq) -> 54h.
constexpr std::array<std::uint8_t, 128> kSet2ToSet1 = {
    0xFF, 0x43, 0x41, 0x3F, 0x3D, 0x3B, 0x3C, 0x58, 0x64, 0x44, 0x42, 0x40, 0x3E, 0x0F, 0x29, 0x59,
    0x65, 0x38, 0x2A, 0x70, 0x1D, 0x10, 0x02, 0x5A, 0x66, 0x71, 0x2C, 0x1F, 0x1E, 0x11, 0x03, 0x5B,
    0x67, 0x2E, 0x2D, 0x20, 0x12, 0x05, 0x04, 0x5C, 0x68, 0x39, 0x2F, 0x21, 0x14, 0x13, 0x06, 0x5D,
    0x69, 0x31, 0x30, 0x23, 0x22, 0x15, 0x07, 0x5E, 0x6A, 0x72, 0x32, 0x24, 0x16, 0x08, 0x09, 0x5F,
    0x6B, 0x33, 0x25, 0x17, 0x18, 0x0B, 0x0A, 0x60, 0x6C, 0x34, 0x35, 0x26, 0x27, 0x19, 0x0C, 0x61,
    0x6D, 0x73, 0x28, 0x74, 0x1A, 0x0D, 0x62, 0x6E, 0x3A, 0x36, 0x1C, 0x1B, 0x75, 0x2B, 0x63, 0x76,
    0x55, 0x56, 0x77, 0x78, 0x79, 0x7A, 0x0E, 0x7B, 0x7C, 0x4F, 0x7D, 0x4B, 0x47, 0x7E, 0x7F, 0x6F,
    0x52, 0x53, 0x50, 0x4C, 0x4D, 0x48, 0x01, 0x45, 0x57, 0x4E, 0x51, 0x4A, 0x37, 0x49, 0x46, 0x54,
};

constexpr HostKey kLetters[26] = {
    HostKey::A, HostKey::B, HostKey::C, HostKey::D, HostKey::E, HostKey::F, HostKey::G,
    HostKey::H, HostKey::I, HostKey::J, HostKey::K, HostKey::L, HostKey::M, HostKey::N,
    HostKey::O, HostKey::P, HostKey::Q, HostKey::R, HostKey::S, HostKey::T, HostKey::U,
    HostKey::V, HostKey::W, HostKey::X, HostKey::Y, HostKey::Z};

// US layout: the character a key types alone and with Shift (0 = none).
struct CharRow {
  HostKey key;
  char plain;
  char shifted;
};
constexpr CharRow kChars[] = {
    {HostKey::Digit1, '1', '!'}, {HostKey::Digit2, '2', '@'}, {HostKey::Digit3, '3', '#'},
    {HostKey::Digit4, '4', '$'}, {HostKey::Digit5, '5', '%'}, {HostKey::Digit6, '6', '^'},
    {HostKey::Digit7, '7', '&'}, {HostKey::Digit8, '8', '*'}, {HostKey::Digit9, '9', '('},
    {HostKey::Digit0, '0', ')'}, {HostKey::Minus, '-', '_'}, {HostKey::Equals, '=', '+'},
    {HostKey::Backquote, '`', '~'}, {HostKey::LeftBracket, '[', '{'},
    {HostKey::RightBracket, ']', '}'}, {HostKey::Backslash, '\\', '|'},
    {HostKey::Semicolon, ';', ':'}, {HostKey::Quote, '\'', '"'}, {HostKey::Comma, ',', '<'},
    {HostKey::Period, '.', '>'}, {HostKey::Slash, '/', '?'}, {HostKey::Space, ' ', 0},
    {HostKey::Enter, '\n', 0}, {HostKey::Enter, '\r', 0}, {HostKey::Tab, '\t', 0},
    {HostKey::Backspace, '\b', 0}, {HostKey::Escape, '\x1b', 0},
};

ScanSequence seq(std::initializer_list<std::uint8_t> bytes) {
  ScanSequence s;
  for (std::uint8_t b : bytes) s.bytes[s.len++] = b;
  return s;
}

ScanSequence translate(const ScanSequence& set2) {
  Set1Translator t;
  ScanSequence out;
  for (std::uint8_t i = 0; i < set2.len; ++i)
    if (auto b = t.feed(set2.bytes[i])) out.bytes[out.len++] = *b;
  return out;
}

}  // namespace

std::string_view host_key_name(HostKey k) {
  const auto i = std::size_t(k);
  return i < kHostKeyCount ? kKeys[i].name : std::string_view("?");
}

std::optional<HostKey> parse_host_key(std::string_view name) {
  for (const KeyRow& row : kKeys) {
    if (row.name.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(row.name[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return row.key;
  }
  return std::nullopt;
}

std::optional<KeyStroke> key_for_char(char c) {
  if (c >= 'a' && c <= 'z') return KeyStroke{kLetters[c - 'a'], false};
  if (c >= 'A' && c <= 'Z') return KeyStroke{kLetters[c - 'A'], true};
  for (const CharRow& row : kChars) {
    if (row.plain == c) return KeyStroke{row.key, false};
    if (row.shifted && row.shifted == c) return KeyStroke{row.key, true};
  }
  return std::nullopt;
}

std::uint8_t set2_code(HostKey k) { return kKeys[std::size_t(k)].set2; }
bool set2_extended(HostKey k) { return kKeys[std::size_t(k)].extended; }
bool is_typematic(HostKey k) { return k != HostKey::Pause; }

ScanSequence set2_make(HostKey k) {
  if (k == HostKey::PrintScreen) return seq({0xE0, 0x12, 0xE0, 0x7C});
  if (k == HostKey::Pause) return seq({0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77});
  const KeyRow& r = kKeys[std::size_t(k)];
  return r.extended ? seq({0xE0, r.set2}) : seq({r.set2});
}

ScanSequence set2_break(HostKey k) {
  if (k == HostKey::PrintScreen) return seq({0xE0, 0xF0, 0x7C, 0xE0, 0xF0, 0x12});
  if (k == HostKey::Pause) return {};
  const KeyRow& r = kKeys[std::size_t(k)];
  return r.extended ? seq({0xE0, 0xF0, r.set2}) : seq({0xF0, r.set2});
}

std::uint8_t translate_set2_to_set1(std::uint8_t code) {
  if (code < 0x80) return kSet2ToSet1[code];
  if (code == 0x83) return 0x41;
  if (code == 0x84) return 0x54;
  return code;
}

std::optional<std::uint8_t> Set1Translator::feed(std::uint8_t b) {
  if (b == 0xF0) {
    break_pending_ = true;
    return std::nullopt;
  }
  std::uint8_t out = translate_set2_to_set1(b);
  if (break_pending_) {
    out |= 0x80;
    break_pending_ = false;
  }
  return out;
}

ScanSequence set1_make(HostKey k) { return translate(set2_make(k)); }
ScanSequence set1_break(HostKey k) { return translate(set2_break(k)); }

}  // namespace quartz
