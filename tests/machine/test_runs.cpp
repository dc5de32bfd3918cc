// Whole runs on the real CPU core: the bundled hello program (expected text computed from
// its source: sum 1..100 = 100*101/2, the 25 primes below 100, F(24) = 46368), two machines
// side by side in one process, the time limit, and the demo disk booting on Quartz's BIOS.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include <fmt/core.h>

#include "machine/headless_runner.hpp"
#include "machine/machine.hpp"
#include "run_quartz.hpp"

using namespace quartz;
using namespace quartz::test;
namespace fs = std::filesystem;

namespace {

const std::string kHelloText =
    "Hello from Quartz!\n"
    "sum 1..100 = 5050\n"
    "primes below 100 = 25\n"
    "F(24) = 46368\n";

std::string hello_path() { return std::string(QUARTZ_BUILD_DIR) + "/testroms/hello/hello.bin"; }
std::string demo_path() { return std::string(QUARTZ_BUILD_DIR) + "/testroms/demo/demo.img"; }

MachineConfig hello_config() {
  MachineConfig c;
  c.machine = "bare";
  c.program_path = hello_path();
  return c;
}

struct Scratch {
  fs::path dir = scratch_dir("runs");
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::size_t content_hash(const fs::path& p) { return std::hash<std::string>{}(slurp(p)); }

}  // namespace

TEST_CASE("hello.bin runs on the bare board and prints its results on port E9h") {
  Machine m(hello_config());
  RunResult r = m.run_until(seconds_to_ticks(1.0));
  CHECK(r.stop == RunStop::kShutdownPort);
  CHECK(m.debug_output() == kHelloText);
  // The 8088 at 4.77 MHz needs well under a tenth of a second for this.
  CHECK(ticks_to_seconds(r.at) < 0.1);
  CHECK(ticks_to_seconds(r.at) > 0.0);
}

TEST_CASE("quartz run --program prints the program's output and exits 0") {
  Scratch s;
  auto r = run_quartz({"run", "--program", hello_path(), "--headless"}, s.dir);
  CHECK(r.status == 0);
  CHECK(r.out == kHelloText);
  CHECK(r.err.empty());
  // hello.asm is assembled for offset 7C00h; any segment works (DS = CS), here 17C00h.
  r = run_quartz({"run", "--program", hello_path(), "--load", "1000:7C00", "--cpu", "8086"},
                 s.dir);
  CHECK(r.status == 0);
  CHECK(r.out == kHelloText);
}

TEST_CASE("two machines run interleaved in one process without sharing state") {
  MachineConfig c88 = hello_config();
  MachineConfig c86 = hello_config();
  c86.cpu = CpuModel::i8086;
  c86.load_segment = 0x2000;
  Machine a(c88), b(c86);
  const Tick slice = seconds_to_ticks(0.001);
  RunResult ra, rb;
  bool a_done = false, b_done = false;
  for (int i = 0; i < 1000 && !(a_done && b_done); ++i) {
    if (!a_done) a_done = (ra = a.run_for(slice)).stop == RunStop::kShutdownPort;
    if (!b_done) b_done = (rb = b.run_for(slice)).stop == RunStop::kShutdownPort;
  }
  REQUIRE(a_done);
  REQUIRE(b_done);
  CHECK(a.debug_output() == kHelloText);
  CHECK(b.debug_output() == kHelloText);
  CHECK(a.cpu().model() == CpuModel::i8088);
  CHECK(b.cpu().model() == CpuModel::i8086);
  // Each program sits only in its own machine's memory.
  CHECK(a.bus().read8(0x7C00) == b.bus().read8(0x27C00));
  CHECK(a.bus().read8(0x27C00) == 0);
  CHECK(b.bus().read8(0x7C00) == 0);
  // Interleaving does not change a run: a fresh machine alone finishes at the same tick.
  Machine alone(c88);
  CHECK(alone.run_until(seconds_to_ticks(1.0)).at == ra.at);
}

TEST_CASE("the emulated time limit ends a run with exit status 3") {
  Scratch s;
  auto prog = s.dir / "spin.bin";
  {
    std::ofstream f(prog, std::ios::binary);
    f.write("\xEB\xFE", 2);  // JMP $
  }
  auto r = run_quartz({"run", "--program", prog.string(), "--max-seconds", "0.05"}, s.dir);
  CHECK(r.status == 3);
  CHECK(r.err == "quartz run: time limit of 0.05 emulated seconds reached\n");
  CHECK(r.out.empty());

  // In-process: the runner stops at the limit, not before.
  MachineConfig c;
  c.machine = "bare";
  c.program_path = prog.string();
  Machine m(c);
  HeadlessOptions o;
  o.max_seconds = 0.02;
  o.out = std::tmpfile();
  o.err = std::tmpfile();
  CHECK(run_headless(m, o) == kRunExitTimeLimit);
  CHECK(m.now() >= seconds_to_ticks(0.02));
  CHECK(m.now() < seconds_to_ticks(0.02) + 100);
  std::fclose(o.out);
  std::fclose(o.err);
}

TEST_CASE("the default run boots the demo disk on Quartz's BIOS and prints its report") {
  Scratch s;
  auto before = content_hash(demo_path());
  auto r = run_quartz({"run"}, s.dir);
  CHECK(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("Quartz demo: boot sector loaded, reading the program") != std::string::npos);
  // The image is 2016 sectors = 2 cylinders x 16 heads x 63 sectors (testroms/demo/demo.asm).
  CHECK(r.out.find("boot drive 80h: cylinders=2 heads=16 sectors=63") != std::string::npos);
  CHECK(r.out.find("boot sector re-read: signature 55AA ok") != std::string::npos);
  CHECK(r.out.find("conventional memory: 6") != std::string::npos);
  CHECK(r.out.find("keyboard: no key waiting") != std::string::npos);
  CHECK(r.out.find("demo complete") != std::string::npos);
  // 4 BIOS ticks are 4 x 65536 PIT clocks (channel 0 divisor 0); the measurement's only
  // error is the polling latency at both ends, far below 0.5%.
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex("PIT clocks over 4 BIOS ticks: ([0-9]+)")));
  long pit = std::stol(m[1]);
  CHECK(pit > 262144 - 1300);
  CHECK(pit < 262144 + 1300);
  CHECK(content_hash(demo_path()) == before);  // read-only by default
}

