#include "cpu/pm286/descriptor.hpp"

namespace quartz::pm286 {

std::uint16_t& selector_register(CpuState& s, int seg) {
  switch (seg) {
    case kES: return s.es;
    case kCS: return s.cs;
    case kSS: return s.ss;
    default: return s.ds;
  }
}
std::uint16_t selector_register(const CpuState& s, int seg) {
  switch (seg) {
    case kES: return s.es;
    case kCS: return s.cs;
    case kSS: return s.ss;
    default: return s.ds;
  }
}

Descriptor Descriptor::decode(const std::array<std::uint8_t, 8>& raw) {
  Descriptor d;
  d.limit = std::uint16_t(raw[0] | (raw[1] << 8));
  d.base = std::uint32_t(raw[2]) | (std::uint32_t(raw[3]) << 8) | (std::uint32_t(raw[4]) << 16);
  d.access = raw[5];
  return d;
}

std::array<std::uint8_t, 8> Descriptor::encode() const {
  // Bytes 6 and 7 are reserved for the 80386 and must be zero (PRM 6.3.1).
  return {std::uint8_t(limit), std::uint8_t(limit >> 8), std::uint8_t(base),
          std::uint8_t(base >> 8), std::uint8_t(base >> 16), access, 0, 0};
}

Descriptor Descriptor::gate(SystemType type, std::uint8_t dpl, std::uint16_t selector,
                            std::uint16_t offset, std::uint8_t word_count, bool present) {
  Descriptor d;
  d.limit = offset;
  d.base = selector | (std::uint32_t(word_count & 0x1F) << 16);
  d.access = std::uint8_t((present ? kAccPresent : 0) | ((dpl & 3) << 5) | std::uint8_t(type));
  return d;
}

bool descriptor_address(const CpuState& s, Selector sel, std::uint32_t& linear) {
  std::uint32_t base;
  std::uint16_t limit;
  if (sel.ti()) {
    // A null LDTR makes every TI=1 selector invalid (PRM 6.3.2).
    if (!s.ldtr_cache.valid || (s.ldtr & 0xFFFC) == 0) return false;
    base = s.ldtr_cache.base;
    limit = s.ldtr_cache.limit;
  } else {
    base = s.gdtr.base;
    limit = s.gdtr.limit;
  }
  const std::uint32_t offset = std::uint32_t(sel.index()) * 8;
  if (offset + 7 > limit) return false;
  linear = (base + offset) & 0xFFFFFF;
  return true;
}

std::array<std::uint8_t, 8> read_descriptor_bytes(PmMemory& mem, std::uint32_t linear) {
  // The 286 reads a descriptor's six defined bytes as three words (the reserved last word is
  // not read); PmMemory may turn them into bus cycles.
  std::array<std::uint8_t, 8> raw{};
  for (unsigned i = 0; i < 6; i += 2) {
    const std::uint16_t w = mem.read16((linear + i) & 0xFFFFFF);
    raw[i] = std::uint8_t(w);
    raw[i + 1] = std::uint8_t(w >> 8);
  }
  return raw;
}

bool read_descriptor(PmContext& ctx, Selector sel, Descriptor& out, std::uint32_t& linear) {
  if (!descriptor_address(ctx.state, sel, linear)) return false;
  out = Descriptor::decode(read_descriptor_bytes(ctx.mem, linear));
  return true;
}

void mark_accessed(PmContext& ctx, std::uint32_t linear, Descriptor& d) {
  if (d.is_segment() && !(d.access & kAccAccessed)) {
    d.access |= kAccAccessed;
    ctx.mem.write8((linear + 5) & 0xFFFFFF, d.access);
  }
}

}  // namespace quartz::pm286
