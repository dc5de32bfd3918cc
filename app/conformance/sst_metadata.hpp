#pragma once
// The per-suite side files of SingleStepTests: metadata.json (opcode status and the masks of
// flags the instruction leaves undefined, per opcode and per ModRM.reg for group opcodes) and
// the 80286 suite's revocation_list.txt (SHA-1 hashes of tests known to be bad).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace quartz::conformance {

struct OpcodeMeta {
  std::string status;                     // normal, prefix, alias, undocumented, undefined, fpu
  std::optional<std::uint16_t> flags_mask;  // AND mask leaving only defined flags
  std::map<std::string, OpcodeMeta> reg;  // "0".."7" for group opcodes
};

class SstMetadata {
 public:
  // Parses metadata.json text; throws MooError naming `display_name` when malformed.
  static SstMetadata parse(std::string_view json_text, const std::string& display_name);
  // Reads `path`; throws MooError ("<path>: missing metadata.json ...") when absent.
  static SstMetadata load(const std::string& path);

  // The FLAGS mask for a test file's opcode key: "F6.6" looks up opcodes.F6.reg.6 (falling
  // back to opcodes.F6), "00" looks up opcodes.00. 0xFFFF when nothing is undefined.
  std::uint16_t flags_mask(std::string_view opcode_key) const;
  // The status string ("normal", ...) for a key, or "" when unknown.
  std::string status(std::string_view opcode_key) const;

  const std::string& cpu() const { return cpu_; }
  std::size_t opcode_count() const { return opcodes_.size(); }

 private:
  const OpcodeMeta* lookup(std::string_view key) const;
  std::string cpu_;
  std::map<std::string, OpcodeMeta> opcodes_;  // keys upper-case hex
};

// Hashes (lower-case hex) from a revocation list: one per line, '#' comments, blanks ignored.
std::set<std::string> parse_revocation_list(std::string_view text);
// Reads `path` if it exists; an absent list is an empty set (the 8086 suite has none).
std::set<std::string> load_revocation_list(const std::string& path);

}  // namespace quartz::conformance
