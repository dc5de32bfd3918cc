#pragma once
// The primary IDE channel: an ATA controller with one or two fixed-disk devices (device 0
// "master", device 1 "slave") behind the AT task-file ports 1F0h-1F7h and the device
// control / alternate status port 3F6h, interrupting on IRQ 14. Command set at the ATA-1 /
// ATA-2 (X3.221 / X3.279) level: see the command table in ide_commands.cpp. The
// implementation is split by concern: ide.cpp (ports, registers, INTRQ, state machine),
// ide_commands.cpp (command handlers, IDENTIFY data), ide_media.cpp (addressing, timing).
//
// Registers (ATA-2 section 7.2): 1F0h data (16 bits), 1F1h error (read) / features (write),
// 1F2h sector count, 1F3h sector number, 1F4h/1F5h cylinder low/high, 1F6h device/head
// (bit 6 LBA, bit 4 DEV), 1F7h status (read, clears the pending interrupt) / command (write),
// 3F6h alternate status (read, no side effect) / device control (write: bit 1 nIEN, bit 2
// SRST). As on real drives every device holds its own copy of the task file and both latch
// host writes; reads, status and INTRQ come from the device selected by DEV.
//
// The 16-bit data register on a byte-wide bus
// -------------------------------------------
// On the AT the data register is a 16-bit port (the drive asserts IOCS16#) and a word IN/OUT
// is one bus cycle. Two ways reach it here:
//  * Bus::io_read16/io_write16(1F0h) call io_read16/io_write16 below: one word, exactly the
//    ISA cycle.
//  * A CPU that splits every word access into two byte accesses (the 8086 core does: low
//    byte at 1F0h, then high byte at 1F1h) is handled by a one-word latch, which is how the
//    split ISA cycle appears to the drive: a byte read of 1F0h during a data-in phase (DRQ)
//    transfers a whole word, returns its low byte and latches the high byte; the very next
//    access, if it is a read of 1F1h, returns the latched byte instead of the error register.
//    Any other access drops the latch (the high byte is lost, as on real hardware). A byte
//    write of 1F0h during a data-out phase latches the low byte; an immediately following
//    write of 1F1h completes the word instead of writing the features register. If anything
//    else follows, the word is stored with a high byte of FFh (undriven data lines).
//    Outside DRQ, 1F1h is always the error/features register.
//  * After SET FEATURES 01h (8-bit transfers, ATA-2 8.24) each byte access of 1F0h moves one
//    byte and the latch is not used.
//
// Timing (all in master ticks, see IdeTiming): BSY for the command overhead, plus for media
// commands a seek (linear in the cylinder distance) and the rotational latency to the first
// sector (the platter angle is a pure function of time, so it is deterministic), plus one
// sector time per sector. READ commands read ahead: once the host has drained a block the
// next one is ready at the later of a short block gap and the time its sectors pass under the
// head. Writes go to the drive's write cache (enabled at power-on, SET FEATURES 02h/82h):
// a block completes after the block gap; with the cache disabled each block waits for the
// media like a read. Head switches inside a transfer are not modelled.
//
// Decisions: a read-only DiskImage makes WRITE commands fail at once with ERR + ABRT (no
// data phase, the file is untouched); use DiskAccess::snapshot to let the guest write into a
// memory overlay instead. A READ/WRITE MULTIPLE block that leaves the disk fails with IDNF
// as a whole (its in-range sectors are not transferred). With no device 1, selecting it reads
// Status/Alternate Status as 00h, the other registers as device 0's copy, and commands other
// than EXECUTE DEVICE DIAGNOSTIC are ignored; with no device at all every port reads FFh.
// While BSY, every command block register reads as Status (ATA-2 7.2.13). Standby does not model spin-up time. SRST
// reverts the multiple count and features to power-on defaults unless SET FEATURES 66h was
// given; the CHS translation set by INITIALIZE DEVICE PARAMETERS survives SRST. CORR is
// never set (no ECC corrections happen) and DF only when the host file fails a write. IDX is
// high for the first 1/32 of every revolution (only when rpm is non-zero), so a polling loop
// comparing Status for equality must mask it, as on real drives.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "devices/device.hpp"
#include "devices/disk_image.hpp"
#include "memory/bus.hpp"

