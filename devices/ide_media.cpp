// IdeController, the media side: CHS/LBA addressing under the current translation and
// the deterministic seek/rotation timing model described in ide.hpp.
#include "devices/ide.hpp"

#include <algorithm>

namespace quartz {

namespace {

constexpr Tick microseconds(double us) { return seconds_to_ticks(us * 1e-6); }

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

Tick IdeController::revolution_time() const {
  if (!timing_.rpm) return 0;
  return Tick(60 * kMasterHzNum / (kMasterHzDen * timing_.rpm));
}

Tick IdeController::sector_time(unsigned device) const {
  const Drive& d = drives_[device & 1];
  if (!timing_.rpm || !d.image) return 0;
  return revolution_time() / d.image->geometry().sectors;
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

}  // namespace quartz
