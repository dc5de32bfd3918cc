// IdeController, the command set: the opcode table and one handler per ATA command
// (ATA-2 section 8), plus the IDENTIFY DEVICE data block.
#include "devices/ide.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace quartz {

namespace {

constexpr std::uint32_t kSector = DiskImage::kSectorSize;

// ATA strings (ATA-2 7.1.3): two characters per word, the first in the high byte, padded with
// spaces to the field length.
void put_ata_string(std::array<std::uint16_t, 256>& w, unsigned first_word, unsigned words,
                    std::string_view text) {
  for (unsigned i = 0; i < words * 2; ++i) {
    std::uint8_t ch = i < text.size() ? std::uint8_t(text[i]) : ' ';
    w[first_word + i / 2] |= std::uint16_t((i % 2 == 0) ? ch << 8 : ch);
  }
}

}  // namespace

// The command set (ATA-2 section 8); every opcode not listed aborts with ERR + ABRT.
const IdeController::CommandEntry IdeController::kCommands[] = {
    {0x10, 0x1F, &IdeController::cmd_recalibrate, "RECALIBRATE"},
    {0x20, 0x21, &IdeController::cmd_read, "READ SECTOR(S)"},
    {0x30, 0x31, &IdeController::cmd_write, "WRITE SECTOR(S)"},
    {0x3C, 0x3C, &IdeController::cmd_write, "WRITE VERIFY"},  // ATA-2 8.35: write, then verify
    {0x40, 0x41, &IdeController::cmd_verify, "READ VERIFY SECTOR(S)"},
    {0x70, 0x7F, &IdeController::cmd_seek, "SEEK"},
    {0x90, 0x90, &IdeController::cmd_diagnostic, "EXECUTE DEVICE DIAGNOSTIC"},
    {0x91, 0x91, &IdeController::cmd_initialize_parameters, "INITIALIZE DEVICE PARAMETERS"},
    // ATA-1 alternate power-management opcodes (94h-98h) behave as E0h-E3h, E5h.
    {0x94, 0x97, &IdeController::cmd_power, "STANDBY/IDLE (ATA-1)"},
    {0x98, 0x98, &IdeController::cmd_check_power, "CHECK POWER MODE (ATA-1)"},
    {0xC4, 0xC4, &IdeController::cmd_read, "READ MULTIPLE"},
    {0xC5, 0xC5, &IdeController::cmd_write, "WRITE MULTIPLE"},
    {0xC6, 0xC6, &IdeController::cmd_set_multiple, "SET MULTIPLE MODE"},
    {0xE0, 0xE3, &IdeController::cmd_power, "STANDBY/IDLE"},
    {0xE5, 0xE5, &IdeController::cmd_check_power, "CHECK POWER MODE"},
    {0xEC, 0xEC, &IdeController::cmd_identify, "IDENTIFY DEVICE"},
    {0xEF, 0xEF, &IdeController::cmd_set_features, "SET FEATURES"},
};

const std::array<IdeController::Handler, 256>& IdeController::command_table() {
  static const std::array<Handler, 256> table = [] {
    std::array<Handler, 256> t;
    t.fill(&IdeController::cmd_abort);
    for (const CommandEntry& e : kCommands)
      for (unsigned c = e.first; c <= e.last; ++c) t[c] = e.start;
    return t;
  }();
  return table;
}

std::string_view IdeController::command_name(std::uint8_t opcode) {
  for (const CommandEntry& e : kCommands)
    if (opcode >= e.first && opcode <= e.last) return e.name;
  return {};
}

// --- commands ---------------------------------------------------------------------------

void IdeController::cmd_abort(Drive& d, Tick t) {
  schedule_complete(d, t + timing_.command_overhead, ata::kAbrt);
}

void IdeController::cmd_recalibrate(Drive& d, Tick t) {
  d.standby = false;
  Tick done = t + timing_.command_overhead + seek_time(d, 0);
  d.head_cylinder = 0;
  schedule_complete(d, done, 0);
}

void IdeController::cmd_read(Drive& d, Tick t) {
  d.standby = false;
  bool multiple = d.command == 0xC4;
  if (multiple && d.multiple == 0) return cmd_abort(d, t);  // ATA-2 8.16
  auto lba = command_address(d);
  if (!lba) return schedule_complete(d, t + timing_.command_overhead, ata::kIdnf);
  d.lba = *lba;
  d.remaining = sector_count_of(d);
  d.block = multiple ? d.multiple : 1;
  d.block_sectors = 0;
  std::uint32_t n = std::min(d.block, d.remaining);
  d.media_ready = media_access(d, t + timing_.command_overhead, d.lba, n);
  d.status = ata::kBsy;
  d.phase = Phase::busy;
  d.pending = Pending::read_block;
  d.deadline = d.media_ready;
}