namespace quartz {

namespace ata {
// Status register (ATA-2 7.2.13).
inline constexpr std::uint8_t kBsy = 0x80, kDrdy = 0x40, kDf = 0x20, kDsc = 0x10, kDrq = 0x08,
                              kCorr = 0x04, kIdx = 0x02, kErr = 0x01;
// Error register (ATA-2 7.2.6).
inline constexpr std::uint8_t kBbk = 0x80, kUnc = 0x40, kMc = 0x20, kIdnf = 0x10, kMcr = 0x08,
                              kAbrt = 0x04, kTk0nf = 0x02, kAmnf = 0x01;
// Device/head register (ATA-2 7.2.8) and device control register (7.2.7).
inline constexpr std::uint8_t kDhLba = 0x40, kDhDev = 0x10, kDhObsolete = 0xA0;
inline constexpr std::uint8_t kNien = 0x02, kSrst = 0x04;
}  // namespace ata

struct IdeTiming {
  Tick command_overhead = 0;  // command written -> work starts (or non-data command done)
  Tick block_gap = 0;         // BSY between the end of one PIO block and the next DRQ
  Tick write_drq_delay = 0;   // PIO-out command written -> first DRQ (no interrupt)
  Tick reset_time = 0;        // SRST released -> BSY clear with the signature
  Tick diagnostic_time = 0;   // EXECUTE DEVICE DIAGNOSTIC duration
  Tick seek_track = 0;        // one-cylinder seek
  Tick seek_full = 0;         // full-stroke seek (linear in between)
  std::uint32_t rpm = 0;      // spindle speed; 0 = no rotational latency, no sector time

  // An early-1990s ATA drive: 30 us command overhead, 3/20 ms seeks, 5400 rpm.
  static IdeTiming defaults();
};

class IdeController : public IoDevice {
 public:
  static constexpr std::uint16_t kPrimaryBase = 0x1F0;
  static constexpr std::uint16_t kPrimaryControl = 0x3F6;
  static constexpr unsigned kPrimaryIrq = 14;
  // The secondary channel of later boards, for a second controller object.
  static constexpr std::uint16_t kSecondaryBase = 0x170;
  static constexpr std::uint16_t kSecondaryControl = 0x376;
  static constexpr unsigned kSecondaryIrq = 15;
  // Largest READ/WRITE MULTIPLE block (IDENTIFY word 47).
  static constexpr unsigned kMaxMultiple = 16;

  explicit IdeController(IrqLine* irq = nullptr, IdeTiming timing = IdeTiming::defaults());

  // Plug an image in as device 0 or 1 (replacing any previous one); null unplugs.
  void attach(unsigned device, std::unique_ptr<DiskImage> image);
  DiskImage* image(unsigned device) const { return drives_[device & 1].image.get(); }
  // Map 1F0h-1F7h and 3F6h (or another channel's ports) to this controller.
  void map_ports(Bus& bus, std::uint16_t base = kPrimaryBase,
                 std::uint16_t control = kPrimaryControl);

  // Device
  std::string_view name() const override { return "ide"; }
  void reset() override;  // hardware RESET (power-on): defaults, no interrupt
  void sync(Tick now) override;
  Tick next_event() const override;

  // IoHandler
  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;
  std::uint16_t io_read16(std::uint16_t port) override;
  void io_write16(std::uint16_t port, std::uint16_t value) override;

  // Side-effect-free inspection (debugger, tests).
  bool intrq() const { return intrq_; }
  std::uint8_t peek_status(unsigned device) const;
  ChsGeometry current_geometry(unsigned device) const { return drives_[device & 1].current; }
  unsigned multiple_count(unsigned device) const { return drives_[device & 1].multiple; }
  unsigned selected() const { return selected_; }
  // The ATA name of a command opcode ("READ SECTOR(S)"), or "" for one that aborts.
  static std::string_view command_name(std::uint8_t opcode);
  // A device's copy of the task file (for the debugger's device panel).
  struct TaskFile {
    std::uint8_t error, features, sector_count, sector_number, cylinder_low, cylinder_high,
        device_head, status, command;
    bool intrq_pending, data_phase;
  };
  TaskFile peek_task_file(unsigned device) const;
  // The IDENTIFY DEVICE block of a device (256 words), as the host would read it.
  std::array<std::uint16_t, 256> identify_data(unsigned device) const;
  // Sector time and revolution time of a device under the current timing (0 if rpm is 0).
  Tick sector_time(unsigned device) const;
  Tick revolution_time() const;

 private:
  enum class Phase : std::uint8_t { idle, busy, data_in, data_out, reset };
  // What happens when a busy period ends.
  enum class Pending : std::uint8_t {
    none, complete, read_block, write_drq, write_block, identify, reset_done, diagnostic_done
  };

