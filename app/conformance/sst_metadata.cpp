#include "app/conformance/sst_metadata.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/core.h>

#include "app/conformance/json_reader.hpp"
#include "app/conformance/moo_reader.hpp"

namespace quartz::conformance {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

OpcodeMeta read_entry(const JsonValue& v, const std::string& where, const std::string& file) {
  if (!v.is_object()) throw MooError(fmt::format("{}: {} is not an object", file, where));
  OpcodeMeta m;
  if (const auto* s = v.find("status"); s && s->is_string()) m.status = s->as_string();
  if (const auto* fm = v.find("flags-mask")) {
    if (!fm->is_number() || fm->as_number() < 0 || fm->as_number() > 0xFFFF) {
      throw MooError(fmt::format("{}: {} has a bad flags-mask", file, where));
    }
    m.flags_mask = std::uint16_t(fm->as_number());
  }
  if (const auto* reg = v.find("reg")) {
    if (!reg->is_object()) throw MooError(fmt::format("{}: {}.reg is not an object", file, where));
    for (const auto& [k, sub] : reg->as_object())
      m.reg[k] = read_entry(sub, where + ".reg." + k, file);
  }
  return m;
}

std::string read_text(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = bool(in);
  if (!ok) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

SstMetadata SstMetadata::parse(std::string_view text, const std::string& name) {
  JsonValue root;
  try {
    root = parse_json(text);
  } catch (const JsonError& e) {
    throw MooError(fmt::format("{}: malformed JSON ({})", name, e.what()));
  }
  const JsonValue* ops = root.find("opcodes");
  if (!ops || !ops->is_object()) {
    throw MooError(fmt::format("{}: no \"opcodes\" object", name));
  }
  SstMetadata md;
  if (const auto* c = root.find("cpu"); c && c->is_string()) md.cpu_ = c->as_string();
  for (const auto& [k, v] : ops->as_object())
    md.opcodes_[upper(k)] = read_entry(v, "opcodes." + k, name);
  return md;
}

SstMetadata SstMetadata::load(const std::string& path) {
  bool ok = false;
  std::string text = read_text(path, ok);
  if (!ok) {
    throw MooError(fmt::format("{}: missing metadata.json (needed for the undefined-flag masks)",
                               path));
  }
  return parse(text, path);
}

const OpcodeMeta* SstMetadata::lookup(std::string_view key) const {
  std::string k = upper(key);
  std::string reg;
  if (auto dot = k.find('.'); dot != std::string::npos) {
    reg = k.substr(dot + 1);
    k.resize(dot);
  }
  auto it = opcodes_.find(k);
  if (it == opcodes_.end()) return nullptr;
  if (!reg.empty()) {
    auto r = it->second.reg.find(reg);
    if (r != it->second.reg.end()) return &r->second;
  }
  return &it->second;
}

std::uint16_t SstMetadata::flags_mask(std::string_view key) const {
  std::string k = upper(key);
  const OpcodeMeta* m = lookup(k);
  if (!m) return 0xFFFF;
  if (m->flags_mask) return *m->flags_mask;
  // A reg-specific entry without a mask inherits the opcode-wide one, if any.
  if (auto dot = k.find('.'); dot != std::string::npos) {
    auto it = opcodes_.find(k.substr(0, dot));
    if (it != opcodes_.end() && it->second.flags_mask) return *it->second.flags_mask;
  }
  return 0xFFFF;
}

std::string SstMetadata::status(std::string_view key) const {
  const OpcodeMeta* m = lookup(key);
  return m ? m->status : std::string();
}

std::set<std::string> parse_revocation_list(std::string_view text) {
  std::set<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    pos = end + 1;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::string h;
    for (char c : line)
      if (!std::isspace(static_cast<unsigned char>(c)))
        h += char(std::tolower(static_cast<unsigned char>(c)));
    if (!h.empty()) out.insert(h);
  }
  return out;
}

std::set<std::string> load_revocation_list(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  bool ok = false;
  std::string text = read_text(path, ok);
  if (!ok) throw MooError(fmt::format("{}: cannot read revocation list", path));
  return parse_revocation_list(text);
}

}  // namespace quartz::conformance
