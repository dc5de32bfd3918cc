// Disk image files: validation messages, geometry, and the promise never to modify the
// user's file unless write access was requested (read-only refuses, snapshot overlays).
#include "tests/ide/ide_rig.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <unistd.h>
#include <zlib.h>

using namespace quartz;
using namespace quartz::test;
namespace fs = std::filesystem;

namespace {

// A scratch directory removed at the end of each test.
struct TempDir {
  fs::path dir;
  TempDir() {
    static int counter = 0;
    dir = fs::temp_directory_path() / fmt::format("quartz_ide_test_{}_{}", ::getpid(), counter++);
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string file(const std::string& name, const std::vector<std::uint8_t>& bytes) const {
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return p.string();
  }
  std::string sparse(const std::string& name, std::uint64_t bytes) const {
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary).put('\0');
    fs::resize_file(p, bytes);
    return p.string();
  }
};

std::vector<std::uint8_t> slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

unsigned long crc_of(const std::string& path) {
  auto bytes = slurp(path);
  return crc32(crc32(0L, Z_NULL, 0), bytes.data(), uInt(bytes.size()));
}

std::string error_of(const std::string& path, DiskAccess access = DiskAccess::read_only,
                     std::optional<ChsGeometry> g = std::nullopt) {
  try {
    DiskImage img(path, access, g);
  } catch (const DiskImageError& e) {
    return e.what();
  }
  return "(no error)";
}

// Drives a WRITE SECTORS of `n` sectors at `lba` through the ports of a controller holding
// `image`; returns the final status.
std::uint8_t guest_write(std::unique_ptr<DiskImage> image, std::uint32_t lba, std::uint8_t n,
                         std::uint8_t value, Rig& r) {
  r.ide.attach(0, std::move(image));
  r.lba_command(0x30, lba, n);
  std::vector<std::uint8_t> data(512, value);
  for (int s = 0; s < n; ++s) {
    r.wait_not_busy();
    if (!(r.alt_status() & ata::kDrq)) break;
    r.write_split(data.data(), 512);
  }
  r.wait_not_busy();
  return r.status();
}

}  // namespace

TEST_CASE("disk image: a missing file is reported by name") {
  TempDir t;
  std::string path = (t.dir / "nope.img").string();
  CHECK(error_of(path) == path + ": disk image not found");
}

TEST_CASE("disk image: empty, odd-size and directory paths are rejected with a clear message") {
  TempDir t;
  std::string empty = t.file("empty.img", {});
  CHECK(error_of(empty) == empty + ": disk image is empty (0 bytes)");
  std::string odd = t.file("odd.img", std::vector<std::uint8_t>(1000));
  CHECK(error_of(odd) ==
        odd + ": disk image size 1000 bytes is not a multiple of the 512-byte sector size");
  // A truncated image (one byte short of 2 sectors).
  std::string truncated = t.file("trunc.img", std::vector<std::uint8_t>(1023));
  CHECK(error_of(truncated, DiskAccess::snapshot) ==
        truncated +
            ": disk image size 1023 bytes is not a multiple of the 512-byte sector size");
  std::string dir = t.dir.string();
  CHECK(error_of(dir) == dir + ": is a directory, not a disk image");
  CHECK(error_of("/dev/null") == "/dev/null: not a regular file, cannot be a disk image");
}

TEST_CASE("disk image: the LBA28 limit is 0FFFFFFFh sectors") {
  TempDir t;
  std::string ok = t.sparse("max.img", std::uint64_t(0x0FFFFFFF) * 512);
  DiskImage img(ok, DiskAccess::read_only);
  CHECK(img.sector_count() == 0x0FFFFFFFu);
  // Over 16,514,064 sectors the default CHS is 16383/16/63; LBA reaches the rest.
  CHECK(img.geometry() == ChsGeometry{16383, 16, 63});
  std::string big = t.sparse("big.img", std::uint64_t(0x10000000) * 512);
  CHECK(error_of(big) == big + ": disk image has 268435456 sectors, more than the LBA28 limit "
                               "of 268435455 sectors (128 GiB)");
}

TEST_CASE("disk image: explicit geometry must be valid and fit the image") {
  TempDir t;
  std::string path = t.file("g.img", patterned_disk(20160));
  CHECK(error_of(path, DiskAccess::read_only, ChsGeometry{100, 16, 63}) ==
        path + ": geometry 100/16/63 needs 100800 sectors but the image has only 20160");
  CHECK(error_of(path, DiskAccess::read_only, ChsGeometry{10, 17, 63}) ==
        path + ": geometry 10/17/63 is invalid (cylinders 1-65535, heads 1-16, sectors 1-255)");
  DiskImage img(path, DiskAccess::read_only, ChsGeometry{300, 4, 16});
  CHECK(img.geometry() == ChsGeometry{300, 4, 16});
}