  struct Drive {
    std::unique_ptr<DiskImage> image;
    // Task file copy (ATA-2 7.2).
    std::uint8_t error = 0, features = 0, sector_count = 0, sector_number = 0;
    std::uint8_t cylinder_low = 0, cylinder_high = 0, device_head = 0;
    std::uint8_t status = 0;
    bool intrq_pending = false;
    // Settings.
    ChsGeometry current;  // translated geometry (INITIALIZE DEVICE PARAMETERS)
    bool translation_valid = true;
    unsigned multiple = 0;  // 0: multiple mode disabled
    bool eight_bit = false, write_cache = true, keep_settings_on_reset = false;
    bool standby = false;
    std::uint32_t head_cylinder = 0;  // where the actuator is (seek model)
    // Command in progress.
    Phase phase = Phase::idle;
    Pending pending = Pending::none;
    Tick deadline = kNever;
    std::uint8_t command = 0;
    bool lba_mode = false;
    std::uint32_t lba = 0, remaining = 0, block = 1, block_sectors = 0;
    Tick media_ready = 0;  // read-ahead: when the next sectors are in the buffer
    std::uint8_t result_error = 0, result_status = 0;  // outcome of a non-data command
    std::vector<std::uint8_t> buffer;
    std::size_t buf_pos = 0, buf_len = 0;
  };
  using Handler = void (IdeController::*)(Drive&, Tick);
  struct CommandEntry {
    std::uint8_t first, last;
    Handler start;
    std::string_view name;
  };
  static const std::array<Handler, 256>& command_table();
  static const CommandEntry kCommands[];

  bool present(unsigned d) const { return bool(drives_[d].image); }
  Drive& sel() { return drives_[selected_]; }
  void power_on(Drive& d);
  void update_irq();
  void complete_now(Drive& d, std::uint8_t error, bool irq = true);
  void schedule_complete(Drive& d, Tick at, std::uint8_t error, std::uint8_t extra_status = 0);
  void run_pending(Drive& d, Tick t);
  void write_command(Drive& d, std::uint8_t cmd);
  void set_signature(Drive& d);
  std::uint8_t read_register(unsigned reg);
  void write_register(unsigned reg, std::uint8_t v);
  void write_device_control(std::uint8_t v);
  std::uint8_t status_of(const Drive& d) const;

  // Addressing (ATA-2 7.2.8 / 6.2: CHS and LBA translation).
  std::optional<std::uint32_t> command_address(const Drive& d) const;
  void set_address(Drive& d, std::uint32_t lba);
  std::uint32_t cylinder_of(const Drive& d, std::uint32_t lba) const;
  std::uint32_t sector_count_of(const Drive& d) const { return d.sector_count ? d.sector_count : 256; }
  // Media timing: seek from the current cylinder, rotate to `lba`, transfer `n` sectors.
  Tick seek_time(const Drive& d, std::uint32_t to_cylinder) const;
  Tick rotate_to(const Drive& d, Tick from, std::uint32_t lba) const;
  Tick media_access(Drive& d, Tick from, std::uint32_t lba, std::uint32_t n);

  // Data phases.
  void begin_data_in(Drive& d, std::size_t bytes);
  void end_of_data_block(Drive& d);
  std::uint16_t data_read_word();
  std::uint8_t data_read_byte();
  void data_write_word(std::uint16_t v);
  void data_write_byte(std::uint8_t v);
  void drop_latches();
  void flush_write_latch();

  // Commands.
  void cmd_recalibrate(Drive& d, Tick t);
  void cmd_read(Drive& d, Tick t);
  void cmd_write(Drive& d, Tick t);
  void cmd_verify(Drive& d, Tick t);
  void cmd_seek(Drive& d, Tick t);
  void cmd_diagnostic(Drive& d, Tick t);
  void cmd_initialize_parameters(Drive& d, Tick t);
  void cmd_set_multiple(Drive& d, Tick t);
  void cmd_power(Drive& d, Tick t);
  void cmd_check_power(Drive& d, Tick t);
  void cmd_identify(Drive& d, Tick t);
  void cmd_set_features(Drive& d, Tick t);
  void cmd_abort(Drive& d, Tick t);

  IrqLine* irq_;
  IdeTiming timing_;
  std::array<Drive, 2> drives_;
  unsigned selected_ = 0;
  std::uint8_t device_control_ = 0;
  bool intrq_ = false;
  Tick now_ = 0;
  std::uint16_t base_ = kPrimaryBase, control_ = kPrimaryControl;
  std::optional<std::uint8_t> read_high_latch_;  // see "16-bit data register" above
  std::optional<std::uint8_t> write_low_latch_;
};

}  // namespace quartz
