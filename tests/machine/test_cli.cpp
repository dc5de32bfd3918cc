// The `quartz run` command-line contract: bad options, missing or malformed files each give
// one line naming the option/file and the problem, exit status 2, and never modify a disk
// image (content hashed before and after).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "run_quartz.hpp"

using namespace quartz::test;
namespace fs = std::filesystem;

namespace {

void write_bytes(const fs::path& p, std::size_t n, char fill = 0) {
  std::ofstream f(p, std::ios::binary);
  std::string data(n, fill);
  f.write(data.data(), std::streamsize(data.size()));
}

std::size_t content_hash(const fs::path& p) { return std::hash<std::string>{}(slurp(p)); }

struct Scratch {
  fs::path dir = scratch_dir("cli");
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("quartz run --help documents the options and exit statuses") {
  Scratch s;
  auto r = run_quartz({"run", "--help"}, s.dir);
  CHECK(r.status == 0);
  CHECK(r.out.find("--max-seconds N") != std::string::npos);
  CHECK(r.out.find("3  the --max-seconds limit was reached") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("quartz run: bad options exit 2 with one message") {
  Scratch s;
  auto r = run_quartz({"run", "--frobnicate"}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: unknown option '--frobnicate' (try 'quartz run --help')\n");
  r = run_quartz({"run", "--memory", "lots"}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err ==
        "quartz run: bad value 'lots' for --memory: expected a size in KiB from 64 to 16000, a "
        "multiple of 4\n");
  r = run_quartz({"run", "--machine"}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: option '--machine' needs a value (pc|at|bare)\n");
}

TEST_CASE("quartz run: missing or malformed BIOS and program files exit 2") {
  Scratch s;
  auto missing = (s.dir / "nope.bin").string();
  auto r = run_quartz({"run", "--bios", missing}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: BIOS image '" + missing + "': no such file\n");

  auto odd = s.dir / "odd.rom";
  write_bytes(odd, 1000, '\xFF');
  r = run_quartz({"run", "--bios", odd.string()}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: BIOS image '" + odd.string() +
                     "': size 1000 bytes is not 8, 16, 32, 64 or 128 KiB\n");

  r = run_quartz({"run", "--program", missing}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: program '" + missing + "': no such file\n");

  auto empty = s.dir / "empty.bin";
  write_bytes(empty, 0);
  r = run_quartz({"run", "--program", empty.string()}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: program '" + empty.string() + "': file is empty\n");

  // 64 KiB at 9000:0000 ends past 640 KiB.
  auto big = s.dir / "big.bin";
  write_bytes(big, 65536, '\x90');
  r = run_quartz({"run", "--program", big.string(), "--load", "9800:0"}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: program '" + big.string() +
                     "': 65536 bytes loaded at 9800:0000 do not fit in 640 KiB of RAM\n");
}

TEST_CASE("quartz run: bad disk images exit 2 and are never written") {
  Scratch s;
  // A valid-sized BIOS so the disk is what fails.
  auto bios = s.dir / "bios.rom";
  write_bytes(bios, 65536, '\xF4');

  auto missing = (s.dir / "missing.img").string();
  auto r = run_quartz({"run", "--bios", bios.string(), "--disk", missing}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: " + missing + ": disk image not found\n");
  CHECK_FALSE(fs::exists(missing));  // --disk never creates a file

  r = run_quartz({"run", "--bios", bios.string(), "--disk", s.dir.string()}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: " + s.dir.string() + ": is a directory, not a disk image\n");

  for (std::size_t size : {std::size_t(0), std::size_t(1000), std::size_t(512 * 3 + 7)}) {
    for (const char* mode : {"--write", "--snapshot", ""}) {
      auto img = s.dir / ("bad" + std::to_string(size) + ".img");
      write_bytes(img, size, '\x5A');
      auto before = content_hash(img);
      auto mtime = fs::last_write_time(img);
      std::vector<std::string> args{"run", "--bios", bios.string(), "--disk", img.string()};
      if (*mode) args.push_back(mode);
      r = run_quartz(args, s.dir);
      INFO("size " << size << " mode " << mode);
      CHECK(r.status == 2);
      // One line, starting with the file name.
      CHECK(r.err.rfind("quartz run: " + img.string() + ": ", 0) == 0);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      CHECK(fs::file_size(img) == size);
      CHECK(content_hash(img) == before);
      CHECK(fs::last_write_time(img) == mtime);
    }
  }
}

TEST_CASE("quartz run: options needing a chip the board lacks are refused") {
  Scratch s;
  auto img = s.dir / "ok.img";
  write_bytes(img, 512 * 1008);
  auto before = content_hash(img);
  auto r = run_quartz({"run", "--machine", "bare", "--disk", img.string()}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: --disk: the 'bare' machine has no disk controller\n");
  CHECK(content_hash(img) == before);
  auto hello = std::string(QUARTZ_BUILD_DIR) + "/testroms/hello/hello.bin";
  r = run_quartz({"run", "--program", hello, "--rtc", "2020-01-01T00:00:00"}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: --rtc: the 'bare' machine has no real-time clock\n");
  auto wav = s.dir / "x.wav";
  r = run_quartz({"run", "--program", hello, "--speaker-wav", wav.string()}, s.dir);
  CHECK(r.status == 2);
  CHECK(r.err == "quartz run: --speaker-wav: the 'bare' machine has no speaker\n");
  CHECK_FALSE(fs::exists(wav));
}