TEST_CASE("disk image: default geometry from the size") {
  CHECK(DiskImage::geometry_for(20160) == ChsGeometry{20, 16, 63});
  CHECK(DiskImage::geometry_for(1008 * 1000) == ChsGeometry{1000, 16, 63});
  // A 20 MB MFM-era size (615 x 4 x 17 = 41820 sectors) keeps 17 sectors per track.
  ChsGeometry g = DiskImage::geometry_for(41820);
  CHECK(g.sectors == 17);
  CHECK(g.total() == 41820u);
  CHECK(g.cylinders <= 1024);
  // Beyond 1024 cylinders of 16 x 63, the CHS part truncates and LBA covers the tail.
  CHECK(DiskImage::geometry_for(1008 * 5000 + 7) == ChsGeometry{5000, 16, 63});
  CHECK(DiskImage::geometry_for(16514064) == ChsGeometry{16383, 16, 63});
  CHECK(DiskImage::geometry_for(16514064 + 1008) == ChsGeometry{16383, 16, 63});
}

TEST_CASE("disk image: read-only images stay byte-identical after guest WRITE commands") {
  TempDir t;
  std::string path = t.file("ro.img", patterned_disk(2016));
  unsigned long before = crc_of(path);
  Rig r;
  auto img = std::make_unique<DiskImage>(path, DiskAccess::read_only);
  CHECK_FALSE(img->writable());
  std::uint8_t st = guest_write(std::move(img), 3, 2, 0xEE, r);
  CHECK((st & ata::kErr) != 0);
  CHECK(r.in(kError) == ata::kAbrt);
  // The image object itself refuses writes too.
  std::vector<std::uint8_t> sector(512, 0x77);
  CHECK_FALSE(r.ide.image(0)->write_sectors(0, 1, sector));
  CHECK(crc_of(path) == before);
  CHECK(slurp(path) == patterned_disk(2016));
}

TEST_CASE("disk image: snapshot mode keeps guest writes in memory and never touches the file") {
  TempDir t;
  std::string path = t.file("snap.img", patterned_disk(2016));
  unsigned long before = crc_of(path);
  auto mtime = fs::last_write_time(path);
  Rig r;
  std::uint8_t st = guest_write(std::make_unique<DiskImage>(path, DiskAccess::snapshot), 30, 3,
                                0xC3, r);
  CHECK((st & ata::kErr) == 0);
  CHECK(r.ide.image(0)->overlay_sectors() == 3);
  // The guest sees its writes...
  r.lba_command(0x20, 29, 5);
  std::vector<std::uint8_t> got;
  for (int s = 0; s < 5; ++s) {
    r.wait_not_busy();
    REQUIRE((r.status() & ata::kDrq) != 0);
    r.read_words(got, 512);
  }
  auto expect = expected_sectors(29, 1);
  expect.resize(4 * 512, 0xC3);
  auto tail = expected_sectors(33, 1);
  expect.insert(expect.end(), tail.begin(), tail.end());
  CHECK(got == expect);
  // ...the file does not.
  CHECK(crc_of(path) == before);
  CHECK(fs::last_write_time(path) == mtime);
}

TEST_CASE("disk image: read-write mode writes through to the file") {
  TempDir t;
  std::string path = t.file("rw.img", patterned_disk(2016));
  {
    Rig r;
    std::uint8_t st =
        guest_write(std::make_unique<DiskImage>(path, DiskAccess::read_write), 7, 2, 0x42, r);
    CHECK((st & ata::kErr) == 0);
  }
  auto bytes = slurp(path);
  auto expect = patterned_disk(2016);
  std::fill(expect.begin() + 7 * 512, expect.begin() + 9 * 512, 0x42);
  CHECK(bytes == expect);
}

TEST_CASE("disk image: sector I/O outside the disk fails") {
  DiskImage img(patterned_disk(100), DiskAccess::read_write);
  std::vector<std::uint8_t> buf(2 * 512);
  CHECK(img.read_sectors(98, 2, buf));
  CHECK_FALSE(img.read_sectors(99, 2, buf));
  CHECK_FALSE(img.write_sectors(100, 1, buf));
}

TEST_CASE("disk image: C/H/S geometry strings") {
  ChsGeometry g;
  REQUIRE(parse_chs_geometry("615/4/17", g));
  CHECK(g == ChsGeometry{615, 4, 17});
  REQUIRE(parse_chs_geometry("1024,16,63", g));
  CHECK(g == ChsGeometry{1024, 16, 63});
  CHECK_FALSE(parse_chs_geometry("615/4", g));
  CHECK_FALSE(parse_chs_geometry("615/4/17/1", g));
  CHECK_FALSE(parse_chs_geometry("615//17", g));
  CHECK_FALSE(parse_chs_geometry("a/b/c", g));
  CHECK_FALSE(parse_chs_geometry("", g));
  CHECK_FALSE(parse_chs_geometry("99999999999/4/17", g));
}
