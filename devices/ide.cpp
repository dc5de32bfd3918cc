#include "devices/ide.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace quartz {

namespace {

constexpr std::uint32_t kSector = DiskImage::kSectorSize;

// Command block register offsets from the base port (ATA-2 7.2, table 4).
enum Reg : unsigned {
  kData = 0, kErrorFeatures = 1, kSectorCount = 2, kSectorNumber = 3, kCylinderLow = 4,
  kCylinderHigh = 5, kDeviceHead = 6, kStatusCommand = 7
};

constexpr Tick microseconds(double us) { return seconds_to_ticks(us * 1e-6); }

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

IdeTiming IdeTiming::defaults() {
  IdeTiming t;
  t.command_overhead = microseconds(30);
  t.block_gap = microseconds(5);
  // ATA-3 clause 8, note 9: some older hosts need DRQ within 700 ns of a PIO data-out
  // command, so the first DRQ of a write comes almost at once.
  t.write_drq_delay = microseconds(0.5);
  t.reset_time = microseconds(2000);
  t.diagnostic_time = microseconds(2000);
  t.seek_track = microseconds(3000);
  t.seek_full = microseconds(20000);
  t.rpm = 5400;
  return t;
}

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

IdeController::IdeController(IrqLine* irq, IdeTiming timing) : irq_(irq), timing_(timing) {
  reset();
}

void IdeController::attach(unsigned device, std::unique_ptr<DiskImage> image) {
  Drive& d = drives_[device & 1];
  d.image = std::move(image);
  power_on(d);
  update_irq();
}

void IdeController::map_ports(Bus& bus, std::uint16_t base, std::uint16_t control) {
  base_ = base;
  control_ = control;
  bus.map_io(base, std::uint16_t(base + 7), this);
  bus.map_io(control, control, this);
}

void IdeController::power_on(Drive& d) {
  std::unique_ptr<DiskImage> image = std::move(d.image);
  d = Drive{};
  d.image = std::move(image);
  d.buffer.assign(std::size_t(kSector) * kMaxMultiple, 0);
  set_signature(d);
  d.error = 0x01;  // power-on diagnostic: passed (ATA-2 9.1)
  if (d.image) {
    d.status = ata::kDrdy | ata::kDsc;
    d.current = d.image->geometry();
  }
}

void IdeController::reset() {
  for (Drive& d : drives_) power_on(d);
  selected_ = 0;
  device_control_ = 0;
  read_high_latch_.reset();
  write_low_latch_.reset();
  intrq_ = false;
  if (irq_) irq_->set_level(false);
}

void IdeController::sync(Tick now) {
  for (;;) {
    Drive* next = nullptr;
    for (Drive& d : drives_)
      if (d.deadline != kNever && (!next || d.deadline < next->deadline)) next = &d;
    if (!next || next->deadline > now) break;
    Tick t = next->deadline;
    next->deadline = kNever;
    now_ = std::max(now_, t);
    run_pending(*next, t);
  }
  now_ = std::max(now_, now);
}

Tick IdeController::next_event() const {
  return std::min(drives_[0].deadline, drives_[1].deadline);
}

// --- interrupt ------------------------------------------------------------------------

// INTRQ is driven by the selected device only, while its interrupt is pending and nIEN is
// clear (ATA-2 5.2.9, 7.2.7).
void IdeController::update_irq() {
  const Drive& d = drives_[selected_];
  bool level = present(selected_) && d.intrq_pending && !(device_control_ & ata::kNien);
  if (level != intrq_) {
    intrq_ = level;
    if (irq_) irq_->set_level(level);
  }
}

// --- status -----------------------------------------------------------------------------

Tick IdeController::revolution_time() const {
  if (!timing_.rpm) return 0;
  return Tick(60 * kMasterHzNum / (kMasterHzDen * timing_.rpm));
}

Tick IdeController::sector_time(unsigned device) const {
  const Drive& d = drives_[device & 1];
  if (!timing_.rpm || !d.image) return 0;
  return revolution_time() / d.image->geometry().sectors;
}

// IDX pulses once per revolution; the pulse lasts 1/32 of a turn.
std::uint8_t IdeController::status_of(const Drive& d) const {
  std::uint8_t s = d.status;
  if (timing_.rpm && !(s & ata::kBsy)) {
    Tick rev = revolution_time();
    if (rev && (now_ % rev) < rev / 32) s |= ata::kIdx;
  }
  return s;
}

std::uint8_t IdeController::peek_status(unsigned device) const {
  return present(device & 1) ? status_of(drives_[device & 1]) : 0;
}

IdeController::TaskFile IdeController::peek_task_file(unsigned device) const {
  const Drive& d = drives_[device & 1];
  return TaskFile{d.error, d.features, d.sector_count, d.sector_number, d.cylinder_low,
                  d.cylinder_high, d.device_head, status_of(d), d.command, d.intrq_pending,
                  d.phase == Phase::data_in || d.phase == Phase::data_out};
}

// --- addressing -----------------------------------------------------------------------

std::optional<std::uint32_t> IdeController::command_address(const Drive& d) const {
  std::uint32_t capacity = d.image->sector_count();
  std::uint32_t lba;
  if (d.device_head & ata::kDhLba) {
    lba = (std::uint32_t(d.device_head & 0x0F) << 24) | (std::uint32_t(d.cylinder_high) << 16) |
          (std::uint32_t(d.cylinder_low) << 8) | d.sector_number;
  } else {
    if (!d.translation_valid) return std::nullopt;
    const ChsGeometry& g = d.current;
    std::uint32_t c = (std::uint32_t(d.cylinder_high) << 8) | d.cylinder_low;
    std::uint32_t h = d.device_head & 0x0F;
    std::uint32_t s = d.sector_number;
    if (s == 0 || s > g.sectors || h >= g.heads || c >= g.cylinders) return std::nullopt;
    lba = (c * g.heads + h) * g.sectors + (s - 1);
  }
  if (lba >= capacity) return std::nullopt;
  return lba;
}

void IdeController::set_address(Drive& d, std::uint32_t lba) {
  if (d.lba_mode) {
    d.sector_number = std::uint8_t(lba);
    d.cylinder_low = std::uint8_t(lba >> 8);
    d.cylinder_high = std::uint8_t(lba >> 16);
    d.device_head = std::uint8_t((d.device_head & 0xF0) | ((lba >> 24) & 0x0F));
    return;
  }
  const ChsGeometry& g = d.current;
  if (!d.translation_valid || !g.heads || !g.sectors) return;
  std::uint32_t per_cyl = g.heads * g.sectors;
  std::uint32_t c = lba / per_cyl, r = lba % per_cyl;
  d.cylinder_low = std::uint8_t(c);
  d.cylinder_high = std::uint8_t(c >> 8);
  d.device_head = std::uint8_t((d.device_head & 0xF0) | (r / g.sectors));
  d.sector_number = std::uint8_t(r % g.sectors + 1);
}

void IdeController::set_signature(Drive& d) {
  // ATA-2 9.1/9.3: after reset or diagnostics an ATA device shows 01h 01h 00h 00h 00h.
  d.sector_count = 1;
  d.sector_number = 1;
  d.cylinder_low = 0;
  d.cylinder_high = 0;
  d.device_head = 0;
}

// --- media timing ---------------------------------------------------------------------

std::uint32_t IdeController::cylinder_of(const Drive& d, std::uint32_t lba) const {
  const ChsGeometry& g = d.image->geometry();
  return lba / (g.heads * g.sectors);
}

Tick IdeController::seek_time(const Drive& d, std::uint32_t to) const {
  std::uint32_t from = d.head_cylinder;
  std::uint32_t delta = to > from ? to - from : from - to;
  if (delta == 0) return 0;
  std::uint32_t cylinders = d.image->geometry().cylinders;
  if (cylinders <= 2 || timing_.seek_full <= timing_.seek_track) return timing_.seek_track;
  return timing_.seek_track +
         (timing_.seek_full - timing_.seek_track) * (delta - 1) / (cylinders - 2);
}

// Sector k of a track starts k sector-times after the index pulse; the platter turned from
// tick 0, so the wait is a pure function of time (deterministic).
Tick IdeController::rotate_to(const Drive& d, Tick from, std::uint32_t lba) const {
  Tick rev = revolution_time();
  if (!rev) return from;
  const ChsGeometry& g = d.image->geometry();
  Tick target = Tick(lba % g.sectors) * (rev / g.sectors);
  Tick pos = from % rev;
  return from + (target + rev - pos) % rev;
}

Tick IdeController::media_access(Drive& d, Tick from, std::uint32_t lba, std::uint32_t n) {
  std::uint32_t cyl = cylinder_of(d, std::min(lba, d.image->sector_count() - 1));
  Tick t = from + seek_time(d, cyl);
  d.head_cylinder = cyl;
  t = rotate_to(d, t, lba);
  return t + Tick(n) * sector_time(unsigned(&d - drives_.data()));
}

// --- command lifecycle ----------------------------------------------------------------

void IdeController::schedule_complete(Drive& d, Tick at, std::uint8_t error,
                                      std::uint8_t extra_status) {
  d.result_error = error;
  d.result_status = extra_status;
  d.status = ata::kBsy;
  d.phase = Phase::busy;
  d.pending = Pending::complete;
  d.deadline = at;
}

void IdeController::complete_now(Drive& d, std::uint8_t error, bool irq) {
  d.error = error;
  d.status = ata::kDrdy | ata::kDsc | (error ? ata::kErr : 0);
  d.phase = Phase::idle;
  d.pending = Pending::none;
  d.deadline = kNever;
  if (irq) {
    d.intrq_pending = true;
    update_irq();
  }
}

void IdeController::begin_data_in(Drive& d, std::size_t bytes) {
  d.phase = Phase::data_in;
  d.buf_pos = 0;
  d.buf_len = bytes;
  d.status = ata::kDrdy | ata::kDsc | ata::kDrq;
  d.intrq_pending = true;
  update_irq();
}

void IdeController::run_pending(Drive& d, Tick t) {
  Pending p = d.pending;
  d.pending = Pending::none;
  const unsigned index = unsigned(&d - drives_.data());
  switch (p) {
    case Pending::none:
      break;
    case Pending::complete:
      d.error = d.result_error;
      d.status = ata::kDrdy | ata::kDsc | d.result_status | (d.result_error ? ata::kErr : 0);
      d.phase = Phase::idle;
      d.intrq_pending = true;
      update_irq();
      break;
    case Pending::identify: {
      auto words = identify_data(index);
      for (unsigned i = 0; i < 256; ++i) {
        d.buffer[2 * i] = std::uint8_t(words[i]);
        d.buffer[2 * i + 1] = std::uint8_t(words[i] >> 8);
      }
      begin_data_in(d, kSector);
      break;
    }
    case Pending::read_block: {
      std::uint32_t capacity = d.image->sector_count();
      std::uint32_t n = std::min(d.block, d.remaining);
      if (std::uint64_t(d.lba) + n > capacity) {
        // ATA-2 8.x READ: IDNF, registers hold the address of the sector in error.
        std::uint32_t bad = std::max(d.lba, capacity);
        set_address(d, bad);
        d.sector_count = std::uint8_t(d.remaining - (bad - d.lba));
        complete_now(d, ata::kIdnf);
        break;
      }
      if (!d.image->read_sectors(d.lba, n, std::span(d.buffer.data(), n * kSector))) {
        set_address(d, d.lba);
        d.sector_count = std::uint8_t(d.remaining);
        complete_now(d, ata::kUnc);
        break;
      }
      d.block_sectors = n;
      set_address(d, d.lba + n - 1);
      d.sector_count = std::uint8_t(d.remaining - n);
      begin_data_in(d, std::size_t(n) * kSector);
      break;
    }
    case Pending::write_drq:
      d.phase = Phase::data_out;
      d.buf_pos = 0;
      d.buf_len = std::size_t(d.block_sectors) * kSector;
      d.status = ata::kDrdy | ata::kDsc | ata::kDrq;  // no interrupt for the first block
      break;
    case Pending::write_block: {
      std::uint32_t n = d.block_sectors;
      std::uint32_t capacity = d.image->sector_count();
      if (std::uint64_t(d.lba) + n > capacity) {
        // The block's sectors do not all exist: IDNF at the first missing one, as for reads.
        std::uint32_t bad = std::max(d.lba, capacity);
        set_address(d, bad);
        d.sector_count = std::uint8_t(d.remaining - (bad - d.lba));
        complete_now(d, ata::kIdnf);
        break;
      }
      if (!d.image->write_sectors(d.lba, n, std::span<const std::uint8_t>(d.buffer.data(),
                                                                         n * kSector))) {
        set_address(d, d.lba);
        d.sector_count = std::uint8_t(d.remaining);
        complete_now(d, ata::kAbrt);
        d.status |= ata::kDf;
        break;
      }
      d.remaining -= n;
      set_address(d, d.lba + n - 1);
      d.sector_count = std::uint8_t(d.remaining);
      if (d.remaining == 0) {
        complete_now(d, 0);
        break;
      }
      d.lba += n;
      d.block_sectors = std::min(d.block, d.remaining);
      d.phase = Phase::data_out;
      d.buf_pos = 0;
      d.buf_len = std::size_t(d.block_sectors) * kSector;
      d.status = ata::kDrdy | ata::kDsc | ata::kDrq;
      d.intrq_pending = true;
      update_irq();
      break;
    }
    case Pending::reset_done:
      if (!d.keep_settings_on_reset) {
        d.multiple = 0;
        d.eight_bit = false;
        d.write_cache = true;
      }
      set_signature(d);
      selected_ = 0;
      d.error = 0x01;
      d.status = ata::kDrdy | ata::kDsc;
      d.phase = Phase::idle;
      update_irq();
      break;
    case Pending::diagnostic_done: {
      set_signature(d);
      selected_ = 0;
      d.error = 0x01;  // ATA-2 table 12: device 0 passed, device 1 passed or not present
      d.status = ata::kDrdy | ata::kDsc;
      d.phase = Phase::idle;
      // Device 0 reports for both (device 1 only if it is alone on the channel).
      if (index == 0 || !present(0)) d.intrq_pending = true;
      update_irq();
      break;
    }
  }
  (void)t;
}

void IdeController::end_of_data_block(Drive& d) {
  if (d.phase == Phase::data_in) {
    if (d.command == 0xEC || d.remaining <= d.block_sectors) {
      d.remaining = 0;
      d.status = ata::kDrdy | ata::kDsc;
      d.phase = Phase::idle;
      return;
    }
    d.remaining -= d.block_sectors;
    d.lba += d.block_sectors;
    std::uint32_t n = std::min(d.block, d.remaining);
    d.media_ready += Tick(n) * sector_time(unsigned(&d - drives_.data()));
    d.status = ata::kBsy;
    d.phase = Phase::busy;
    d.pending = Pending::read_block;
    d.deadline = std::max(now_ + timing_.block_gap, d.media_ready);
  } else if (d.phase == Phase::data_out) {
    d.status = ata::kBsy;
    d.phase = Phase::busy;
    d.pending = Pending::write_block;
    if (d.write_cache) {
      d.head_cylinder = cylinder_of(d, d.lba + d.block_sectors - 1);
      d.deadline = now_ + timing_.block_gap;
    } else {
      d.deadline = media_access(d, now_ + timing_.block_gap, d.lba, d.block_sectors);
    }
  }
}

void IdeController::write_command(Drive& d, std::uint8_t cmd) {
  d.intrq_pending = false;
  update_irq();
  d.command = cmd;
  d.error = 0;
  d.lba_mode = d.device_head & ata::kDhLba;
  d.pending = Pending::none;
  d.deadline = kNever;
  d.buf_pos = d.buf_len = 0;
  (this->*command_table()[cmd])(d, now_);
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

// --- ports ------------------------------------------------------------------------------

void IdeController::drop_latches() {
  read_high_latch_.reset();
  flush_write_latch();
}

void IdeController::flush_write_latch() {
  if (!write_low_latch_) return;
  std::uint16_t w = std::uint16_t(0xFF00 | *write_low_latch_);
  write_low_latch_.reset();
  data_write_word(w);
}

std::uint16_t IdeController::data_read_word() {
  Drive& d = sel();
  std::uint16_t w = std::uint16_t(d.buffer[d.buf_pos] | (d.buffer[d.buf_pos + 1] << 8));
  d.buf_pos += 2;
  if (d.buf_pos >= d.buf_len) end_of_data_block(d);
  return w;
}

std::uint8_t IdeController::data_read_byte() {
  Drive& d = sel();
  std::uint8_t v = d.buffer[d.buf_pos++];
  if (d.buf_pos >= d.buf_len) end_of_data_block(d);
  return v;
}

void IdeController::data_write_word(std::uint16_t v) {
  Drive& d = sel();
  if (!present(selected_) || d.phase != Phase::data_out) return;
  d.buffer[d.buf_pos] = std::uint8_t(v);
  d.buffer[d.buf_pos + 1] = std::uint8_t(v >> 8);
  d.buf_pos += 2;
  if (d.buf_pos >= d.buf_len) end_of_data_block(d);
}

void IdeController::data_write_byte(std::uint8_t v) {
  Drive& d = sel();
  d.buffer[d.buf_pos++] = v;
  if (d.buf_pos >= d.buf_len) end_of_data_block(d);
}

std::uint8_t IdeController::read_register(unsigned reg) {
  const bool here = present(selected_);
  Drive& d = sel();
  if (reg == kStatusCommand) {
    if (!here) return 0x00;  // no device 1: device 0 answers status with 00h
    std::uint8_t v = status_of(d);
    d.intrq_pending = false;  // ATA-2 5.2.9: reading Status clears the interrupt
    update_irq();
    return v;
  }
  // An absent device 1 leaves device 0's copy of the task file on the bus.
  const Drive& r = here ? d : drives_[selected_ ^ 1];
  // While BSY, reads of any command block register return the status (ATA-2 7.2.13).
  if (r.status & ata::kBsy) return status_of(r);
  if (reg == kData) {
    if (!here || d.phase != Phase::data_in) return 0xFF;
    if (d.eight_bit) return data_read_byte();
    std::uint16_t w = data_read_word();
    read_high_latch_ = std::uint8_t(w >> 8);
    return std::uint8_t(w);
  }
  static constexpr std::uint8_t Drive::*kRegs[7] = {
      nullptr, &Drive::error, &Drive::sector_count, &Drive::sector_number,
      &Drive::cylinder_low, &Drive::cylinder_high, &Drive::device_head};
  return r.*kRegs[reg];
}

void IdeController::write_register(unsigned reg, std::uint8_t v) {
  if (reg == kData) {
    Drive& d = sel();
    if (!present(selected_) || d.phase != Phase::data_out) return;
    if (d.eight_bit) data_write_byte(v);
    else write_low_latch_ = v;
    return;
  }
  if (reg == kStatusCommand) {
    // EXECUTE DEVICE DIAGNOSTIC reaches both devices; other commands only the selected one.
    if (v == 0x90 && (present(0) || present(1))) return cmd_diagnostic(sel(), now_);
    Drive& d = sel();
    if (!present(selected_) || (d.status & ata::kBsy)) return;
    return write_command(d, v);
  }
  static constexpr std::uint8_t Drive::*kRegs[7] = {
      nullptr, &Drive::features, &Drive::sector_count, &Drive::sector_number,
      &Drive::cylinder_low, &Drive::cylinder_high, &Drive::device_head};
  // Both devices latch command block writes; a busy device ignores them.
  for (Drive& d : drives_)
    if (!(d.status & ata::kBsy)) d.*kRegs[reg] = v;
  if (reg == kDeviceHead) {
    selected_ = (v & ata::kDhDev) ? 1 : 0;
    update_irq();
  }
}

void IdeController::write_device_control(std::uint8_t v) {
  bool was_reset = device_control_ & ata::kSrst;
  device_control_ = v;
  bool in_reset = v & ata::kSrst;
  for (unsigned i = 0; i < 2; ++i) {
    if (!present(i)) continue;
    Drive& d = drives_[i];
    if (in_reset && !was_reset) {
      // ATA-2 9.3: SRST set -> the devices abort everything and hold BSY.
      d.status = ata::kBsy;
      d.phase = Phase::reset;
      d.pending = Pending::none;
      d.deadline = kNever;
      d.intrq_pending = false;
    } else if (!in_reset && was_reset) {
      d.pending = Pending::reset_done;
      d.deadline = now_ + timing_.reset_time;
    }
  }
  if (in_reset) write_low_latch_.reset();
  update_irq();
}

std::uint8_t IdeController::io_read(std::uint16_t port) {
  if (port == base_ + kErrorFeatures && read_high_latch_) {
    std::uint8_t v = *read_high_latch_;
    read_high_latch_.reset();
    return v;
  }
  drop_latches();
  if (!present(0) && !present(1)) return 0xFF;  // empty channel: the bus floats
  if (port == control_) return present(selected_) ? status_of(sel()) : 0x00;
  return read_register(unsigned(port - base_) & 7);
}

void IdeController::io_write(std::uint16_t port, std::uint8_t value) {
  if (port == base_ + kErrorFeatures && write_low_latch_) {
    std::uint16_t w = std::uint16_t(*write_low_latch_ | (value << 8));
    write_low_latch_.reset();
    data_write_word(w);
    return;
  }
  drop_latches();
  if (port == control_) return write_device_control(value);
  write_register(unsigned(port - base_) & 7, value);
}

std::uint16_t IdeController::io_read16(std::uint16_t port) {
  if (port != base_) return IoHandler::io_read16(port);
  drop_latches();
  Drive& d = sel();
  if (!present(selected_)) return 0xFFFF;
  if (d.status & ata::kBsy) return std::uint16_t(status_of(d) * 0x0101);
  if (d.phase != Phase::data_in) return 0xFFFF;
  return data_read_word();
}

void IdeController::io_write16(std::uint16_t port, std::uint16_t value) {
  if (port != base_) return IoHandler::io_write16(port, value);
  drop_latches();
  data_write_word(value);
}

}  // namespace quartz
