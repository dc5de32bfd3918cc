// Disk modes end to end: disk_write.img's boot sector writes LBA 1 through INT 13h AH=03h
// (byte i = (i*7+3) & 0xFF, see testroms/demo/disk_write.asm) and reads it back.
//   read-only (default): the write fails for the guest, the file is byte-for-byte unchanged;
//   --snapshot: the guest sees its write, the file is unchanged;
//   --write: the file's sector 1 holds the pattern, nothing else changed.
#include <catch2/catch.hpp>

#include <filesystem>

#include "run_quartz.hpp"

using namespace quartz::test;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path dir = scratch_dir("disk");
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

fs::path fresh_copy(const fs::path& dir, const std::string& name) {
  fs::path src = fs::path(QUARTZ_BUILD_DIR) / "testroms/demo/disk_write.img";
  fs::path dst = dir / name;
  fs::copy_file(src, dst, fs::copy_options::overwrite_existing);
  return dst;
}

}  // namespace

TEST_CASE("a read-only disk refuses the guest's write and is never modified") {
  Scratch s;
  auto img = fresh_copy(s.dir, "ro.img");
  const std::string before = slurp(img);
  auto r = run_quartz({"run", "--disk", img.string(), "--debug-port", "--max-seconds", "10"},
                      s.dir);
  CHECK(r.status == 0);
  CHECK(r.out.find("write: error AH=") != std::string::npos);
  CHECK(r.out.find("write: ok") == std::string::npos);
  CHECK(slurp(img) == before);
}

TEST_CASE("a snapshot disk takes the guest's write in memory only") {
  Scratch s;
  auto img = fresh_copy(s.dir, "snap.img");
  const std::string before = slurp(img);
  auto r = run_quartz(
      {"run", "--disk", img.string(), "--snapshot", "--debug-port", "--max-seconds", "10"},
      s.dir);
  CHECK(r.status == 0);
  CHECK(r.out.find("write: ok\r\nread back: match\r\n") != std::string::npos);
  CHECK(slurp(img) == before);
}

TEST_CASE("a writable disk receives exactly the sector the guest wrote") {
  Scratch s;
  auto img = fresh_copy(s.dir, "rw.img");
  std::string expected = slurp(img);
  for (int i = 0; i < 512; ++i) expected[512 + i] = char((i * 7 + 3) & 0xFF);
  auto r = run_quartz(
      {"run", "--disk", img.string(), "--write", "--debug-port", "--max-seconds", "10"}, s.dir);
  CHECK(r.status == 0);
  CHECK(r.out.find("write: ok\r\nread back: match\r\n") != std::string::npos);
  const std::string after = slurp(img);
  CHECK(after.size() == expected.size());
  CHECK(after == expected);
}
