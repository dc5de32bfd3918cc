// IdeController, the interface side: ports and registers, the 16-bit data latch, INTRQ,
// SRST and the busy/data-phase state machine driven by sync().
#include "devices/ide.hpp"

#include <algorithm>

namespace quartz {

namespace {

constexpr std::uint32_t kSector = DiskImage::kSectorSize;

// Command block register offsets from the base port (ATA-2 7.2, table 4).
enum Reg : unsigned {
  kData = 0, kErrorFeatures = 1, kSectorCount = 2, kSectorNumber = 3, kCylinderLow = 4,
  kCylinderHigh = 5, kDeviceHead = 6, kStatusCommand = 7
};

}  // namespace

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
  // After 8-bit transfers the position can be odd: a word then ends the block early.
  std::uint8_t lo = d.buffer[d.buf_pos];
  std::uint8_t hi = d.buf_pos + 1 < d.buf_len ? d.buffer[d.buf_pos + 1] : 0xFF;
  std::uint16_t w = std::uint16_t(lo | (hi << 8));
  d.buf_pos = std::min(d.buf_pos + 2, d.buf_len);
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
  if (d.buf_pos + 1 < d.buf_len) d.buffer[d.buf_pos + 1] = std::uint8_t(v >> 8);
  d.buf_pos = std::min(d.buf_pos + 2, d.buf_len);
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
