// `quartz run` option parsing: values, defaults, and one clear message per bad input.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "machine/config.hpp"

using namespace quartz;

namespace {
ParseStatus parse(std::vector<std::string_view> args, MachineConfig& c, std::string& err) {
  return parse_run_options(args, c, err);
}
}  // namespace

TEST_CASE("run options: values are parsed into the MachineConfig") {
  MachineConfig c;
  std::string err;
  REQUIRE(parse({"--machine", "pc", "--cpu", "8086", "--memory=256", "--disk", "x.img",
                 "--snapshot", "--headless", "--max-seconds", "2.5", "--post-codes",
                 "--rtc", "2024-02-29T23:59:58"},
                c, err) == ParseStatus::kOk);
  CHECK(c.machine == "pc");
  CHECK(c.cpu == CpuModel::i8086);
  CHECK(c.memory_kib == 256u);
  CHECK(c.disk_path == "x.img");
  CHECK(c.disk_mode == DiskMode::kSnapshot);
  CHECK(c.headless);
  CHECK(c.max_seconds == 2.5);
  CHECK(c.post_codes);
  REQUIRE(c.rtc.has_value());
  CHECK(c.rtc->year == 2024);
  CHECK(c.rtc->day == 29);
  CHECK(c.rtc->second == 58);
  CHECK_FALSE(c.default_run);
}

TEST_CASE("run options: no arguments is the default run on the AT") {
  MachineConfig c;
  std::string err;
  REQUIRE(parse({}, c, err) == ParseStatus::kOk);
  CHECK(c.default_run);
  CHECK(c.machine == "at");
  CHECK(c.disk_mode == DiskMode::kReadOnly);
}

TEST_CASE("run options: --program selects the bare board and parses --load") {
  MachineConfig c;
  std::string err;
  REQUIRE(parse({"--program", "p.bin", "--load", "1000:0100"}, c, err) == ParseStatus::kOk);
  CHECK(c.machine == "bare");
  CHECK(c.load_segment == 0x1000);
  CHECK(c.load_offset == 0x0100);
  CHECK(c.debug_port);
}

TEST_CASE("run options: errors name the option and the problem") {
  struct Case {
    std::vector<std::string_view> args;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"--frobnicate"}, "quartz run: unknown option '--frobnicate' (try 'quartz run --help')"},
      {{"--machine", "vax"},
       "quartz run: bad value 'vax' for --machine: unknown machine (expected pc, at or bare)"},
      {{"--cpu", "68000"},
       "quartz run: bad value '68000' for --cpu: unknown CPU (expected 8088, 8086 or 80286)"},
      {{"--memory", "642"},
       "quartz run: bad value '642' for --memory: expected a size in KiB from 64 to 16000, a "
       "multiple of 4"},
      {{"--memory", "16004"},
       "quartz run: bad value '16004' for --memory: expected a size in KiB from 64 to 16000, "
       "a multiple of 4"},
      {{"--memory", "12x"},
       "quartz run: bad value '12x' for --memory: expected a size in KiB from 64 to 16000, a "
       "multiple of 4"},
      {{"--max-seconds", "-1"},
       "quartz run: bad value '-1' for --max-seconds: expected a positive number of seconds"},
      {{"--rtc", "2023-02-29T00:00:00"},
       "quartz run: bad value '2023-02-29T00:00:00' for --rtc: expected a valid date and time "
       "as YYYY-MM-DDTHH:MM:SS"},
      {{"--load", "12345:0"},
       "quartz run: bad value '12345:0' for --load: expected SEG:OFF in hexadecimal, e.g. "
       "0000:7C00"},
      {{"--disk"}, "quartz run: option '--disk' needs a value (IMAGE)"},
      {{"--headless=yes"}, "quartz run: option '--headless' takes no value"},
      {{"--disk", "a.img", "--write", "--snapshot"},
       "quartz run: --write and --snapshot are mutually exclusive"},
      {{"--write"}, "quartz run: --write/--snapshot need --disk IMAGE"},
      {{"--screenshot-at", "3"}, "quartz run: --screenshot-at needs --screenshot FILE.png"},
  };
  for (const auto& k : cases) {
    MachineConfig c;
    std::string err;
    INFO(k.args.front());
    CHECK(parse(k.args, c, err) == ParseStatus::kError);
    CHECK(err == k.message);
  }
}

TEST_CASE("rtc parsing checks the calendar") {
  RtcTime t;
  CHECK(parse_rtc_time("2000-02-29T12:00:00", t));  // 2000 is a leap year (div by 400)
  CHECK_FALSE(parse_rtc_time("2100-02-29T12:00:00", t));  // out of range anyway
  CHECK_FALSE(parse_rtc_time("2023-04-31T12:00:00", t));  // April has 30 days
  CHECK_FALSE(parse_rtc_time("2023-01-01T24:00:00", t));
  CHECK_FALSE(parse_rtc_time("2023-01-01 12:00:00", t));
  CHECK(parse_rtc_time("1999-12-31T23:59:59", t));
  CHECK(t.year == 1999);
  CHECK(t.month == 12);
  CHECK(t.minute == 59);
}

TEST_CASE("help lists every option and the exit statuses") {
  std::string h = run_options_help();
  for (auto opt : {"--machine", "--cpu", "--memory", "--disk", "--write", "--snapshot",
                   "--bios", "--headless", "--max-seconds", "--debug-port", "--post-codes",
                   "--rtc", "--speaker-wav", "--screenshot", "--screenshot-at", "--program",
                   "--load", "--help"})
    CHECK(h.find(opt) != std::string::npos);
  CHECK(h.find("3  the --max-seconds limit was reached") != std::string::npos);
  CHECK(h.find("4  the CPU shut down after a triple fault") != std::string::npos);
}
