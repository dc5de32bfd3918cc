#include "devices/cmos.hpp"

#include <ctime>

#include <fmt/format.h>

namespace quartz {

namespace {

constexpr ClockRatio kTimeBase = ClockRatio::from_hz(32768);
constexpr std::uint64_t kSecond = 32768;          // time-base cycles per second
constexpr std::uint64_t kFirstUpdate = kSecond / 2;  // 500 ms after the divider is released
// Datasheet table "Update cycle times", 32.768 kHz time base: tBUC = 244 us (8 cycles of
// 30.52 us), tUC = 1984 us (65 cycles).
constexpr std::uint64_t kBeforeUpdate = 8;
constexpr std::uint64_t kUpdateCycle = 65;

int days_in_month(int month, int year2) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  // The chip's leap-year rule is "year divisible by 4" (datasheet: "leap year ... through
  // 2099"); 00 counts as a leap year, which is right for 2000.
  if (month == 2 && year2 % 4 == 0) return 29;
  return kDays[(month - 1) % 12];
}

// 1 = Sunday .. 7 = Saturday, Gregorian calendar.
int weekday(int y, int m, int d) {
  static constexpr int kOffset[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + kOffset[m - 1] + d) % 7 + 1;
}

std::uint8_t bcd(int v) { return std::uint8_t(((v / 10) << 4) | (v % 10)); }

}  // namespace

Cmos::Cmos(IrqLine* irq) : irq_(irq) {
  ram_[kRegA] = 0x26;  // 32.768 kHz time base, 1024 Hz periodic rate (AT BIOS setting)
  ram_[kRegB] = k24h;
  ram_[kRegD] = kVRT;
  set_time(RtcTime{});
}

void Cmos::reset() {
  ram_[kRegB] &= std::uint8_t(~(kPIE | kAIE | kUIE | kSQWE));
  ram_[kRegC] = 0;
  update_irq();
}

Cmos::Cycles Cmos::cycles_at(Tick t) const {
  return t > origin_ ? kTimeBase.to_cycles(t - origin_) : 0;
}

Tick Cmos::tick_of(Cycles c) const { return origin_ + kTimeBase.to_ticks(c); }

Cmos::Cycles Cmos::periodic_cycles() const {
  // Datasheet table "Periodic interrupt rate and square-wave output frequency", 32.768 kHz
  // column: RS=1 and 2 give 3.90625 ms and 7.8125 ms; RS=3..15 give 2^(RS-1) cycles
  // (RS=3: 122.070 us ... RS=6: 976.5625 us ... RS=15: 500 ms).
  const unsigned rs = ram_[kRegA] & 0x0F;
  if (rs == 0) return 0;
  if (rs <= 2) return Cycles(1) << (rs + 6);
  return Cycles(1) << (rs - 1);
}

void Cmos::sync(Tick now) {
  if (now < now_) return;
  now_ = now;
  if (!running()) return;
  advance_to(cycles_at(now));
}

void Cmos::advance_to(Cycles c) {
  if (c <= done_) return;
  const Cycles p = periodic_cycles();
  if (p && c / p > done_ / p) ram_[kRegC] |= kPF;
  // Update cycles end at kFirstUpdate + kUpdateCycle + k * kSecond.
  const Cycles first_end = kFirstUpdate + kUpdateCycle;
  if (c >= first_end) {
    Cycles k = done_ < first_end ? 0 : (done_ - first_end) / kSecond + 1;
    for (Cycles end = first_end + k * kSecond; end <= c; end += kSecond) update_cycle_end();
  }
  done_ = c;
  update_irq();
}

void Cmos::update_cycle_end() {
  // SET = 1 inhibits update cycles (datasheet, register B bit 7).
  if (ram_[kRegB] & kSET) return;
  advance_one_second();
  ram_[kRegC] |= kUF;
  if (alarm_matches()) ram_[kRegC] |= kAF;
}

