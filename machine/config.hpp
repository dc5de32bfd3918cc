#pragma once
// What to build and how to run it: the options of `quartz run`, parsed from the command
// line (parse_run_options) and consumed by Machine and the runner. Plain data, no defaults
// hidden elsewhere: an empty path means "the bundled one".
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cpu/cpu.hpp"
#include "devices/cmos.hpp"  // RtcTime

namespace quartz {

enum class DiskMode : std::uint8_t {
  kReadOnly,  // guest writes fail (the image is never modified)
  kWrite,     // guest writes go to the image file (--write)
  kSnapshot,  // guest writes are kept in memory and discarded at exit (--snapshot)
};

struct MachineConfig {
  std::string machine = "at";              // preset name (machine/presets.hpp)
  std::optional<CpuModel> cpu;             // --cpu; default: the preset's
  std::optional<std::uint32_t> memory_kib; // --memory; default: the preset's

  std::string disk_path;                   // --disk (empty: none, or the demo disk)
  DiskMode disk_mode = DiskMode::kReadOnly;
  std::string bios_path;                   // --bios (empty: Quartz's own BIOS)
  std::string vga_bios_path;               // --vga-bios (empty: Quartz's own VGA BIOS)

  // --program FILE.bin [--load SEG:OFF]: a flat binary loaded into RAM and started at
  // SEG:OFF with DS=ES=SS=SEG and SP=OFF, no BIOS.
  std::string program_path;
  std::uint16_t load_segment = 0x0000;
  std::uint16_t load_offset = 0x7C00;

  bool headless = false;                   // --headless (or no DISPLAY/WAYLAND_DISPLAY)
  double max_seconds = 0;                  // --max-seconds (emulated; 0 = no limit)
  bool debug_port = false;                 // --debug-port: E9h to stdout, 8900h shutdown
  bool post_codes = false;                 // --post-codes: port 80h writes to stderr
  std::optional<RtcTime> rtc;              // --rtc; default: host local time
  std::string speaker_wav;                 // --speaker-wav FILE
  std::string screenshot;                  // --screenshot FILE.png
  double screenshot_at = 0;                // --screenshot-at SECONDS (0: at the end)
  bool screenshot_aspect = false;          // --screenshot-aspect: scale the PNG to 4:3

  bool default_run = false;                // no disk or program given: boot the demo disk
};

enum class ParseStatus : std::uint8_t { kOk, kHelp, kError };

// Parses the options of `quartz run`. On kError, `error` holds one line naming the option
// and the problem. Does not touch the file system (files are checked when the machine is
// built).
ParseStatus parse_run_options(std::span<const std::string_view> args, MachineConfig& out,
                              std::string& error);

// The --help text of `quartz run`.
std::string run_options_help();

// Parses "YYYY-MM-DDTHH:MM:SS"; false on malformed text or out-of-range fields.
bool parse_rtc_time(std::string_view text, RtcTime& out);

}  // namespace quartz
