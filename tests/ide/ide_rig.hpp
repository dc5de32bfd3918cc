#pragma once
// Shared test rig for the IDE suite: an IdeController on a Bus with a hand-driven clock, a
// patterned in-memory disk, and helpers that speak the ATA PIO protocol through the ports
// (ATA-2 section 9: PIO data-in / data-out / non-data command protocols).
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "devices/disk_image.hpp"
#include "devices/ide.hpp"
#include "memory/bus.hpp"

namespace quartz::test {

inline constexpr std::uint16_t kData = 0x1F0, kError = 0x1F1, kFeatures = 0x1F1,
                               kSectorCount = 0x1F2, kSectorNumber = 0x1F3, kCylLow = 0x1F4,
                               kCylHigh = 0x1F5, kDevHead = 0x1F6, kStatus = 0x1F7,
                               kCommand = 0x1F7, kAltStatus = 0x3F6, kDevCtl = 0x3F6;

struct FakeClock : TimeSource {
  Tick t = 0;
  Tick now() const override { return t; }
};

struct RecordingIrq : IrqLine {
  bool level = false;
  int rises = 0;
  void set_level(bool high) override {
    if (high && !level) ++rises;
    level = high;
  }
};

// Round numbers so expected deadlines are easy to derive by hand.
inline IdeTiming test_timing() {
  IdeTiming t;
  t.command_overhead = 100;
  t.block_gap = 10;
  t.write_drq_delay = 20;
  t.reset_time = 500;
  t.diagnostic_time = 300;
  t.seek_track = 0;
  t.seek_full = 0;
  t.rpm = 0;
  return t;
}

// Byte i of sector `lba` on the test disk.
inline std::uint8_t pattern(std::uint32_t lba, std::uint32_t i) {
  return std::uint8_t(lba * 131u + i * 7u + (lba >> 8) * 3u + 1u);
}

inline std::vector<std::uint8_t> patterned_disk(std::uint32_t sectors) {
  std::vector<std::uint8_t> v(std::size_t(sectors) * 512);
  for (std::uint32_t s = 0; s < sectors; ++s)
    for (std::uint32_t i = 0; i < 512; ++i) v[std::size_t(s) * 512 + i] = pattern(s, i);
  return v;
}

inline std::vector<std::uint8_t> expected_sectors(std::uint32_t lba, std::uint32_t n) {
  std::vector<std::uint8_t> v;
  for (std::uint32_t s = lba; s < lba + n; ++s)
    for (std::uint32_t i = 0; i < 512; ++i) v.push_back(pattern(s, i));
  return v;
}

// 20 cylinders of 16 heads x 63 sectors: 20160 sectors (about 10 MB).
inline constexpr std::uint32_t kDefaultSectors = 20 * 16 * 63;

struct Rig {
  FakeClock clock;
  RecordingIrq irq;
  Bus bus{20};
  IdeController ide;

  explicit Rig(std::uint32_t sectors = kDefaultSectors, IdeTiming timing = test_timing(),
               DiskAccess access = DiskAccess::read_write,
               std::optional<ChsGeometry> geometry = std::nullopt)
      : ide(&irq, timing) {
    bus.set_time_source(&clock);
    ide.map_ports(bus);
    ide.attach(0, std::make_unique<DiskImage>(patterned_disk(sectors), access, "test.img",
                                              geometry));
  }

  void out(std::uint16_t port, std::uint8_t v) { bus.io_write8(port, v); }
  std::uint8_t in(std::uint16_t port) { return bus.io_read8(port); }
  std::uint8_t status() { return in(kStatus); }
  std::uint8_t alt_status() { return in(kAltStatus); }

  // Let time run to the controller's next deadline, as the machine's scheduler would.
  bool advance() {
    Tick e = ide.next_event();
    if (e == kNever) return false;
    clock.t = std::max(clock.t, e);
    ide.sync(clock.t);
    return true;
  }
  void wait_not_busy() {
    while (alt_status() & ata::kBsy) REQUIRE(advance());
  }

  void lba_command(std::uint8_t cmd, std::uint32_t lba, std::uint8_t count, unsigned dev = 0) {
    out(kSectorCount, count);
    out(kSectorNumber, std::uint8_t(lba));
    out(kCylLow, std::uint8_t(lba >> 8));
    out(kCylHigh, std::uint8_t(lba >> 16));
    out(kDevHead, std::uint8_t(0xA0 | ata::kDhLba | (dev << 4) | ((lba >> 24) & 0x0F)));
    out(kCommand, cmd);
  }
  void chs_command(std::uint8_t cmd, std::uint32_t c, std::uint32_t h, std::uint32_t s,
                   std::uint8_t count) {
    out(kSectorCount, count);
    out(kSectorNumber, std::uint8_t(s));
    out(kCylLow, std::uint8_t(c));
    out(kCylHigh, std::uint8_t(c >> 8));
    out(kDevHead, std::uint8_t(0xA0 | h));
    out(kCommand, cmd);
  }
  void simple_command(std::uint8_t cmd, std::uint8_t features = 0, std::uint8_t count = 0) {
    out(kFeatures, features);
    out(kSectorCount, count);
    out(kCommand, cmd);
  }

  // Word transfers as one 16-bit I/O cycle (Bus::io_read16 / io_write16).
  void read_words(std::vector<std::uint8_t>& into, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; i += 2) {
      std::uint16_t w = bus.io_read16(kData);
      into.push_back(std::uint8_t(w));
      into.push_back(std::uint8_t(w >> 8));
    }
  }
  void write_words(const std::uint8_t* p, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; i += 2)
      bus.io_write16(kData, std::uint16_t(p[i] | (p[i + 1] << 8)));
  }
  // Word transfers split into byte cycles as an 8086 does (low byte at 1F0h, high at 1F1h).
  void read_split(std::vector<std::uint8_t>& into, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; i += 2) {
      into.push_back(in(kData));
      into.push_back(in(kData + 1));
    }
  }
  void write_split(const std::uint8_t* p, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; i += 2) {
      out(kData, p[i]);
      out(kData + 1, p[i + 1]);
    }
  }
};

}  // namespace quartz::test
