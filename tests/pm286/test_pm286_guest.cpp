// The protected-mode guest program (testroms/pm286/pm286.asm) on Quartz's 80286: every check
// it makes was written from the 80286 Programmer's Reference Manual (docs/pm286.md), so the
// whole run must report no failure.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "tests/machine/run_quartz.hpp"

using namespace quartz::test;

TEST_CASE("pm286.bin passes every protected-mode check on the 80286 core") {
  const auto program =
      std::filesystem::path(QUARTZ_BUILD_DIR) / "testroms" / "pm286" / "pm286.bin";
  const auto r = run_quartz({"run", "--machine", "bare", "--cpu", "80286", "--program",
                             program.string(), "--debug-port", "--max-seconds", "10"},
                            scratch_dir("pm286-guest"));
  INFO(r.out << r.err);
  CHECK(r.status == 0);  // the program powers off through port 8900h
  CHECK(r.out.find("FAIL") == std::string::npos);
  CHECK(r.out.find("pm286: 99 passed, 0 failed") != std::string::npos);
}
