#include "app/conformance/report.hpp"

#include <algorithm>
#include <array>

#include <fmt/core.h>

#include "app/conformance/json_reader.hpp"

namespace quartz::conformance {

namespace {

// Names as in the suites' JSON notation (8086 README "Cycle Format"; 80286 README).
constexpr std::array<const char*, 8> k808xStatus{"INTA", "IOR", "IOW", "MEMR",
                                                 "MEMW", "HALT", "CODE", "PASV"};
constexpr std::array<const char*, 6> k808xTState{"Ti", "T1", "T2", "T3", "T4", "Tw"};
constexpr std::array<const char*, 3> k286TState{"Ti", "Ts", "Tc"};
constexpr std::array<const char*, 5> kSegment{"ES", "SS", "CS", "DS", "--"};
constexpr std::array<char, 4> kQueueOp{'-', 'F', 'E', 'S'};

// 80286 raw status nibble: bit0 S0, bit1 S1, bit2 M/IO, bit3 COD/INTA (MOO.md; 80286 README).
constexpr std::array<const char*, 16> k286Status{"INTA", "PASV", "PASV", "PASV", "HALT", "MEMR",
                                                 "MEMW", "PASV", "PASV", "IOR",  "IOW",  "PASV",
                                                 "PASV", "CODE", "PASV", "PASV"};

const char* status_name(CpuModel m, std::uint8_t s) {
  return m == CpuModel::i80286 ? k286Status[s & 0xF] : k808xStatus[s & 7];
}

std::string rw(std::uint8_t bits) {
  std::string s = "---";
  if (bits & 4) s[0] = 'R';
  if (bits & 2) s[1] = 'A';
  if (bits & 1) s[2] = 'W';
  return s;
}

// Percentages are truncated, not rounded, so "100.0" means every test passed.
double pct_value(std::uint64_t n, std::uint64_t of) {
  return double(n * 1000 / of) / 10.0;
}

std::string pct(std::uint64_t n, std::uint64_t of) {
  if (of == 0) return "    -";
  return fmt::format("{:5.1f}", pct_value(n, of));
}

std::string hex_bytes(const std::vector<std::uint8_t>& b) {
  std::string s;
  for (auto x : b) s += fmt::format("{}{:02X}", s.empty() ? "" : " ", x);
  return s;
}

std::string counts_json(const PassCounts& c) {
  return fmt::format(R"({{"tests": {}, "state_pass": {}, "cycles_pass": {}, "bus_pass": {}}})",
                     c.tests, c.state_pass, c.cycles_pass, c.bus_pass);
}

}  // namespace

std::string format_table(const RunResult& r, bool only_failing) {
  std::string out = fmt::format("{:<8} {:>7}  {:>14}  {:>14}  {:>14}  {}\n", "opcode", "tests",
                                "state pass", "cycles pass", "bus pass", "first bus diff");
  auto row = [&](const std::string& name, const PassCounts& c, std::string note) {
    out += fmt::format("{:<8} {:>7}  {:>7} {}%  {:>7} {}%  {:>7} {}%  {}", name, c.tests,
                       c.state_pass, pct(c.state_pass, c.tests), c.cycles_pass,
                       pct(c.cycles_pass, c.tests), c.bus_pass, pct(c.bus_pass, c.tests), note);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  // The commonest first differing trace field of an opcode's bus failures: where to look.
  auto top_diff = [&](const std::string& key) {
    auto it = r.opcode_bus_diff.find(key);
    if (it == r.opcode_bus_diff.end() || it->second.empty()) return std::string();
    auto best = it->second.begin();
    for (auto i = it->second.begin(); i != it->second.end(); ++i)
      if (i->second > best->second) best = i;
    return fmt::format("{} {}{}", best->first, best->second, it->second.size() > 1 ? " ..." : "");
  };
  std::size_t hidden = 0;
  for (const auto& [k, c] : r.opcodes) {
    bool perfect = c.state_pass == c.tests && c.cycles_pass == c.tests && c.bus_pass == c.tests;
    if (only_failing && perfect) {
      ++hidden;
      continue;
    }
    row(k, c, top_diff(k));
  }
  if (hidden) out += fmt::format("({} opcodes passing every check not listed)\n", hidden);
  out += std::string(82, '-') + "\n";
  row("total", r.total, "");
  out += fmt::format("{} ({}), {} files, {} tests in {:.1f} s", cpu_model_name(r.model),
                     "SingleStepTests", r.files, r.total.tests, r.seconds);
  if (r.revoked_skipped) out += fmt::format(", {} revoked tests skipped", r.revoked_skipped);
  out += "\n";
  if (r.capture_signature) {
    out += fmt::format(
        "cycle failures: {}, of which {} carry the capture signature (one clock late at a bus "
        "cycle beside an address with at most {} lines high; docs/conformance.md)\n",
        r.cycle_failures, r.capture_signature, kLowAddressLines);
  }
  if (!r.first_bus_diff.empty()) {
    out += "bus failures by first differing field:";
    std::vector<std::pair<std::string, std::uint64_t>> v(r.first_bus_diff.begin(),
                                                         r.first_bus_diff.end());
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (const auto& [k, n] : v) out += fmt::format(" {} {},", k, n);
    out.back() = '\n';
  }
  return out;
}

std::string format_markdown(const RunResult& r, bool only_failing) {
  std::string out = fmt::format(
      "| opcode | tests | state pass | cycles pass | bus pass |\n|---|--:|--:|--:|--:|\n");
  auto row = [&](const std::string& name, const PassCounts& c) {
    auto p = [&](std::uint64_t n) {
      return c.tests ? fmt::format("{} ({:.1f}%)", n, pct_value(n, c.tests))
                     : fmt::format("{}", n);
    };
    out += fmt::format("| {} | {} | {} | {} | {} |\n", name, c.tests, p(c.state_pass),
                       p(c.cycles_pass), p(c.bus_pass));
  };
  std::size_t hidden = 0;
  PassCounts perfect;
  for (const auto& [k, c] : r.opcodes) {
    if (only_failing && c.state_pass == c.tests && c.cycles_pass == c.tests &&
        c.bus_pass == c.tests) {
      ++hidden;
      perfect.add(c);
      continue;
    }
    row(k, c);
  }
  if (hidden) row(fmt::format("{} other opcodes", hidden), perfect);
  row("**total**", r.total);
  return out;
}

std::string format_json(const RunResult& r) {
  std::string out = fmt::format("{{\n  \"cpu\": {},\n  \"total\": {},\n  \"opcodes\": {{\n",
                                json_quote(cpu_model_name(r.model)), counts_json(r.total));
  bool first = true;
  for (const auto& [k, c] : r.opcodes) {
    out += fmt::format("{}    {}: {}", first ? "" : ",\n", json_quote(k), counts_json(c));
    first = false;
  }
  out += "\n  }\n}\n";
  return out;
}

std::string format_cycle(CpuModel m, const BusCycle& c) {
  if (m == CpuModel::i80286) {
    bool data = c.t_state == 2 && ((c.mem_status | c.io_status) & 5);
    return fmt::format("{} {} {} {} {} {} {:<4} {}", c.ale ? 'A' : ' ',
                       c.ale ? fmt::format("{:06X}", c.address & 0xFFFFFF) : std::string(6, ' '),
                       c.ale ? (c.bhe & 1 ? '-' : 'B') : ' ', rw(c.mem_status), rw(c.io_status),
                       data ? fmt::format("{:04X}", c.data) : std::string("----"),
                       status_name(m, c.bus_status),
                       c.t_state < k286TState.size() ? k286TState[c.t_state] : "T?");
  }
  bool data = (c.t_state == 3 || c.t_state == 5) && ((c.mem_status | c.io_status) & 5);
  std::uint8_t q = c.queue_op & 3;
  return fmt::format(
      "{} {} {} {} {} {} {} {:<4} {} {} {}", c.ale ? 'A' : ' ',
      c.ale ? fmt::format("{:05X}", c.address & 0xFFFFF) : std::string(5, ' '),
      m == CpuModel::i8086 && c.ale ? (c.bhe & 1 ? '-' : 'B') : ' ',
      c.segment < kSegment.size() ? kSegment[c.segment] : "??", rw(c.mem_status),
      rw(c.io_status), data ? fmt::format("{:04X}", c.data) : std::string("----"),
      status_name(m, c.bus_status), c.t_state < k808xTState.size() ? k808xTState[c.t_state] : "T?",
      kQueueOp[q], (q == 1 || q == 3) ? fmt::format("{:02X}", c.queue_byte) : std::string("  "));
}

std::string format_failure(const FailureContext& f) {
  const MooTest& t = *f.test;
  std::string out = fmt::format("=== {} test {}: {}   [{}]\n", f.file_key, t.position, t.name,
                                hex_bytes(t.bytes));
  if (t.has_hash) out += fmt::format("    hash {}\n", t.hash_hex());
  if (!f.error.empty()) out += fmt::format("    core error: {}\n", f.error);

  out += "    initial:";
  for (unsigned r = 0; r < kMooRegCount; ++r)
    out += fmt::format(" {}={:04X}", kMooRegNames[r], t.init.regs.value[r]);
  out += "\n";
  if (t.init.has_queue) out += fmt::format("    initial queue: [{}]\n", hex_bytes(t.init.queue));
  if (t.has_exception) {
    out += fmt::format("    exception {} (FLAGS pushed at {:06X})\n", t.exception_number,
                       t.exception_flag_address);
  }

  // Registers: the whole file, mismatches flagged so the eye finds them at once.
  out += fmt::format("    registers{}:{}\n",
                     f.flags_mask != 0xFFFF ? fmt::format(" (flags mask {:04X})", f.flags_mask) : "",
                     f.state.reg_mismatch ? "" : " all match");
  if (f.state.reg_mismatch) {
    for (unsigned r = 0; r < kMooRegCount; ++r) {
      std::uint16_t want = expected_reg(t, r), got = cpu_reg(f.actual, r);
      bool bad = (f.state.reg_mismatch >> r) & 1;
      if (!bad && !t.fina.regs.has(r)) continue;
      out += fmt::format("      {} {:<5} expected {:04X}  actual {:04X}{}\n", bad ? "!!" : "  ",
                         kMooRegNames[r], want, got,
                         bad && r == kFlags ? fmt::format("  (differs in {:04X})",
                                                          (want ^ got) & f.flags_mask)
                                            : "");
    }
  }
  if (!f.state.mem.empty()) {
    out += fmt::format("    memory: {} of {} checked bytes differ\n", f.state.mem.size(),
                       t.fina.ram.size());
    for (const auto& m : f.state.mem) {
      out += fmt::format("      !! {:06X}: expected {:02X}  actual {:02X}{}\n", m.address,
                         m.expected, m.actual,
                         m.mask != 0xFF ? fmt::format("  (mask {:02X})", m.mask) : "");
    }
  }

  if (t.fina.has_queue && f.error.empty()) {
    bool same = t.fina.queue == f.actual_queue;
    out += fmt::format("    queue after: expected [{}]  actual [{}]{}\n", hex_bytes(t.fina.queue),
                       hex_bytes(f.actual_queue), same ? "" : "  (not scored)");
  }
  out += fmt::format("    cycles: expected {}, actual {}{}\n", t.cycles.size(),
                     f.actual_cycles.size(), f.cycles_ok ? "" : "  !!");
  if (f.bus.ok()) {
    out += "    bus: trace matches\n";
    // Only a test shown on request (--failures all) lists its trace when nothing differs.
    if (f.state.ok() && f.cycles_ok && f.error.empty()) out += trace_listing(f);
    return out;
  }
  out += fmt::format("    bus: first difference at cycle {} ({})\n", f.bus.cycle,
                     bus_field_name(f.bus.field));
  out += trace_listing(f);
  return out;
}

std::string trace_listing(const FailureContext& f) {
  const MooTest& t = *f.test;
  std::string out;

  // Side by side; '>>' marks the first differing clock, '*' any later clock that differs.
  // A matching trace is listed whole; a differing one around its first difference.
  std::size_t n = std::max(t.cycles.size(), f.actual_cycles.size());
  const bool matches = f.bus.ok();
  std::size_t first = matches ? n : f.bus.cycle;
  std::size_t lo_end = n, hi_begin = n;
  if (n > 80 && !matches) {
    lo_end = std::min<std::size_t>(10, n);
    hi_begin = first > 50 ? first - 40 : lo_end;
    if (hi_begin <= lo_end) hi_begin = lo_end;
  }
  std::size_t last = n <= 80 || matches ? n : std::min(n, first + 25);
  const std::vector<BusField> diffs =
      cycle_diffs(f.model, t.cycles, f.actual_cycles, f.pushed_flags, f.halt_at);
  const int w = f.model == CpuModel::i80286 ? 34 : 40;
  out += fmt::format("      {:>4}  {:<{}} | {}\n", "#", "expected", w, "actual");
  for (std::size_t i = 0; i < last; ++i) {
    if (i == lo_end && hi_begin > lo_end) {
      out += fmt::format("      {:>4}  ({} clocks not shown)\n", "...", hi_begin - lo_end);
      i = hi_begin;
    }
    std::string e = i < t.cycles.size() ? format_cycle(f.model, t.cycles[i].bus) : "";
    std::string a = i < f.actual_cycles.size() ? format_cycle(f.model, f.actual_cycles[i]) : "";
    bool differs = diffs[i] != BusField::kNone;
    const char* mark = i == first ? ">>" : differs ? " *" : "  ";
    out += fmt::format("    {}{:>4}  {:<{}} | {}\n", mark, i, e, w, a);
  }
  if (last < n) out += fmt::format("      {:>4}  ({} more clocks)\n", "...", n - last);
  return out;
}

}  // namespace quartz::conformance
