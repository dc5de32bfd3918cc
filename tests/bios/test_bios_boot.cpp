// Whole boots of testroms/bios/bootcheck.img on Quartz's BIOS. The boot program calls each
// service and prints "NAME key=value" lines on port E9h; the expected values come from the
// interface documents (IBM PC/AT Technical Reference, Ralf Brown's Interrupt List, Phoenix
// EDD 1.1) and from how the test machine is configured, never from a previous run.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "machine/machine.hpp"

using namespace quartz;

namespace {

std::string image_path() {
  return std::string(QUARTZ_BUILD_DIR) + "/testroms/bios/bootcheck.img";
}

// Boots `preset` with the bootcheck disk and returns the E9h text once "DONE" appears
// (or after 30 emulated seconds).
struct Boot {
  std::string out;
  CpuModel cpu;
  bool has_rtc;  // the preset fitted an MC146818
};

// memory_kib: the --memory setting (0: the preset's default).
Boot boot_with_cpu(const std::string& preset, const std::string& disk = image_path(),
                   std::uint32_t memory_kib = 0);

std::string boot(const std::string& preset, const std::string& disk = image_path()) {
  return boot_with_cpu(preset, disk).out;
}

Boot boot_with_cpu(const std::string& preset, const std::string& disk,
                   std::uint32_t memory_kib) {
  MachineConfig c;
  c.machine = preset;
  if (memory_kib) c.memory_kib = memory_kib;
  c.disk_path = disk;
  c.disk_mode = DiskMode::kSnapshot;  // the write test must not modify the image
  c.headless = true;
  c.debug_port = true;  // the board fits the E9h port only when asked
  c.rtc = RtcTime{2026, 11, 23, 16, 7, 30, 0};
  Machine m(c);
  for (int step = 0; step < 300; ++step) {
    m.run_for(seconds_to_ticks(0.1));
    if (m.debug_output().find("DONE\r\n") != std::string::npos) break;
  }
  return {m.debug_output(), m.cpu().model(), m.cmos() != nullptr};
}

bool has_line(const std::string& out, const std::string& line) {
  return out.find(line + "\r\n") != std::string::npos;
}

std::string line_starting(const std::string& out, const std::string& prefix) {
  const auto at = out.find(prefix);
  if (at == std::string::npos) return {};
  return out.substr(at, out.find('\r', at) - at);
}

// The IDE model's default geometry for a 1 MiB (2048-sector) image is 16 heads and 63
// sectors per track (ATA default translation), so 2048 / (16 * 63) = 2 cylinders. INT 13h
// AH=08h reports the highest cylinder (1) in CH, sectors (63 = 3Fh) in CL, the highest head
// (15) in DH and the number of fixed disks (1) in DL.
void check_common_disk_services(const std::string& out) {
  CHECK(has_line(out, "BOOT ok"));
  CHECK(has_line(out, "INT12 AX=027F"));  // 640 KiB minus the 1 KiB EBDA = 639
  CHECK(has_line(out, "INT13-08 CF=0 CX=013F DX=0F01"));
  CHECK(line_starting(out, "INT13-15 AX=").substr(0, 14) == "INT13-15 AX=03");  // fixed disk
  CHECK(has_line(out, "INT13-41 CF=0 AX=21 BX=AA55 CX=0001"));  // EDD 1.1, subset 1
  CHECK(has_line(out, "INT13-48 CF=0 sectors=00000800 bps=0200"));
  CHECK(has_line(out, "INT13-42 CF=0 data=QUARTZ09"));  // marker written at LBA 9
  CHECK(has_line(out, "INT13-02 CF=0 data=QUARTZ09"));  // CHS 0/0/10 = LBA 9
  CHECK(has_line(out, "INT13-03 CF=0 match=1"));
  CHECK(has_line(out, "INT13-02-BAD CF=1 AX=04"));  // sector 0 does not exist: 04h
  CHECK(has_line(out, "INT13-01 AH=04"));           // last status kept in 40:74h
  CHECK(has_line(out, "INT16-01 ZF=1 flags=00"));   // no key, no shift state
  CHECK(has_line(out, "INT16-05 AL=00 INT16-00 AX=1E61"));
  CHECK(has_line(out, "BDA hd=01 kbbuf=001E,003E"));  // 40:75h, 40:80h/82h
  // 110 ms = 2.003 ticks of 54.925 ms: the tick counter moves by 2 or 3
  const std::string wait = line_starting(out, "INT15-86 ");
  CHECK((wait == "INT15-86 CF=0 ticks=0002" || wait == "INT15-86 CF=0 ticks=0003"));
  // INT 11h: bits 5-4 = 10b, initial video mode 80x25 colour
  const std::string eq = line_starting(out, "INT11 AX=");
  REQUIRE(eq.size() == 13);
  CHECK((std::stoul(eq.substr(9), nullptr, 16) & 0x30) == 0x20);
  CHECK(has_line(out, "DONE"));
}

}  // namespace

