#include "app/conformance/baseline.hpp"

#include <fstream>
#include <sstream>

#include <fmt/core.h>

#include "app/conformance/json_reader.hpp"
#include "app/conformance/moo_reader.hpp"
#include "app/conformance/report.hpp"

namespace quartz::conformance {

namespace {

PassCounts read_counts(const JsonValue& v, const std::string& where, const std::string& file) {
  if (!v.is_object()) throw MooError(fmt::format("{}: {} is not an object", file, where));
  PassCounts c;
  auto field = [&](const char* name, std::uint64_t& out) {
    const JsonValue* f = v.find(name);
    if (!f || !f->is_number() || f->as_number() < 0) {
      throw MooError(fmt::format("{}: {} lacks a count \"{}\"", file, where, name));
    }
    out = std::uint64_t(f->as_number());
  };
  field("tests", c.tests);
  field("state_pass", c.state_pass);
  field("cycles_pass", c.cycles_pass);
  field("bus_pass", c.bus_pass);
  return c;
}

}  // namespace

Baseline parse_baseline(std::string_view text, const std::string& name) {
  JsonValue root;
  try {
    root = parse_json(text);
  } catch (const JsonError& e) {
    throw MooError(fmt::format("{}: malformed JSON ({})", name, e.what()));
  }
  Baseline b;
  if (const auto* c = root.find("cpu"); c && c->is_string()) b.cpu = c->as_string();
  const JsonValue* ops = root.find("opcodes");
  if (!ops || !ops->is_object()) throw MooError(fmt::format("{}: no \"opcodes\" object", name));
  for (const auto& [k, v] : ops->as_object()) b.opcodes[k] = read_counts(v, "opcode " + k, name);
  if (const auto* t = root.find("total")) b.total = read_counts(*t, "total", name);
  return b;
}

Baseline load_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MooError(fmt::format("{}: no such baseline file", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_baseline(ss.str(), path);
}

std::vector<std::string> find_regressions(const Baseline& base, const RunResult& now,
                                          bool only_run) {
  std::vector<std::string> out;
  for (const auto& [k, b] : base.opcodes) {
    auto it = now.opcodes.find(k);
    if (it == now.opcodes.end()) {
      if (!only_run) out.push_back(fmt::format("opcode {}: in the baseline but not run", k));
      continue;
    }
    const PassCounts& n = it->second;
    auto check = [&](const char* what, std::uint64_t got, std::uint64_t want) {
      if (got < want) out.push_back(fmt::format("opcode {}: {} {} < baseline {}", k, what, got, want));
    };
    check("state pass", n.state_pass, b.state_pass);
    check("cycles pass", n.cycles_pass, b.cycles_pass);
    check("bus pass", n.bus_pass, b.bus_pass);
  }
  return out;
}

std::vector<std::string> find_improvements(const Baseline& base, const RunResult& now) {
  std::vector<std::string> out;
  for (const auto& [k, n] : now.opcodes) {
    PassCounts b;
    if (auto it = base.opcodes.find(k); it != base.opcodes.end()) b = it->second;
    std::string line;
    auto up = [&](const char* what, std::uint64_t from, std::uint64_t to) {
      if (to > from) line += fmt::format(" {} {} -> {}", what, from, to);
    };
    up("state", b.state_pass, n.state_pass);
    up("cycles", b.cycles_pass, n.cycles_pass);
    up("bus", b.bus_pass, n.bus_pass);
    if (!line.empty()) out.push_back(fmt::format("opcode {}:{}", k, line));
  }
  return out;
}

std::string merged_baseline_json(const Baseline& old, const RunResult& now) {
  RunResult merged = now;
  merged.opcodes.clear();
  merged.total = PassCounts{};
  for (const auto& [k, c] : old.opcodes) merged.opcodes[k] = c;
  for (const auto& [k, c] : now.opcodes) merged.opcodes[k] = c;
  for (const auto& [k, c] : merged.opcodes) merged.total.add(c);
  return format_json(merged);
}

}  // namespace quartz::conformance