TEST_CASE("the demo disk also boots on the PC preset") {
  Scratch s;
  auto r = run_quartz({"run", "--machine", "pc", "--disk", demo_path(), "--debug-port",
                       "--max-seconds", "10"},
                      s.dir);
  CHECK(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("signature 55AA ok") != std::string::npos);
  CHECK(r.out.find("demo complete") != std::string::npos);
}

TEST_CASE("the --rtc option sets the clock the demo reads through INT 1Ah") {
  Scratch s;
  auto r = run_quartz({"run", "--rtc", "2024-05-06T07:08:09"}, s.dir);
  CHECK(r.status == 0);
  INFO(r.out);
  // The boot takes about a second of emulated time; the RTC keeps counting from 07:08:09.
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex("RTC: 2024-05-06 07:08:([0-9]{2})")));
  int sec = std::stoi(m[1]);
  CHECK(sec >= 9);
  CHECK(sec <= 12);
}

TEST_CASE("the --post-codes option prints the BIOS's POST stages on stderr in order") {
  Scratch s;
  auto r = run_quartz({"run", "--post-codes"}, s.dir);
  CHECK(r.status == 0);
  // bios/system/post.inc writes stages 01h..10h to port 80h in sequence before booting.
  std::size_t pos = 0;
  for (int code = 0x01; code <= 0x10; ++code) {
    std::string line = fmt::format("POST {:02X}h\n", code);
    INFO(line);
    auto at = r.err.find(line, pos);
    CHECK(at != std::string::npos);
    if (at != std::string::npos) pos = at + line.size();
  }
  // Without the option no POST codes are printed.
  r = run_quartz({"run"}, s.dir);
  CHECK(r.err.find("POST ") == std::string::npos);
}

