#pragma once
// A raw hard-disk image: a flat file of 512-byte sectors, LBA 0 first (the layout every PC
// emulator and `dd` produce). Three access modes protect the user's file:
//   read_only  - the file is opened for reading only; write_sectors() is refused (returns
//                false) and the IDE drive answers WRITE commands with ERR + ABRT.
//   read_write - the file is opened for update; writes go straight to it.
//   snapshot   - the file is opened for reading only; writes land in an in-memory overlay
//                (per sector) that later reads see, and the file is never modified.
// Every problem the user can cause (missing, unreadable, empty, not a multiple of 512 bytes,
// beyond the LBA28 limit, geometry that does not fit) throws DiskImageError with one message
// that names the file and the problem.
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace quartz {

class DiskImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class DiskAccess : std::uint8_t { read_only, read_write, snapshot };

// A cylinder/head/sector geometry (sectors are numbered from 1 on the track).
struct ChsGeometry {
  std::uint32_t cylinders = 0;
  std::uint32_t heads = 0;
  std::uint32_t sectors = 0;  // per track
  std::uint64_t total() const { return std::uint64_t(cylinders) * heads * sectors; }
  bool operator==(const ChsGeometry&) const = default;
};

// Parses a user-supplied "C/H/S" geometry (e.g. "615/4/17"; ',' also separates). Checks the
// syntax only: DiskImage validates the ranges against the image and names the file.
bool parse_chs_geometry(std::string_view text, ChsGeometry& out);

class DiskImage {
 public:
  static constexpr std::uint32_t kSectorSize = 512;
  // LBA28 (ATA-1 .. ATA/ATAPI-5): 28 address bits, and IDENTIFY words 60-61 top out at
  // 0FFFFFFFh user-addressable sectors.
  static constexpr std::uint64_t kMaxSectors = 0x0FFFFFFF;
  // IDENTIFY word 1 / INITIALIZE DEVICE PARAMETERS limits for a CHS geometry.
  static constexpr std::uint32_t kMaxCylinders = 65535;
  static constexpr std::uint32_t kMaxHeads = 16;
  static constexpr std::uint32_t kMaxSectorsPerTrack = 255;
  // Default geometry of drives over 16,514,064 sectors (8.4 GB): 16383/16/63, the value
  // ATA/ATAPI-4 onwards fixes for IDENTIFY words 1, 3 and 6.
  static constexpr std::uint32_t kMaxDefaultCylinders = 16383;

  // Opens `path`. `geometry` overrides the size-derived default; it must satisfy the limits
  // above and fit inside the image (C*H*S <= sector count).
  DiskImage(std::string path, DiskAccess access,
            std::optional<ChsGeometry> geometry = std::nullopt);
  // An image held entirely in memory (tests, generated disks). read_only refuses writes.
  DiskImage(std::vector<std::uint8_t> bytes, DiskAccess access, std::string name = "<memory>",
            std::optional<ChsGeometry> geometry = std::nullopt);

  DiskImage(const DiskImage&) = delete;
  DiskImage& operator=(const DiskImage&) = delete;

  const std::string& path() const { return path_; }
  DiskAccess access() const { return access_; }
  bool writable() const { return access_ != DiskAccess::read_only; }
  std::uint32_t sector_count() const { return sectors_; }
  const ChsGeometry& geometry() const { return geometry_; }
  // Sectors changed in the snapshot overlay (0 unless access() == snapshot).
  std::size_t overlay_sectors() const { return overlay_.size(); }

  // Sector I/O; `data` holds count * 512 bytes. Returns false if the range leaves the disk,
  // the host I/O fails, or (writes) the image is read-only.
  bool read_sectors(std::uint32_t lba, std::uint32_t count, std::span<std::uint8_t> data);
  bool write_sectors(std::uint32_t lba, std::uint32_t count, std::span<const std::uint8_t> data);

  // The default geometry for an image of `sectors` sectors: 16 heads x 63 sectors when the
  // size is a whole number of such cylinders or too big for anything else (the ATA
  // "default translation" of large drives); otherwise the first exact C x H x 17 layout
  // (MFM/RLL-era drives), else 16 x 63 with the tail only reachable through LBA. Cylinders
  // stop at kMaxDefaultCylinders.
  static ChsGeometry geometry_for(std::uint64_t sectors);

 private:
  void validate_geometry(const std::optional<ChsGeometry>& g);
  bool in_range(std::uint32_t lba, std::uint32_t count) const {
    return std::uint64_t(lba) + count <= sectors_;
  }

  std::string path_;
  DiskAccess access_;
  std::uint32_t sectors_ = 0;
  ChsGeometry geometry_;
  std::unique_ptr<std::fstream> file_;  // null for in-memory images
  std::vector<std::uint8_t> memory_;    // in-memory images
  std::unordered_map<std::uint32_t, std::vector<std::uint8_t>> overlay_;  // snapshot mode
};

}  // namespace quartz
