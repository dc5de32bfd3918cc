#include "machine/config.hpp"

#include <charconv>
#include <cmath>
#include <functional>

#include <fmt/core.h>

#include "machine/presets.hpp"

namespace quartz {

namespace {

bool parse_uint(std::string_view s, std::uint64_t& out, int base = 10) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parse_seconds(std::string_view s, double& out) {
  if (s.empty()) return false;
  std::string tmp(s);
  char* end = nullptr;
  double v = std::strtod(tmp.c_str(), &end);
  if (end != tmp.c_str() + tmp.size() || !std::isfinite(v) || v <= 0 || v > 1e6) return false;
  out = v;
  return true;
}

// SEG:OFF in hexadecimal (e.g. 0000:7C00 or 1000:0).
bool parse_seg_off(std::string_view s, std::uint16_t& seg, std::uint16_t& off) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  std::uint64_t a, b;
  if (!parse_uint(s.substr(0, colon), a, 16) || !parse_uint(s.substr(colon + 1), b, 16))
    return false;
  if (a > 0xFFFF || b > 0xFFFF) return false;
  seg = std::uint16_t(a);
  off = std::uint16_t(b);
  return true;
}

using Setter = std::function<bool(MachineConfig&, std::string_view value, std::string& why)>;

struct Option {
  std::string_view name;
  std::string_view value_name;  // empty: a flag without value
  std::string_view help;
  Setter set;
};

const std::vector<Option>& options() {
  static const std::vector<Option> kOptions{
      {"--machine", "pc|at|bare", "machine preset (default: at)",
       [](MachineConfig& c, std::string_view v, std::string& why) {
         if (!find_preset(v)) {
           why = "unknown machine (expected pc, at or bare)";
           return false;
         }
         c.machine = std::string(v);
         return true;
       }},
      {"--cpu", "8088|8086|80286", "CPU model (default: the preset's)",
       [](MachineConfig& c, std::string_view v, std::string& why) {
         CpuModel m;
         if (!parse_cpu_model(v, m)) {
           why = "unknown CPU (expected 8088, 8086 or 80286)";
           return false;
         }
         c.cpu = m;
         return true;
       }},
      {"--memory", "KiB",
       "RAM, 64-16000 by 4 (default 640); above 640: extended memory (80286)",
       [](MachineConfig& c, std::string_view v, std::string& why) {
         std::uint64_t k;
         if (!parse_uint(v, k) || k < 64 || k > 16000 || k % 4) {
           why = "expected a size in KiB from 64 to 16000, a multiple of 4";
           return false;
         }
         c.memory_kib = std::uint32_t(k);
         return true;
       }},
      {"--disk", "IMAGE", "raw hard-disk image on the primary IDE channel",
       [](MachineConfig& c, std::string_view v, std::string&) {
         c.disk_path = std::string(v);
         return true;
       }},
      {"--write", "", "let the guest write to the disk image (default: read-only)",
       [](MachineConfig& c, std::string_view, std::string&) {
         c.disk_mode = DiskMode::kWrite;
         return true;
       }},
      {"--snapshot", "", "keep guest disk writes in memory, discarded at exit",
       [](MachineConfig& c, std::string_view, std::string&) {
         c.disk_mode = DiskMode::kSnapshot;
         return true;
       }},
      {"--bios", "FILE", "system BIOS image mapped to end at FFFFFh (default: Quartz BIOS)",
       [](MachineConfig& c, std::string_view v, std::string&) {
         c.bios_path = std::string(v);
         return true;
       }},
      {"--program", "FILE.bin", "run a flat binary on RAM only (no BIOS)",
       [](MachineConfig& c, std::string_view v, std::string&) {
         c.program_path = std::string(v);
         return true;
       }},
      {"--load", "SEG:OFF", "load address of --program, hexadecimal (default 0000:7C00)",
       [](MachineConfig& c, std::string_view v, std::string& why) {
         if (!parse_seg_off(v, c.load_segment, c.load_offset)) {
           why = "expected SEG:OFF in hexadecimal, e.g. 0000:7C00";
           return false;
         }
         return true;
       }},
      {"--headless", "", "no window (implied when DISPLAY and WAYLAND_DISPLAY are unset)",
       [](MachineConfig& c, std::string_view, std::string&) {
         c.headless = true;
         return true;
       }},
      {"--max-seconds", "N", "stop after N emulated seconds (exit status 3)",
       [](MachineConfig& c, std::string_view v, std::string& why) {
         if (!parse_seconds(v, c.max_seconds)) {
           why = "expected a positive number of seconds";
           return false;
         }
         return true;
       }},
      {"--debug-port", "", "guest writes to port E9h go to stdout; \"Shutdown\" to 8900h ends",
       [](MachineConfig& c, std::string_view, std::string&) {
         c.debug_port = true;
         return true;
       }},
      {"--post-codes", "", "print POST codes written to port 80h on stderr",
       [](MachineConfig& c, std::string_view, std::string&) {
         c.post_codes = true;
         return true;
       }},
      {"--rtc", "YYYY-MM-DDTHH:MM:SS", "start the real-time clock at this time",
       [](MachineConfig& c, std::string_view v, std::string& why) {
         RtcTime t;
         if (!parse_rtc_time(v, t)) {
           why = "expected a valid date and time as YYYY-MM-DDTHH:MM:SS";
           return false;
         }
         c.rtc = t;
         return true;
       }},
      {"--speaker-wav", "FILE", "record the PC speaker to a WAV file",
       [](MachineConfig& c, std::string_view v, std::string&) {
         c.speaker_wav = std::string(v);
         return true;
       }},
      {"--screenshot", "FILE.png", "save the screen as PNG (at the end, or --screenshot-at)",
       [](MachineConfig& c, std::string_view v, std::string&) {
         c.screenshot = std::string(v);
         return true;
       }},
      {"--screenshot-at", "SECONDS", "emulated time of the --screenshot",
       [](MachineConfig& c, std::string_view v, std::string& why) {
         if (!parse_seconds(v, c.screenshot_at)) {
           why = "expected a positive number of seconds";
           return false;
         }
         return true;
       }},
      {"--screenshot-aspect", "", "scale the --screenshot to the monitor's 4:3 (720x400 -> 720x540)",
       [](MachineConfig& c, std::string_view, std::string&) {
         c.screenshot_aspect = true;
         return true;
       }},
  };
  return kOptions;
}

}  // namespace