void IdeController::cmd_write(Drive& d, Tick t) {
  d.standby = false;
  bool multiple = d.command == 0xC5;
  if (multiple && d.multiple == 0) return cmd_abort(d, t);  // ATA-2 8.36
  // A read-only image refuses the command before any data moves (see ide.hpp).
  if (!d.image->writable()) return cmd_abort(d, t);
  auto lba = command_address(d);
  if (!lba) return schedule_complete(d, t + timing_.command_overhead, ata::kIdnf);
  d.lba = *lba;
  d.remaining = sector_count_of(d);
  d.block = multiple ? d.multiple : 1;
  d.block_sectors = std::min(d.block, d.remaining);
  d.status = ata::kBsy;
  d.phase = Phase::busy;
  d.pending = Pending::write_drq;
  d.deadline = t + timing_.write_drq_delay;
}

void IdeController::cmd_verify(Drive& d, Tick t) {
  d.standby = false;
  auto lba = command_address(d);
  if (!lba) return schedule_complete(d, t + timing_.command_overhead, ata::kIdnf);
  std::uint32_t capacity = d.image->sector_count();
  std::uint32_t count = sector_count_of(d);
  std::uint32_t good = std::min<std::uint32_t>(count, capacity - *lba);
  Tick done = media_access(d, t + timing_.command_overhead, *lba, good);
  if (good < count) {
    set_address(d, *lba + good);
    d.sector_count = std::uint8_t(count - good);
    return schedule_complete(d, done, ata::kIdnf);
  }
  set_address(d, *lba + count - 1);
  d.sector_count = 0;
  schedule_complete(d, done, 0);
}

void IdeController::cmd_seek(Drive& d, Tick t) {
  d.standby = false;
  auto lba = command_address(d);
  if (!lba) return schedule_complete(d, t + timing_.command_overhead, ata::kIdnf);
  std::uint32_t cyl = cylinder_of(d, *lba);
  Tick done = t + timing_.command_overhead + seek_time(d, cyl);
  d.head_cylinder = cyl;
  schedule_complete(d, done, 0);
}

void IdeController::cmd_diagnostic(Drive&, Tick t) {
  // Both devices run their diagnostics, whichever is selected (ATA-2 8.7).
  for (unsigned i = 0; i < 2; ++i) {
    if (!present(i)) continue;
    Drive& d = drives_[i];
    d.intrq_pending = false;
    d.status = ata::kBsy;
    d.phase = Phase::busy;
    d.pending = Pending::diagnostic_done;
    d.deadline = t + timing_.diagnostic_time;
  }
  update_irq();
}

void IdeController::cmd_initialize_parameters(Drive& d, Tick t) {
  // ATA-2 8.14: sector count = sectors per track, device/head bits 3-0 = heads - 1.
  std::uint32_t spt = d.sector_count;
  std::uint32_t heads = (d.device_head & 0x0F) + 1u;
  std::uint32_t cylinders = spt ? std::min<std::uint32_t>(d.image->sector_count() / (heads * spt),
                                                          DiskImage::kMaxCylinders)
                                : 0;
  if (cylinders == 0) {
    // Media access in CHS fails with IDNF until a valid translation is set.
    d.translation_valid = false;
    return cmd_abort(d, t);
  }
  d.current = ChsGeometry{cylinders, heads, spt};
  d.translation_valid = true;
  schedule_complete(d, t + timing_.command_overhead, 0);
}

void IdeController::cmd_set_multiple(Drive& d, Tick t) {
  // ATA-2 8.26: block sizes are powers of two up to IDENTIFY word 47; 0 disables.
  unsigned n = d.sector_count;
  if (n > kMaxMultiple || (n & (n - 1)) != 0) {
    d.multiple = 0;
    return cmd_abort(d, t);
  }
  d.multiple = n;
  schedule_complete(d, t + timing_.command_overhead, 0);
}

void IdeController::cmd_power(Drive& d, Tick t) {
  // E0h/E2h (94h/96h) enter standby, E1h/E3h (95h/97h) idle: the low bit says idle.
  d.standby = !(d.command & 1);
  schedule_complete(d, t + timing_.command_overhead, 0);
}

