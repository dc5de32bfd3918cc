#pragma once
// JIT-free decode cache: the opcode-map walk (prefix-free opcode row, group row selected by
// ModRM.reg, ModRM field split) is remembered per physical address of the opcode byte. An
// entry also records the bytes it was built from; the EU compares them with the bytes it
// actually takes from the prefetch queue, so bytes fetched before a self-modifying write
// execute as fetched (as on the chip). Writes to watched code pages drop entries early.
#include <cstdint>
#include <memory>

namespace quartz {

struct OpcodeInfo;

struct DecodedEntry {
  std::uint32_t tag = 0xFFFFFFFFu;    // physical address of the opcode byte
  std::uint8_t op = 0, modrm = 0;
  bool has_modrm = false;
  const OpcodeInfo* info = nullptr;   // final row (group row when ModRM selects one)
};

class DecodeCache {
 public:
  static constexpr unsigned kBits = 14;
  static constexpr std::uint32_t kSize = 1u << kBits;
  DecodeCache() : entries_(std::make_unique<DecodedEntry[]>(kSize)) {}
  DecodedEntry& slot(std::uint32_t phys) { return entries_[phys & (kSize - 1)]; }
  void invalidate(std::uint32_t phys) {
    DecodedEntry& e = slot(phys);
    if (e.tag == phys) e.tag = 0xFFFFFFFFu;
  }
  void clear() {
    for (std::uint32_t i = 0; i < kSize; ++i) entries_[i].tag = 0xFFFFFFFFu;
  }
  std::uint64_t hits = 0, misses = 0;

 private:
  std::unique_ptr<DecodedEntry[]> entries_;
};

}  // namespace quartz
