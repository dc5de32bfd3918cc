#include "devices/disk_image.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace quartz {

namespace fs = std::filesystem;

namespace {

std::uint32_t checked_sector_count(const std::string& name, std::uint64_t bytes) {
  if (bytes == 0) throw DiskImageError(fmt::format("{}: disk image is empty (0 bytes)", name));
  if (bytes % DiskImage::kSectorSize != 0)
    throw DiskImageError(fmt::format(
        "{}: disk image size {} bytes is not a multiple of the 512-byte sector size", name,
        bytes));
  std::uint64_t sectors = bytes / DiskImage::kSectorSize;
  if (sectors > DiskImage::kMaxSectors)
    throw DiskImageError(fmt::format(
        "{}: disk image has {} sectors, more than the LBA28 limit of {} sectors (128 GiB)", name,
        sectors, DiskImage::kMaxSectors));
  return std::uint32_t(sectors);
}

}  // namespace

bool parse_chs_geometry(std::string_view text, ChsGeometry& out) {
  std::uint32_t v[3] = {0, 0, 0};
  unsigned field = 0;
  bool digit_seen = false;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      if (v[field] > 100'000'000) return false;  // far beyond any valid value
      v[field] = v[field] * 10 + std::uint32_t(ch - '0');
      digit_seen = true;
    } else if ((ch == '/' || ch == ',') && digit_seen && field < 2) {
      ++field;
      digit_seen = false;
    } else {
      return false;
    }
  }
  if (field != 2 || !digit_seen) return false;
  out = ChsGeometry{v[0], v[1], v[2]};
  return true;
}

ChsGeometry DiskImage::geometry_for(std::uint64_t sectors) {
  constexpr std::uint64_t kBig = 16 * 63;
  if (sectors % kBig == 0 || sectors >= 1024 * kBig) {
    std::uint64_t c = std::min<std::uint64_t>(sectors / kBig, kMaxDefaultCylinders);
    return ChsGeometry{std::uint32_t(std::max<std::uint64_t>(c, 1)), 16, 63};
  }
  // Older drives recorded 17 sectors per track (MFM); a size that is an exact multiple of
  // such a layout with at most 1024 cylinders is most likely one of them.
  for (std::uint32_t h = 2; h <= kMaxHeads; ++h) {
    std::uint64_t track = std::uint64_t(h) * 17;
    if (sectors % track == 0 && sectors / track <= 1024)
      return ChsGeometry{std::uint32_t(sectors / track), h, 17};
  }
  if (sectors >= kBig) return ChsGeometry{std::uint32_t(sectors / kBig), 16, 63};
  // Tiny images (under 504 KiB): one head, 63 sectors per track at most.
  if (sectors >= 63) return ChsGeometry{std::uint32_t(sectors / 63), 1, 63};
  return ChsGeometry{1, 1, std::uint32_t(sectors)};
}

void DiskImage::validate_geometry(const std::optional<ChsGeometry>& g) {
  if (!g) {
    geometry_ = geometry_for(sectors_);
    return;
  }
  if (g->cylinders < 1 || g->cylinders > kMaxCylinders || g->heads < 1 || g->heads > kMaxHeads ||
      g->sectors < 1 || g->sectors > kMaxSectorsPerTrack)
    throw DiskImageError(fmt::format(
        "{}: geometry {}/{}/{} is invalid (cylinders 1-{}, heads 1-{}, sectors 1-{})", path_,
        g->cylinders, g->heads, g->sectors, kMaxCylinders, kMaxHeads, kMaxSectorsPerTrack));
  if (g->total() > sectors_)
    throw DiskImageError(fmt::format(
        "{}: geometry {}/{}/{} needs {} sectors but the image has only {}", path_, g->cylinders,
        g->heads, g->sectors, g->total(), sectors_));
  geometry_ = *g;
}

DiskImage::DiskImage(std::string path, DiskAccess access, std::optional<ChsGeometry> geometry)
    : path_(std::move(path)), access_(access) {
  std::error_code ec;
  fs::file_status st = fs::status(path_, ec);
  if (!fs::exists(st))
    throw DiskImageError(fmt::format("{}: disk image not found", path_));
  if (fs::is_directory(st))
    throw DiskImageError(fmt::format("{}: is a directory, not a disk image", path_));
  if (!fs::is_regular_file(st))
    throw DiskImageError(fmt::format("{}: not a regular file, cannot be a disk image", path_));
  std::uint64_t bytes = fs::file_size(path_, ec);
  if (ec)
    throw DiskImageError(fmt::format("{}: cannot read disk image size: {}", path_, ec.message()));
  sectors_ = checked_sector_count(path_, bytes);
  validate_geometry(geometry);

  // Only read_write opens the file for update: the other modes can never change it.
  auto mode = std::ios::in | std::ios::binary;
  if (access_ == DiskAccess::read_write) mode |= std::ios::out;
  errno = 0;
  file_ = std::make_unique<std::fstream>(path_, mode);
  if (!file_->is_open()) {
    int err = errno;
    throw DiskImageError(fmt::format("{}: cannot open disk image for {}: {}", path_,
                                     access_ == DiskAccess::read_write ? "writing" : "reading",
                                     err ? std::strerror(err) : "access denied"));
  }
  // A readable-looking file can still fail on the first read (e.g. EISDIR-like devices,
  // I/O errors): probe sector 0 now so the user sees it at start-up.
  char probe[kSectorSize];
  if (!file_->read(probe, kSectorSize))
    throw DiskImageError(fmt::format("{}: cannot read from disk image", path_));
}

DiskImage::DiskImage(std::vector<std::uint8_t> bytes, DiskAccess access, std::string name,
                     std::optional<ChsGeometry> geometry)
    : path_(std::move(name)), access_(access), memory_(std::move(bytes)) {
  sectors_ = checked_sector_count(path_, memory_.size());
  validate_geometry(geometry);
}

bool DiskImage::read_sectors(std::uint32_t lba, std::uint32_t count,
                             std::span<std::uint8_t> data) {
  if (!in_range(lba, count) || data.size() < std::size_t(count) * kSectorSize) return false;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint8_t* out = data.data() + std::size_t(i) * kSectorSize;
    std::uint32_t s = lba + i;
    if (auto it = overlay_.find(s); it != overlay_.end()) {
      std::memcpy(out, it->second.data(), kSectorSize);
    } else if (!file_) {
      std::memcpy(out, memory_.data() + std::size_t(s) * kSectorSize, kSectorSize);
    } else {
      file_->clear();
      file_->seekg(std::streamoff(s) * kSectorSize);
      if (!file_->read(reinterpret_cast<char*>(out), kSectorSize)) return false;
    }
  }
  return true;
}

bool DiskImage::write_sectors(std::uint32_t lba, std::uint32_t count,
                              std::span<const std::uint8_t> data) {
  if (access_ == DiskAccess::read_only) return false;
  if (!in_range(lba, count) || data.size() < std::size_t(count) * kSectorSize) return false;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint8_t* in = data.data() + std::size_t(i) * kSectorSize;
    std::uint32_t s = lba + i;
    if (access_ == DiskAccess::snapshot) {
      overlay_[s].assign(in, in + kSectorSize);
    } else if (!file_) {
      std::memcpy(memory_.data() + std::size_t(s) * kSectorSize, in, kSectorSize);
    } else {
      file_->clear();
      file_->seekp(std::streamoff(s) * kSectorSize);
      if (!file_->write(reinterpret_cast<const char*>(in), kSectorSize)) return false;
    }
  }
  if (file_ && access_ == DiskAccess::read_write) file_->flush();
  return true;
}

}  // namespace quartz
