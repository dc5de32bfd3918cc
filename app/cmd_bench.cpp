// quartz bench: emulation speed of the CPU core on the bundled workload
// (testroms/cpu/bench.asm) on a bare Bus + RAM + CPU, measured twice in one run: with the
// decode cache on and with it off. Prints instructions/s, emulated clocks/s and the speed-up.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/core.h>

#include "app/bench_video.hpp"
#include "app/commands.hpp"
#include "cpu/cpu.hpp"
#include "machine/rom_files.hpp"
#include "memory/bus.hpp"

namespace quartz::app {

namespace {

constexpr std::uint32_t kLoadSegment = 0x1000;

struct BenchResult {
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // CPU time of this process (robust on a shared, busy machine)
  double ips() const { return cpu_seconds > 0 ? double(instructions) / cpu_seconds : 0; }
  double cps() const { return cpu_seconds > 0 ? double(cycles) / cpu_seconds : 0; }
};

BenchResult run_once(CpuModel model, const std::vector<std::uint8_t>& image,
                     std::uint64_t instructions, bool cache) {
  Bus bus(20);
  bus.map_ram(0, 1u << 20);
  for (std::size_t i = 0; i < image.size(); ++i)
    bus.poke8(std::uint32_t((kLoadSegment << 4) + i), image[i]);
  std::unique_ptr<Cpu> cpu = make_cpu(model, bus);
  if (!cpu) throw MachineError(fmt::format("no CPU core for the {}", cpu_model_name(model)));
  cpu->set_decode_cache(cache);
  CpuState s;
  s.cs = s.ds = s.es = std::uint16_t(kLoadSegment);
  s.ss = 0x2000;
  s.sp = 0xFFFE;
  cpu->set_state(s);
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t k0 = std::clock();
  const std::uint64_t c0 = cpu->cycles();
  for (std::uint64_t i = 0; i < instructions; ++i) cpu->step();
  const std::clock_t k1 = std::clock();
  const auto t1 = std::chrono::steady_clock::now();
  BenchResult r;
  r.instructions = instructions;
  r.cycles = cpu->cycles() - c0;
  r.seconds = std::chrono::duration<double>(t1 - t0).count();
  r.cpu_seconds = double(k1 - k0) / CLOCKS_PER_SEC;
  return r;
}

void usage(std::FILE* to) {
  fmt::print(to,
             "usage: quartz bench [--cpu 8086|8088|80286] [--instructions N]\n"
             "       quartz bench --video [--seconds S]\n\n"
             "Runs the bundled CPU workload (testroms/cpu/bench.bin: ALU, MOV with memory\n"
             "operands, string ops, loops, calls, MUL/DIV) on a bare bus with the decode cache\n"
             "on and then off, and prints instructions/s, emulated clocks/s and the speed-up.\n"
             "With a CPU other than the 8086 the 8086 figure is measured in the same run.\n"
             "Default: --cpu 8086 --instructions 20000000.\n\n"
             "--video runs the at machine with the VGA in text mode 03h and in mode 13h, each\n"
             "with the guest writing video memory and then the same loop writing only RAM, and\n"
             "prints the rendering cost as a ratio measured in that one run (S emulated seconds\n"
             "per phase, default 2).\n");
}

}  // namespace

int cmd_bench(Args args) {
  CpuModel model = CpuModel::i8086;
  std::uint64_t instructions = 20'000'000;
  bool video = false;
  double video_seconds = 2.0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--help" || a == "-h") {
      usage(stdout);
      return kExitOk;
    }
    if (a == "--video") {
      video = true;
      continue;
    }
    if (a == "--seconds") {
      char* end = nullptr;
      const std::string v(i + 1 < args.size() ? args[i + 1] : std::string_view{});
      video_seconds = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(video_seconds > 0.0 && video_seconds <= 3600.0)) {
        fmt::print(stderr, "quartz bench: --seconds needs a number of emulated seconds (0-3600], not '{}'\n", v);
        return kExitUsage;
      }
      ++i;
      continue;
    }
    if (a == "--cpu" || a == "--instructions") {
      if (i + 1 >= args.size()) {
        fmt::print(stderr, "quartz bench: {} needs a value\n", a);
        return kExitUsage;
      }
      const std::string_view v = args[++i];
      if (a == "--cpu") {
        if (!parse_cpu_model(v, model)) {
          fmt::print(stderr, "quartz bench: unsupported --cpu '{}' (8086, 8088 or 80286)\n", v);
          return kExitUsage;
        }
      } else {
        std::uint64_t n = 0;
        bool ok = !v.empty() && v.size() < 19;
        for (char ch : v) ok = ok && ch >= '0' && ch <= '9';
        if (ok) for (char ch : v) n = n * 10 + std::uint64_t(ch - '0');
        if (!ok || n == 0) {
          fmt::print(stderr, "quartz bench: --instructions needs a positive number, not '{}'\n", v);
          return kExitUsage;
        }
        instructions = n;
      }
      continue;
    }
    fmt::print(stderr, "quartz bench: unknown option '{}' (try 'quartz bench --help')\n", a);
    return kExitUsage;
  }

  if (video) return bench_video(video_seconds);

  try {
    const std::string path = find_bundled_file("testroms/cpu/bench.bin");
    const std::vector<std::uint8_t> image = read_file(path, "bench program");
    if (image.empty() || image.size() > 0x10000) {
      fmt::print(stderr, "quartz bench: bench program '{}': unexpected size {} bytes\n", path,
                 image.size());
      return kExitUsage;
    }
    fmt::print("quartz bench: {} on {}, {} instructions (exact per-clock bus model)\n",
               cpu_model_name(model), path, instructions);
    const BenchResult on = run_once(model, image, instructions, true);
    const BenchResult off = run_once(model, image, instructions, false);
    auto line = [](const char* what, const BenchResult& r) {
      fmt::print("  decode cache {:<3}  {:7.3f} s CPU ({:7.3f} s wall)  {:7.2f} M instructions/s"
                 "  {:7.2f} M clocks/s  ({} clocks)\n",
                 what, r.cpu_seconds, r.seconds, r.ips() / 1e6, r.cps() / 1e6, r.cycles);
    };
    line("on", on);
    line("off", off);
    fmt::print("  speed-up from the decode cache: {:.2f}x (rates use CPU time)\n",
               off.cpu_seconds > 0 && on.cpu_seconds > 0 ? off.cpu_seconds / on.cpu_seconds : 0.0);
    if (on.cycles != off.cycles)
      fmt::print("  WARNING: clock counts differ between the two runs ({} vs {})\n", on.cycles,
                 off.cycles);
    if (model != CpuModel::i8086) {
      // The reference figure in the same run (same host load) for comparing the cores.
      const BenchResult ref = run_once(CpuModel::i8086, image, instructions, true);
      fmt::print("  8086 reference    {:7.3f} s CPU ({:7.3f} s wall)  {:7.2f} M instructions/s"
                 "  {:7.2f} M clocks/s  ({} clocks)\n",
                 ref.cpu_seconds, ref.seconds, ref.ips() / 1e6, ref.cps() / 1e6, ref.cycles);
    }
  } catch (const MachineError& e) {
    fmt::print(stderr, "quartz bench: {}\n", e.what());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace quartz::app