bool Cmos::alarm_matches() const {
  // An alarm byte with its two high bits set is "don't care" (datasheet "Alarm").
  auto match = [&](std::uint8_t time_reg, std::uint8_t alarm_reg) {
    const std::uint8_t a = ram_[alarm_reg];
    return (a & 0xC0) == 0xC0 || a == ram_[time_reg];
  };
  return match(kSeconds, kSecondsAlarm) && match(kMinutes, kMinutesAlarm) &&
         match(kHours, kHoursAlarm);
}

std::uint8_t Cmos::to_reg(int v) const {
  return (ram_[kRegB] & kDM) ? std::uint8_t(v) : bcd(v);
}

int Cmos::from_reg(std::uint8_t v) const {
  return (ram_[kRegB] & kDM) ? v : (v >> 4) * 10 + (v & 0x0F);
}

int Cmos::hours24() const {
  const std::uint8_t raw = ram_[kHours];
  if (ram_[kRegB] & k24h) return from_reg(raw);
  // 12-hour mode: 1..12 with bit 7 = PM (datasheet "Time, calendar and alarm data modes").
  return from_reg(raw & 0x7F) % 12 + ((raw & 0x80) ? 12 : 0);
}

void Cmos::set_hours24(int h) {
  if (ram_[kRegB] & k24h) {
    ram_[kHours] = to_reg(h);
  } else {
    const int h12 = h % 12 == 0 ? 12 : h % 12;
    ram_[kHours] = std::uint8_t(to_reg(h12) | (h >= 12 ? 0x80 : 0));
  }
}

void Cmos::advance_one_second() {
  int sec = from_reg(ram_[kSeconds]) + 1;
  int min = from_reg(ram_[kMinutes]);
  int hour = hours24();
  int dow = from_reg(ram_[kDayOfWeek]);
  int date = from_reg(ram_[kDate]);
  int month = from_reg(ram_[kMonth]);
  int year = from_reg(ram_[kYear]);
  if (sec >= 60) {
    sec = 0;
    if (++min >= 60) {
      min = 0;
      if (++hour >= 24) {
        hour = 0;
        dow = dow % 7 + 1;
        if (++date > days_in_month(month, year)) {
          date = 1;
          if (++month > 12) {
            month = 1;
            year = (year + 1) % 100;
          }
        }
      }
    }
  }
  // Daylight saving (DSE, datasheet register B bit 0): on the last Sunday in April 1:59:59 AM
  // is followed by 3:00:00 AM; on the last Sunday in October it is followed by 1:00:00 AM
  // the first time only.
  if (month != 10) dst_fell_back_ = false;
  if ((ram_[kRegB] & kDSE) && dow == 1 && hour == 2 && min == 0 && sec == 0) {
    if (month == 4 && date + 7 > 30) {
      hour = 3;
    } else if (month == 10 && date + 7 > 31 && !dst_fell_back_) {
      hour = 1;
      dst_fell_back_ = true;
    }
  }
  ram_[kSeconds] = to_reg(sec);
  ram_[kMinutes] = to_reg(min);
  set_hours24(hour);
  ram_[kDayOfWeek] = to_reg(dow);
  ram_[kDate] = to_reg(date);
  ram_[kMonth] = to_reg(month);
  ram_[kYear] = to_reg(year);
}

void Cmos::update_irq() {
  // IRQF = PF.PIE + AF.AIE + UF.UIE (datasheet register C bit 7).
  const std::uint8_t b = ram_[kRegB], c = ram_[kRegC];
  const bool irqf = ((c & kPF) && (b & kPIE)) || ((c & kAF) && (b & kAIE)) ||
                    ((c & kUF) && (b & kUIE));
  ram_[kRegC] = std::uint8_t(irqf ? (c | kIRQF) : (c & ~kIRQF));
  if (irqf != irq_level_) {
    irq_level_ = irqf;
    if (irq_) irq_->set_level(irqf);
  }
}

Tick Cmos::next_event() const {
  // The IRQ output only changes on its own when it is low; once high it stays high until
  // register C is read.
  if (irq_level_ || !running()) return kNever;
  const std::uint8_t b = ram_[kRegB];
  Tick next = kNever;
  const Cycles p = periodic_cycles();
  if ((b & kPIE) && p) next = tick_of((done_ / p + 1) * p);
  if ((b & (kUIE | kAIE)) && !(b & kSET)) {
    const Cycles first_end = kFirstUpdate + kUpdateCycle;
    Cycles end = first_end;
    if (done_ >= first_end) end = first_end + ((done_ - first_end) / kSecond + 1) * kSecond;
    const Tick t = tick_of(end);
    if (t < next) next = t;
  }
  return next;
}