TEST_CASE("the memory size reaches the BIOS and the guest on both boards") {
  Scratch s;
  // INT 12h reports the conventional memory the board has, less the 1 KiB the BIOS keeps
  // at the top for its extended data area (the full size shows in the POST banner).
  for (auto [machine, kib] : {std::pair{"at", 256}, std::pair{"pc", 128}}) {
    auto r = run_quartz({"run", "--machine", machine, "--memory", std::to_string(kib)}, s.dir);
    INFO(machine << " " << kib << "\n" << r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find(fmt::format("Memory: {} KiB conventional", kib)) != std::string::npos);
    CHECK(r.out.find(fmt::format("conventional memory: {} KiB", kib - 1)) != std::string::npos);
  }
}

TEST_CASE("an interrupted run (SIGINT) stops cleanly and closes its WAV file") {
  Scratch s;
  auto prog = s.dir / "spin.bin";
  {
    std::ofstream f(prog, std::ios::binary);
    f.write("\xEB\xFE", 2);  // JMP $
  }
  auto wav = s.dir / "spin.wav";
  auto err = s.dir / "err.txt";
  // No time limit: only the signal ends it.
  std::string cmd = "cd " + shell_quote(s.dir.string()) + " && " +
                    shell_quote(std::string(QUARTZ_BUILD_DIR) + "/quartz") +
                    " run --machine at --program " + shell_quote(prog.string()) +
                    " --speaker-wav " + shell_quote(wav.string()) + " 2>" +
                    shell_quote(err.string()) +
                    " & pid=$!; sleep 0.5; kill -INT $pid; wait $pid";
  int raw = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 130);
  CHECK(slurp(err).rfind("quartz run: interrupted after ", 0) == 0);
  // The RIFF size field was patched when the file was closed: file size - 8.
  std::string d = slurp(wav);
  REQUIRE(d.size() >= 44);
  std::uint32_t riff = std::uint8_t(d[4]) | std::uint8_t(d[5]) << 8 | std::uint8_t(d[6]) << 16 |
                       std::uint32_t(std::uint8_t(d[7])) << 24;
  CHECK(riff == d.size() - 8);
}

TEST_CASE("a PIT interrupt reaches the CPU on time through the PIC (timer_irq.bin)") {
  MachineConfig c;
  c.machine = "at";
  c.program_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/hello/timer_irq.bin";
  Machine m(c);
  std::vector<std::pair<char, Tick>> bytes;
  m.set_debug_sink([&](char ch) { bytes.emplace_back(ch, m.now()); });
  RunResult r = m.run_until(seconds_to_ticks(0.1));
  CHECK(r.stop == RunStop::kShutdownPort);
  REQUIRE(bytes.size() == 2);
  CHECK(bytes[0].first == 'S');
  CHECK(bytes[1].first == 'I');
  const Tick gap = bytes[1].second - bytes[0].second;
  // Mode 0 with count 1000: OUT0 rises 1001 PIT clocks (x12 ticks) after the count write;
  // 'S' is written two instructions (under 30 clocks) after that write, and the handler's
  // 'I' follows HLT wake-up, the two INTA cycles, the vectoring and one MOV (well under 130
  // clocks of the 8 MHz CPU, 315/176 ticks each).
  CHECK(gap > 1001 * 12 - 60);
  CHECK(gap < 1001 * 12 + 250);
}

TEST_CASE("the --bios option alone boots the demo disk on that BIOS") {
  Scratch s;
  // Quartz's own PC BIOS image given explicitly to the AT board: the demo still boots.
  auto r = run_quartz({"run", "--bios", std::string(QUARTZ_BUILD_DIR) + "/bios/quartz-bios-pc.bin"},
                      s.dir);
  CHECK(r.status == 0);
  CHECK(r.out.find("demo complete") != std::string::npos);
}
