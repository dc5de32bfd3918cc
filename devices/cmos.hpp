#pragma once
// Motorola MC146818A real-time clock plus RAM, as wired on the IBM PC/AT: index port 70h
// (bit 7 masks NMI on the board, not in the chip), data port 71h, IRQ output to IRQ8.
// Register map and behaviour follow the MC146818A datasheet: 0-9 time, alarm and calendar,
// 0Ah-0Dh control/status registers A-D, 0Eh-7Fh battery-backed RAM (the 128-byte variant
// used by AT-compatible chipsets: 114 bytes of RAM).
//
// Timing: the 32.768 kHz time base is derived from master ticks exactly. Updates happen once
// a second; UIP (register A bit 7) is high for tBUC = 244 us before the update cycle and
// during the tUC = 1984 us update (datasheet table "Update cycle times"), the time registers
// advance and UF is set when the update cycle ends. The first update after the divider
// chain leaves reset (DV = 11x -> 010) begins 500 ms later.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "devices/device.hpp"

namespace quartz {

// A calendar time as the user or the host gives it (full year, 24-hour clock).
struct RtcTime {
  int year = 2000;   // 1900..2099 (century byte 32h holds the upper two digits)
  int month = 1;     // 1..12
  int day = 1;       // 1..31
  int hour = 0;      // 0..23
  int minute = 0;
  int second = 0;
  int day_of_week = 0;  // 1 = Sunday .. 7 = Saturday; 0 = compute from the date
};

// Parse "YYYY-MM-DDTHH:MM:SS" (a space may replace the T; seconds optional) as given to
// --rtc. On failure returns false and describes the problem in `error`.
bool parse_rtc_time(std::string_view text, RtcTime& out, std::string& error);

// What the board knows and the AT BIOS expects to find in CMOS RAM (IBM PC/AT Technical
// Reference, "CMOS RAM address map").
struct CmosAtConfig {
  std::uint16_t base_memory_kb = 640;      // 15h-16h
  std::uint16_t extended_memory_kb = 0;    // 17h-18h and 30h-31h
  std::uint8_t floppy_types = 0x40;        // 10h: drive A high nibble, B low (4 = 1.44 MB)
  std::uint8_t hard_disk_types = 0x00;     // 12h: drive C high nibble, D low (0 = none, F = see 19h/1Ah)
  std::uint8_t hard_disk_c_ext_type = 0;   // 19h (when 12h high nibble is F)
  std::uint8_t hard_disk_d_ext_type = 0;   // 1Ah (when 12h low nibble is F)
  std::uint8_t display = 0;                // equipment bits 5-4: 0 EGA/VGA, 1 CGA40, 2 CGA80, 3 MDA
  bool coprocessor = false;                // equipment bit 1
};

class Cmos : public IoDevice {
 public:
  static constexpr std::uint16_t kIndexPort = 0x70;
  static constexpr std::uint16_t kDataPort = 0x71;
  static constexpr std::size_t kSize = 128;

  // Register indices (datasheet "Address map").
  enum Reg : std::uint8_t {
    kSeconds = 0x00, kSecondsAlarm = 0x01, kMinutes = 0x02, kMinutesAlarm = 0x03,
    kHours = 0x04, kHoursAlarm = 0x05, kDayOfWeek = 0x06, kDate = 0x07, kMonth = 0x08,
    kYear = 0x09, kRegA = 0x0A, kRegB = 0x0B, kRegC = 0x0C, kRegD = 0x0D,
    kDiagnostic = 0x0E, kShutdownStatus = 0x0F, kFloppyTypes = 0x10, kHardDiskTypes = 0x12,
    kEquipment = 0x14, kBaseMemLo = 0x15, kBaseMemHi = 0x16, kExtMemLo = 0x17,
    kExtMemHi = 0x18, kHardDiskCExt = 0x19, kHardDiskDExt = 0x1A, kChecksumHi = 0x2E,
    kChecksumLo = 0x2F, kExtMemLo2 = 0x30, kExtMemHi2 = 0x31, kCentury = 0x32,
  };
  // Register A
  static constexpr std::uint8_t kUIP = 0x80;
  // Register B
  static constexpr std::uint8_t kSET = 0x80, kPIE = 0x40, kAIE = 0x20, kUIE = 0x10,
                                kSQWE = 0x08, kDM = 0x04, k24h = 0x02, kDSE = 0x01;
  // Register C
  static constexpr std::uint8_t kIRQF = 0x80, kPF = 0x40, kAF = 0x20, kUF = 0x10;
  // Register D
  static constexpr std::uint8_t kVRT = 0x80;

  explicit Cmos(IrqLine* irq = nullptr);

  std::string_view name() const override { return "cmos"; }
  // The RESET pin clears PIE, AIE, UIE, SQWE and the flags of register C (datasheet
  // "RESET" pin description); time, RAM and register A survive (battery-backed).
  void reset() override;
  void sync(Tick now) override;
  Tick next_event() const override;

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  void set_irq(IrqLine* irq) { irq_ = irq; }
  // Port 70h bit 7: the board gates the NMI with it.
  bool nmi_masked() const { return nmi_masked_; }
  std::uint8_t index() const { return index_; }

  // Load the clock (in the current DM / 24-12 format) and the century byte.
  void set_time(const RtcTime& t);
  // Load the clock from the host's local time.
  void set_time_from_host();
  RtcTime time() const;

  // Fill the AT configuration bytes and their checksum (2Eh-2Fh over 10h-2Dh). Also sets
  // register A/B to the values the AT BIOS programs (26h, 02h) and register D's VRT.
  void configure_at(const CmosAtConfig& cfg);
  void update_checksum();

  // Raw access for the board, snapshots and the debugger (no side effects).
  std::uint8_t peek(std::uint8_t reg) const { return ram_[reg & 0x7F]; }
  void poke(std::uint8_t reg, std::uint8_t v) { ram_[reg & 0x7F] = v; }
  std::array<std::uint8_t, kSize>& ram() { return ram_; }

 private:
  using Cycles = std::uint64_t;  // 32.768 kHz time-base cycles since the divider started

  bool running() const { return (ram_[kRegA] & 0x70) == 0x20; }  // DV = 010
  Cycles periodic_cycles() const;
  Cycles cycles_at(Tick t) const;
  Tick tick_of(Cycles c) const;
  void advance_to(Cycles c);
  void update_cycle_end();
  void advance_one_second();
  bool alarm_matches() const;
  void update_irq();
  std::uint8_t to_reg(int v) const;
  int from_reg(std::uint8_t v) const;
  int hours24() const;
  void set_hours24(int h);

  IrqLine* irq_ = nullptr;
  std::array<std::uint8_t, kSize> ram_{};
  std::uint8_t index_ = 0;
  bool nmi_masked_ = false;
  bool irq_level_ = false;
  bool dst_fell_back_ = false;  // the October repeat of 01:xx has happened this year

  Tick now_ = 0;
  Tick origin_ = 0;      // master tick at which divider cycle 0 began
  Cycles done_ = 0;      // divider cycles already processed
};

}  // namespace quartz