void IdeController::cmd_check_power(Drive& d, Tick t) {
  // ATA-2 8.3: sector count 00h in standby, FFh when active or idle.
  d.sector_count = d.standby ? 0x00 : 0xFF;
  schedule_complete(d, t + timing_.command_overhead, 0);
}

void IdeController::cmd_identify(Drive& d, Tick t) {
  d.status = ata::kBsy;
  d.phase = Phase::busy;
  d.pending = Pending::identify;
  d.deadline = t + timing_.command_overhead;
}

void IdeController::cmd_set_features(Drive& d, Tick t) {
  // ATA-2 8.24 table 16; settings that only change performance are accepted as no-ops.
  struct Feature {
    std::uint8_t code;
    bool Drive::*setting;
    bool value;
  };
  static constexpr Feature kFeatures[] = {
      {0x01, &Drive::eight_bit, true},    {0x81, &Drive::eight_bit, false},
      {0x02, &Drive::write_cache, true},  {0x82, &Drive::write_cache, false},
      {0x66, &Drive::keep_settings_on_reset, true},
      {0xCC, &Drive::keep_settings_on_reset, false},
      {0x44, nullptr, false},  // vendor-specific ECC bytes for READ/WRITE LONG
      {0x55, nullptr, false},  // read look-ahead off
      {0xAA, nullptr, false},  // read look-ahead on
  };
  if (d.features == 0x03) {
    // Set transfer mode (sector count): 00h/01h PIO default, 08h+n PIO flow-control mode n,
    // up to the PIO mode 2 IDENTIFY word 51 advertises. No DMA modes.
    std::uint8_t mode = d.sector_count;
    if (mode <= 0x01 || (mode >= 0x08 && mode <= 0x0A))
      return schedule_complete(d, t + timing_.command_overhead, 0);
    return cmd_abort(d, t);
  }
  for (const Feature& f : kFeatures) {
    if (f.code != d.features) continue;
    if (f.setting) d.*f.setting = f.value;
    return schedule_complete(d, t + timing_.command_overhead, 0);
  }
  cmd_abort(d, t);
}

std::array<std::uint16_t, 256> IdeController::identify_data(unsigned device) const {
  std::array<std::uint16_t, 256> w{};
  const Drive& d = drives_[device & 1];
  if (!d.image) return w;
  const ChsGeometry& g = d.image->geometry();
  std::uint32_t capacity = d.image->sector_count();
  // ATA-2 7.1.15 table 10.
  w[0] = 0x0040;  // fixed device
  w[1] = std::uint16_t(g.cylinders);
  w[3] = std::uint16_t(g.heads);
  w[4] = std::uint16_t(std::min<std::uint32_t>(kSector * g.sectors, 0xFFFF));  // ATA-1
  w[5] = kSector;                                                              // ATA-1
  w[6] = std::uint16_t(g.sectors);
  put_ata_string(w, 10, 10, fmt::format("{:>20}", fmt::format("QZ{}{:08X}", device & 1, capacity)));
  w[20] = 3;   // buffer type: dual ported, multi-sector, with read cache
  w[21] = 64;  // buffer size in sectors (32 KiB)
  w[22] = 4;   // ECC bytes for READ/WRITE LONG
  put_ata_string(w, 23, 4, "QZ 1.0");
  put_ata_string(w, 27, 20, "QUARTZ HARDDISK");
  w[47] = std::uint16_t(0x8000 | kMaxMultiple);
  w[49] = 0x0200;  // LBA supported (no DMA)
  w[51] = 0x0200;  // PIO data transfer cycle timing mode 2
  if (d.translation_valid) {
    w[53] = 0x0001;  // words 54-58 valid
    std::uint32_t current = std::uint32_t(d.current.total());
    w[54] = std::uint16_t(d.current.cylinders);
    w[55] = std::uint16_t(d.current.heads);
    w[56] = std::uint16_t(d.current.sectors);
    w[57] = std::uint16_t(current);
    w[58] = std::uint16_t(current >> 16);
  }
  w[59] = std::uint16_t(0x0100 | d.multiple);  // multiple sector setting valid
  w[60] = std::uint16_t(capacity);
  w[61] = std::uint16_t(capacity >> 16);
  w[80] = 0x0006;  // major version: ATA-1 and ATA-2
  return w;
}

}  // namespace quartz
