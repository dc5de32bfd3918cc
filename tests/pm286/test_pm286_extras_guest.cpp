// Guest programs for the 80286 extras (testroms/pm286/pm286_extras.asm, rm_shutdown.asm) on
// Quartz's 80286: LOADALL, I/O privilege from ring 3 and shutdown. Every check inside the
// guest was written from the 80286 Programmer's Reference Manual, the 80286 datasheet and
// the LOADALL documentation; both programs end in a shutdown, which the AT board turns into
// a CPU reset and `quartz run` reports as a triple fault (exit status 4, docs/user-guide.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "tests/machine/run_quartz.hpp"

using namespace quartz::test;

namespace {
std::string rom(const char* name) {
  return (std::filesystem::path(QUARTZ_BUILD_DIR) / "testroms" / "pm286" / name).string();
}
}  // namespace

TEST_CASE("pm286_extras.bin passes every LOADALL and IOPL check, then triple-faults") {
  const auto r = run_quartz({"run", "--machine", "at", "--cpu", "80286", "--memory", "2048",
                             "--program", rom("pm286_extras.bin"), "--debug-port",
                             "--max-seconds", "10"},
                            scratch_dir("pm286-extras-guest"));
  INFO(r.out << r.err);
  CHECK(r.out.find("FAIL") == std::string::npos);
  CHECK(r.out.find("pm286_extras: 58 passed, 0 failed") != std::string::npos);
  CHECK(r.out.find("pm286_extras: triple fault next") != std::string::npos);
  // The shutdown ends the run as a triple fault: exit status 4 and one line on stderr.
  CHECK(r.status == 4);
  CHECK(r.err.find("triple fault") != std::string::npos);
}

TEST_CASE("a real-mode shutdown (exception 8 beyond the IDT limit) ends the run with status 4") {
  for (const char* machine : {"at", "bare"}) {
    INFO(machine);
    const auto r = run_quartz({"run", "--machine", machine, "--cpu", "80286", "--program",
                               rom("rm_shutdown.bin"), "--debug-port", "--max-seconds", "5"},
                              scratch_dir(std::string("rm-shutdown-") + machine));
    INFO(r.out << r.err);
    CHECK(r.out.find("rm_shutdown: INT 3 with an IDT limit of 0") != std::string::npos);
    CHECK(r.out.find("FAIL") == std::string::npos);
    CHECK(r.status == 4);
    CHECK(r.err.find("triple fault") != std::string::npos);
  }
}