TEST_CASE("bootcheck on the AT preset: disk, memory, keyboard, RTC and system services") {
  const Boot b = boot_with_cpu("at");
  const std::string& out = b.out;
  INFO(out);
  // POST's CPU identification (FLAGS bits 12-15) and board detection (8042 at port 64h)
  // The preset is an IBM 5170: an 80286 on the AT board.
  CHECK(b.cpu == CpuModel::i80286);
  CHECK(has_line(out, "CPU: 80286, AT board"));
  // INT 15h AH=87h with 640 KiB and nothing above 1 MiB. The documented failure statuses
  // are only 01h (RAM parity error), 02h (exception interrupt) and 03h (A20 gating failed)
  // (Ralf Brown's Interrupt List, INT 15h/AH=87h); none says "no memory there", and
  // neither a write nor a read of an address no RAM decodes raises one of them: the write
  // is lost and the read returns the open bus (FFh). So the move reports success (AH=00h,
  // CF=0) but the 512 bytes read back from 1 MiB do not match.
  CHECK(has_line(out, "INT15-87 CF=0 AX=00 match=0"));
  check_common_disk_services(out);
  CHECK(has_line(out, "INT15-C0 CF=0 model=FC"));
  CHECK(has_line(out, "INT15-88 CF=0 AX=0000"));  // the board has no extended memory
  CHECK(has_line(out, "INT15-24 CF=0 on=01 off=00"));  // A20 via the 8042 output port
  // RTC started at 2026-11-23 16:07:30: BCD hours/minutes, century/year, month/day
  CHECK(has_line(out, "INT1A-02 CF=0 CX=1607"));
  CHECK(has_line(out, "INT1A-04 CF=0 CX=2026 DX=1123"));
  // POST loads 40:6Ch from the RTC (IBM AT): 16:07:30 = 58050 s x 1193180/65536 Hz
  // = 1056888 ticks, plus the ticks of the few emulated seconds the boot takes (< 10 s).
  const std::string ticks = line_starting(out, "INT1A-00 ticks=");
  REQUIRE(ticks.size() == 23);
  const unsigned long t = std::stoul(ticks.substr(15), nullptr, 16);
  CHECK(t >= 1056888);
  CHECK(t <= 1056888 + 182);
  // set 12:34:56 and 2027-01-02 (AH=03h/05h), read back with AH=02h/04h
  CHECK(has_line(out, "INT1A-03 CF=0 CX=1234 INT1A-05 CF=0 CX=2027 DX=0102"));
}

TEST_CASE("bootcheck on the AT preset with extended memory: INT 15h block move and size") {
  // --memory 1024: 640 KiB conventional + 384 KiB (180h) extended RAM from 1 MiB.
  const Boot b = boot_with_cpu("at", image_path(), 1024);
  const std::string& out = b.out;
  INFO(out);
  CHECK(has_line(out, "CPU: 80286, AT board"));
  CHECK(has_line(out, "INT15-88 CF=0 AX=0180"));  // extended memory in KiB (RBIL AH=88h)
  CHECK(has_line(out, "INT15-87 CF=0 AX=00 match=1"));  // 512 bytes to 1 MiB and back
  CHECK(has_line(out, "INT12 AX=027F"));  // conventional memory unchanged
  CHECK(has_line(out, "DONE"));
}