std::uint8_t Cmos::io_read(std::uint16_t port) {
  if (!(port & 1)) return 0xFF;  // 70h is write-only on the AT
  const std::uint8_t reg = index_;
  switch (reg) {
    case kRegA: {
      std::uint8_t a = ram_[kRegA] & 0x7F;
      if (running() && !(ram_[kRegB] & kSET)) {
        const Cycles c = cycles_at(now_);
        // UIP spans [update start - tBUC, update start + tUC).
        const Cycles pos = (c + kBeforeUpdate + kSecond - kFirstUpdate) % kSecond;
        if (c + kBeforeUpdate >= kFirstUpdate && pos < kBeforeUpdate + kUpdateCycle) a |= kUIP;
      }
      return a;
    }
    case kRegC: {
      // Reading C returns the flags and clears them all, releasing IRQ (datasheet).
      const std::uint8_t c = ram_[kRegC];
      ram_[kRegC] = 0;
      update_irq();
      return c;
    }
    case kRegD:
      return kVRT;
    default:
      return ram_[reg];
  }
}

void Cmos::io_write(std::uint16_t port, std::uint8_t value) {
  if (!(port & 1)) {
    index_ = value & 0x7F;
    nmi_masked_ = value & 0x80;
    return;
  }
  switch (index_) {
    case kRegA: {
      const bool was_running = running();
      ram_[kRegA] = value & 0x7F;  // UIP is read-only
      if (!was_running && running()) {
        // Divider released from reset: the first update begins 500 ms later.
        origin_ = now_;
        done_ = 0;
      }
      update_irq();
      break;
    }
    case kRegB:
      ram_[kRegB] = (value & kSET) ? std::uint8_t(value & ~kUIE) : value;  // SET clears UIE
      update_irq();
      break;
    case kRegC:
    case kRegD:
      break;  // read-only
    default:
      ram_[index_] = value;
      break;
  }
}

void Cmos::set_time(const RtcTime& t) {
  const int y2 = ((t.year % 100) + 100) % 100;
  ram_[kSeconds] = to_reg(t.second);
  ram_[kMinutes] = to_reg(t.minute);
  set_hours24(t.hour);
  ram_[kDayOfWeek] = to_reg(t.day_of_week ? t.day_of_week : weekday(t.year, t.month, t.day));
  ram_[kDate] = to_reg(t.day);
  ram_[kMonth] = to_reg(t.month);
  ram_[kYear] = to_reg(y2);
  ram_[kCentury] = bcd(t.year / 100 % 100);  // the AT BIOS keeps the century in BCD
  dst_fell_back_ = false;
}

void Cmos::set_time_from_host() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  RtcTime t;
  t.year = tm.tm_year + 1900;
  t.month = tm.tm_mon + 1;
  t.day = tm.tm_mday;
  t.hour = tm.tm_hour;
  t.minute = tm.tm_min;
  t.second = tm.tm_sec > 59 ? 59 : tm.tm_sec;
  t.day_of_week = tm.tm_wday + 1;
  set_time(t);
}

RtcTime Cmos::time() const {
  RtcTime t;
  const int century = (ram_[kCentury] >> 4) * 10 + (ram_[kCentury] & 0x0F);
  t.year = century * 100 + from_reg(ram_[kYear]);
  t.month = from_reg(ram_[kMonth]);
  t.day = from_reg(ram_[kDate]);
  t.hour = hours24();
  t.minute = from_reg(ram_[kMinutes]);
  t.second = from_reg(ram_[kSeconds]);
  t.day_of_week = from_reg(ram_[kDayOfWeek]);
  return t;
}

