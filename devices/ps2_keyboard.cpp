#include "devices/ps2_keyboard.hpp"

namespace quartz {

namespace {
constexpr std::uint8_t kBatOk = 0xAA;
}

Ps2Keyboard::Ps2Keyboard() : bat_delay_(seconds_to_ticks(0.010)) {}

Tick Ps2Keyboard::typematic_delay(std::uint8_t t) {
  return seconds_to_ticks(0.250 * (((t >> 5) & 3) + 1));
}

Tick Ps2Keyboard::typematic_period(std::uint8_t t) {
  const unsigned a = t & 7, b = (t >> 3) & 3;
  return seconds_to_ticks((8 + a) * double(1u << b) * 0.00417);
}

void Ps2Keyboard::set_defaults() {
  set_ = xt_mode_ ? 1 : 2;
  typematic_ = kDefaultTypematic;
  repeating_ = false;
  next_repeat_ = kNever;
}

void Ps2Keyboard::power_on(Tick now) {
  set_defaults();
  leds_ = 0;
  pending_cmd_ = 0;
  down_.reset();
  clear_output();
  enabled_ = true;
  bat_done_ = now + bat_delay_;
  send(kBatOk, bat_done_);
}

void Ps2Keyboard::send(std::uint8_t b, Tick at) {
  if (fifo_.size() >= kFifoSize) {
    // Buffer overrun: the last slot holds the overrun code (00h in set 2, FFh in set 1).
    fifo_.back().byte = set_ == 1 ? 0xFF : 0x00;
    return;
  }
  fifo_.push_back({b, at});
}

void Ps2Keyboard::send_scan(const ScanSequence& set2, Tick at) {
  if (set_ == 1) {
    Set1Translator t;
    for (std::uint8_t i = 0; i < set2.len; ++i)
      if (auto b = t.feed(set2.bytes[i])) send(*b, at);
  } else {
    for (std::uint8_t i = 0; i < set2.len; ++i) send(set2.bytes[i], at);
  }
}

namespace {

bool is_navigation(HostKey k) {
  switch (k) {
    case HostKey::Insert: case HostKey::Delete: case HostKey::Home: case HostKey::End:
    case HostKey::PageUp: case HostKey::PageDown: case HostKey::Up: case HostKey::Down:
    case HostKey::Left: case HostKey::Right:
      return true;
    default:
      return false;
  }
}

void append(ScanSequence& s, std::initializer_list<std::uint8_t> bytes) {
  for (std::uint8_t b : bytes) s.bytes[s.len++] = b;
}

void append(ScanSequence& s, const ScanSequence& more) {
  for (std::uint8_t i = 0; i < more.len; ++i) s.bytes[s.len++] = more.bytes[i];
}

constexpr std::uint8_t kLShift = 0x12, kRShift = 0x59;

}  // namespace

ScanSequence Ps2Keyboard::make_sequence(HostKey k) const {
  const bool lshift = key_is_down(HostKey::LeftShift), rshift = key_is_down(HostKey::RightShift);
  const bool ctrl = key_is_down(HostKey::LeftCtrl) || key_is_down(HostKey::RightCtrl);
  const bool alt = key_is_down(HostKey::LeftAlt) || key_is_down(HostKey::RightAlt);
  const bool numlock = leds_ & 0x02;
  ScanSequence s;
  if (k == HostKey::PrintScreen) {
    if (alt) append(s, {0x84});
    else if (lshift || rshift || ctrl) append(s, {0xE0, 0x7C});
    else s = set2_make(k);
    return s;
  }
  if (k == HostKey::Pause && ctrl) {
    append(s, {0xE0, 0x7E, 0xE0, 0xF0, 0x7E});
    return s;
  }
  const bool nav = is_navigation(k);
  if ((nav || k == HostKey::KpDivide) && (lshift || rshift)) {
    if (lshift) append(s, {0xE0, 0xF0, kLShift});
    if (rshift) append(s, {0xE0, 0xF0, kRShift});
  } else if (nav && numlock) {
    append(s, {0xE0, kLShift});
  }
  append(s, set2_make(k));
  return s;
}

ScanSequence Ps2Keyboard::break_sequence(HostKey k) const {
  const bool lshift = key_is_down(HostKey::LeftShift), rshift = key_is_down(HostKey::RightShift);
  const bool ctrl = key_is_down(HostKey::LeftCtrl) || key_is_down(HostKey::RightCtrl);
  const bool alt = key_is_down(HostKey::LeftAlt) || key_is_down(HostKey::RightAlt);
  const bool numlock = leds_ & 0x02;
  ScanSequence s;
  if (k == HostKey::PrintScreen) {
    if (alt) append(s, {0xF0, 0x84});
    else if (lshift || rshift || ctrl) append(s, {0xE0, 0xF0, 0x7C});
    else s = set2_break(k);
    return s;
  }
  append(s, set2_break(k));
  const bool nav = is_navigation(k);
  if ((nav || k == HostKey::KpDivide) && (lshift || rshift)) {
    if (rshift) append(s, {0xE0, kRShift});
    if (lshift) append(s, {0xE0, kLShift});
  } else if (nav && numlock) {
    append(s, {0xE0, 0xF0, kLShift});
  }
  return s;
}

void Ps2Keyboard::key_down(HostKey k, Tick now) {
  if (k >= HostKey::kCount) return;
  sync(now);
  const bool was_down = down_.test(std::size_t(k));
  down_.set(std::size_t(k));
  if (was_down) return;  // host auto-repeat is ignored: typematic is generated here
  if (!enabled_ || now < bat_done_) return;
  send_scan(make_sequence(k), now);
  if (is_typematic(k)) {
    repeating_ = true;
    repeat_key_ = k;
    next_repeat_ = now + typematic_delay(typematic_);
  }
}

void Ps2Keyboard::key_up(HostKey k, Tick now) {
  if (k >= HostKey::kCount || !down_.test(std::size_t(k))) return;
  sync(now);
  down_.reset(std::size_t(k));
  if (repeating_ && repeat_key_ == k) {
    repeating_ = false;
    next_repeat_ = kNever;
  }
  if (!enabled_ || now < bat_done_) return;
  send_scan(break_sequence(k), now);
}

void Ps2Keyboard::release_all(Tick now) {
  for (std::size_t i = 0; i < kHostKeyCount; ++i)
    if (down_.test(i)) key_up(HostKey(i), now);
}

void Ps2Keyboard::sync(Tick now) {
  while (repeating_ && enabled_ && next_repeat_ <= now) {
    if (fifo_.size() >= kFifoSize) {
      // The host is not reading: repeats are dropped until there is room again.
      const Tick period = typematic_period(typematic_);
      next_repeat_ += ((now - next_repeat_) / period + 1) * period;
      break;
    }
    // Repeats carry the key's own code; the fake shifts around it were sent with the
    // first make and stay in effect.
    send_scan(repeat_key_ == HostKey::PrintScreen ? make_sequence(repeat_key_)
                                                  : set2_make(repeat_key_),
              next_repeat_);
    next_repeat_ += typematic_period(typematic_);
  }
}

Tick Ps2Keyboard::next_event() const {
  return (repeating_ && enabled_) ? next_repeat_ : kNever;
}

std::uint8_t Ps2Keyboard::pop() {
  if (fifo_.empty()) return 0;
  const std::uint8_t b = fifo_.front().byte;
  fifo_.pop_front();
  last_sent_ = b;  // what Resend (FEh) repeats: the last byte put on the line
  return b;
}

}  // namespace quartz
