// `quartz bench` command line: the CPU and video workloads run and report, bad values are
// usage errors (exit 2, one line naming the option).
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/machine/run_quartz.hpp"

using namespace quartz::test;

TEST_CASE("quartz bench --video reports the rendering cost of both modes") {
  const auto r = run_quartz({"bench", "--video", "--seconds", "0.3"}, scratch_dir("bench-video"));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("03h") != std::string::npos);
  CHECK(r.out.find("13h") != std::string::npos);
}

TEST_CASE("quartz bench rejects bad option values with one line") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"bench", "--seconds", "abc"},
           {"bench", "--seconds", "0"},
           {"bench", "--instructions", "-5"},
           {"bench", "--cpu", "z80"},
           {"bench", "--frobnicate"}}) {
    const auto r = run_quartz(args, scratch_dir("bench-bad"));
    INFO(args[1] << " -> " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.rfind("quartz bench: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}