TEST_CASE("bootcheck on the AT board with an 8086: no protected mode for INT 15h AH=87h") {
  MachineConfig c;
  c.machine = "at";
  c.cpu = CpuModel::i8086;  // --cpu 8086 on the AT board
  c.disk_path = image_path();
  c.disk_mode = DiskMode::kSnapshot;
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  for (int step = 0; step < 300; ++step) {
    m.run_for(seconds_to_ticks(0.1));
    if (m.debug_output().find("DONE\r\n") != std::string::npos) break;
  }
  const std::string out = m.debug_output();
  INFO(out);
  CHECK(has_line(out, "CPU: 8086/8088, AT board"));
  CHECK(has_line(out, "INT15-87 CF=1 AX=86"));  // AH=86h: function not supported
  CHECK(has_line(out, "DONE"));
}

TEST_CASE("bootcheck on the PC preset: 8088 paths, no 8042 services") {
  const Boot b = boot_with_cpu("pc");
  const std::string& out = b.out;
  INFO(out);
  CHECK(has_line(out, "CPU: 8086/8088, PC/XT board"));  // port 64h floats on the PC
  check_common_disk_services(out);
  CHECK(has_line(out, "INT15-C0 CF=0 model=FF"));
  CHECK(line_starting(out, "INT15-88 ").substr(0, 17) == "INT15-88 CF=1 AX=");
  CHECK(has_line(out, "INT15-87 CF=1 AX=86"));  // 8088: no protected mode
  // The PC has no RTC of its own; the preset may fit one (found by POST on any board).
  if (b.has_rtc) {
    CHECK(has_line(out, "INT1A-04 CF=0 CX=2026 DX=1123"));
  } else {
    CHECK(line_starting(out, "INT1A-02 ").substr(0, 13) == "INT1A-02 CF=1");
  }
  CHECK(line_starting(out, "INT15-24 ").substr(0, 13) == "INT15-24 CF=1");  // no 8042, no A20
}

TEST_CASE("a 2 GiB disk gets the LBA-assist translated geometry") {
  // Sparse copy of bootcheck.img's first sectors at the start of a 2 GiB image.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "quartz-test-bios-bigdisk";
  fs::create_directories(dir);
  const fs::path big = dir / "big.img";
  {
    std::ifstream src(image_path(), std::ios::binary);
    std::vector<char> head(16 * 512);
    src.read(head.data(), std::streamsize(head.size()));
    REQUIRE(src.good());
    std::ofstream dst(big, std::ios::binary | std::ios::trunc);
    dst.write(head.data(), std::streamsize(head.size()));
  }
  fs::resize_file(big, std::uintmax_t(2) << 30);
  const std::string out = boot("at", big.string());
  std::error_code ec;
  fs::remove_all(dir, ec);
  INFO(out);
  // 4194304 sectors. The drive's own geometry has 4161 cylinders of 16 x 63, more than
  // INT 13h's 1024, so the BIOS keeps 63 sectors and doubles the heads until the cylinders
  // fit: 16 -> 4161, 32 -> 2080, 64 -> 1040, 128 -> 520. AH=08h: highest cylinder 519 =
  // 207h -> CH = 07h, CL = 63 | (2 << 6) = BFh; DH = 127 = 7Fh; DL = 1 drive.
  CHECK(has_line(out, "INT13-08 CF=0 CX=07BF DX=7F01"));
  CHECK(has_line(out, "INT13-48 CF=0 sectors=00400000 bps=0200"));
  CHECK(has_line(out, "INT13-42 CF=0 data=QUARTZ09"));
  CHECK(has_line(out, "INT13-02 CF=0 data=QUARTZ09"));
  CHECK(has_line(out, "INT13-03 CF=0 match=1"));
  CHECK(has_line(out, "DONE"));
}