bool parse_rtc_time(std::string_view s, RtcTime& t) {
  // Fixed layout: 0123-56-89T12:45:78
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':')
    return false;
  auto field = [&](std::size_t pos, std::size_t len, int& out) {
    std::uint64_t v;
    if (!parse_uint(s.substr(pos, len), v)) return false;
    out = int(v);
    return true;
  };
  if (!field(0, 4, t.year) || !field(5, 2, t.month) || !field(8, 2, t.day) ||
      !field(11, 2, t.hour) || !field(14, 2, t.minute) || !field(17, 2, t.second))
    return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (t.year < 1900 || t.year > 2099 || t.month < 1 || t.month > 12) return false;
  bool leap = (t.year % 4 == 0 && t.year % 100 != 0) || t.year % 400 == 0;
  int days = kDays[t.month - 1] - (t.month == 2 && !leap ? 1 : 0);
  return t.day >= 1 && t.day <= days && t.hour < 24 && t.minute < 60 && t.second < 60;
}

ParseStatus parse_run_options(std::span<const std::string_view> args, MachineConfig& out,
                              std::string& error) {
  MachineConfig c;
  bool disk_mode_set = false, load_set = false, shot_at_set = false, machine_set = false;
  bool shot_aspect_set = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--help" || a == "-h") return ParseStatus::kHelp;
    // Accept both "--opt value" and "--opt=value".
    std::string_view value;
    bool inline_value = false;
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string_view::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      inline_value = true;
    }
    const Option* opt = nullptr;
    for (const auto& o : options())
      if (o.name == a) opt = &o;
    if (!opt) {
      error = fmt::format("quartz run: unknown option '{}' (try 'quartz run --help')", args[i]);
      return ParseStatus::kError;
    }
    if (opt->value_name.empty()) {
      if (inline_value) {
        error = fmt::format("quartz run: option '{}' takes no value", a);
        return ParseStatus::kError;
      }
    } else if (!inline_value) {
      if (i + 1 >= args.size()) {
        error = fmt::format("quartz run: option '{}' needs a value ({})", a, opt->value_name);
        return ParseStatus::kError;
      }
      value = args[++i];
    }
    std::string why;
    if (!opt->set(c, value, why)) {
      error = fmt::format("quartz run: bad value '{}' for {}: {}", value, a, why);
      return ParseStatus::kError;
    }
    if (a == "--write" || a == "--snapshot") {
      if (disk_mode_set) {
        error = "quartz run: --write and --snapshot are mutually exclusive";
        return ParseStatus::kError;
      }
      disk_mode_set = true;
    }
    load_set |= a == "--load";
    shot_at_set |= a == "--screenshot-at";
    shot_aspect_set |= a == "--screenshot-aspect";
    machine_set |= a == "--machine";
  }
  if (disk_mode_set && c.disk_path.empty()) {
    error = "quartz run: --write/--snapshot need --disk IMAGE";
    return ParseStatus::kError;
  }
  if (load_set && c.program_path.empty()) {
    error = "quartz run: --load needs --program FILE.bin";
    return ParseStatus::kError;
  }
  if (shot_at_set && c.screenshot.empty()) {
    error = "quartz run: --screenshot-at needs --screenshot FILE.png";
    return ParseStatus::kError;
  }
  if (shot_aspect_set && c.screenshot.empty()) {
    error = "quartz run: --screenshot-aspect needs --screenshot FILE.png";
    return ParseStatus::kError;
  }
  if (!c.program_path.empty() && !c.disk_path.empty()) {
    error = "quartz run: --program and --disk are mutually exclusive";
    return ParseStatus::kError;
  }
  // A flat program runs without a BIOS; unless a machine is named, on the bare board.
  if (!c.program_path.empty() && !machine_set) c.machine = "bare";
  if (!c.program_path.empty()) c.debug_port = true;
  // Nothing to boot named: the bundled demo disk (on whatever BIOS and board were asked for).
  c.default_run = c.program_path.empty() && c.disk_path.empty();
  out = std::move(c);
  return ParseStatus::kOk;
}

std::string run_options_help() {
  std::string s =
      "usage: quartz run [options]\n\n"
      "Runs a PC. With no options: Quartz's own BIOS boots the bundled demo disk.\n\n"
      "options:\n";
  for (const auto& o : options()) {
    std::string left = std::string(o.name);
    if (!o.value_name.empty()) left += fmt::format(" {}", o.value_name);
    s += fmt::format("  {:<32} {}\n", left, o.help);
  }
  s += fmt::format("  {:<32} {}\n", "--help", "this text");
  s +=
      "\nexit status:\n"
      "    0  the guest wrote \"Shutdown\" to port 8900h (or the window was closed)\n"
      "    1  the emulator failed at run time (e.g. a screenshot could not be written)\n"
      "    2  bad command line, or a missing or unusable file (BIOS, disk image, program)\n"
      "    3  the --max-seconds limit was reached\n"
      "    4  the CPU shut down after a triple fault\n"
      "  130  interrupted (SIGINT/SIGTERM); outputs are closed first\n";
  return s;
}

}  // namespace quartz