bool parse_rtc_time(std::string_view text, RtcTime& out, std::string& error) {
  int v[6] = {0, 0, 0, 0, 0, 0};
  static constexpr char kSep[6] = {'-', '-', 'T', ':', ':', 0};
  static constexpr int kWidth[6] = {4, 2, 2, 2, 2, 2};
  std::size_t pos = 0;
  int fields = 0;
  for (; fields < 6; ++fields) {
    if (fields > 0) {
      if (pos >= text.size()) break;
      const char sep = text[pos];
      const bool ok = sep == kSep[fields - 1] || (fields == 3 && sep == ' ');
      if (!ok) {
        error = fmt::format("bad RTC time '{}': expected YYYY-MM-DDTHH:MM:SS", text);
        return false;
      }
      ++pos;
    }
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < kWidth[fields]) {
      v[fields] = v[fields] * 10 + (text[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits != kWidth[fields]) {
      error = fmt::format("bad RTC time '{}': expected YYYY-MM-DDTHH:MM:SS", text);
      return false;
    }
  }
  if (pos != text.size() || fields < 5) {
    error = fmt::format("bad RTC time '{}': expected YYYY-MM-DDTHH:MM:SS", text);
    return false;
  }
  const RtcTime t{v[0], v[1], v[2], v[3], v[4], v[5], 0};
  const bool leap = (t.year % 4 == 0 && t.year % 100 != 0) || t.year % 400 == 0;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (t.year < 1900 || t.year > 2099) {
    error = fmt::format("bad RTC time '{}': year must be 1900-2099", text);
    return false;
  }
  if (t.month < 1 || t.month > 12 ||
      t.day < 1 || t.day > kDays[t.month - 1] + ((t.month == 2 && leap) ? 1 : 0)) {
    error = fmt::format("bad RTC time '{}': no such date", text);
    return false;
  }
  if (t.hour > 23 || t.minute > 59 || t.second > 59) {
    error = fmt::format("bad RTC time '{}': no such time of day", text);
    return false;
  }
  out = t;
  return true;
}

void Cmos::configure_at(const CmosAtConfig& cfg) {
  const bool was_running = running();
  ram_[kRegA] = 0x26;
  ram_[kRegB] = k24h;
  if (!was_running) {
    origin_ = now_;
    done_ = 0;
  }
  ram_[kDiagnostic] = 0;
  ram_[kShutdownStatus] = 0;
  ram_[kFloppyTypes] = cfg.floppy_types;
  ram_[kHardDiskTypes] = cfg.hard_disk_types;
  ram_[kHardDiskCExt] = cfg.hard_disk_c_ext_type;
  ram_[kHardDiskDExt] = cfg.hard_disk_d_ext_type;
  // Equipment byte (AT Technical Reference): bits 7-6 number of diskette drives - 1, bits 5-4
  // primary display, bit 1 math coprocessor, bit 0 diskette drives present.
  const int floppies = ((cfg.floppy_types & 0xF0) ? 1 : 0) + ((cfg.floppy_types & 0x0F) ? 1 : 0);
  std::uint8_t equip = std::uint8_t((cfg.display & 3) << 4);
  if (floppies) equip |= std::uint8_t(((floppies - 1) << 6) | 0x01);
  if (cfg.coprocessor) equip |= 0x02;
  ram_[kEquipment] = equip;
  ram_[kBaseMemLo] = std::uint8_t(cfg.base_memory_kb);
  ram_[kBaseMemHi] = std::uint8_t(cfg.base_memory_kb >> 8);
  ram_[kExtMemLo] = ram_[kExtMemLo2] = std::uint8_t(cfg.extended_memory_kb);
  ram_[kExtMemHi] = ram_[kExtMemHi2] = std::uint8_t(cfg.extended_memory_kb >> 8);
  update_checksum();
  update_irq();
}

void Cmos::update_checksum() {
  // AT Technical Reference: 2Eh-2Fh hold the 16-bit sum of bytes 10h-2Dh, high byte first.
  unsigned sum = 0;
  for (unsigned i = 0x10; i <= 0x2D; ++i) sum += ram_[i];
  ram_[kChecksumHi] = std::uint8_t(sum >> 8);
  ram_[kChecksumLo] = std::uint8_t(sum);
}

}  // namespace quartz
