#pragma once
// 80286 selectors and descriptors (PRM chapter 6 and 7, figures 6-4, 6-5, 7-3, 8-3).
// A descriptor is 8 bytes: limit 15..0, base 23..0, access rights byte, 2 reserved bytes.
// Gates reuse the same layout: offset, selector, word count (5 bits), access byte.
#include <array>
#include <cstdint>

#include "cpu/pm286/pm_context.hpp"

namespace quartz::pm286 {

struct Selector {
  std::uint16_t value = 0;
  constexpr std::uint16_t index() const { return value >> 3; }
  constexpr bool ti() const { return (value & 4) != 0; }  // 1: local descriptor table
  constexpr std::uint8_t rpl() const { return value & 3; }
  // The null selector is GDT entry 0 with any RPL (PRM 6.3.2); LDT entry 0 is a real entry.
  constexpr bool null() const { return (value & 0xFFFC) == 0; }
  // Error-code form of the selector: RPL bits replaced by IDT=0 and EXT (PRM 9.7).
  constexpr std::uint16_t error(bool ext) const {
    return std::uint16_t((value & 0xFFFC) | (ext ? 1 : 0));
  }
};

// System descriptor types (access byte bits 3..0 with S=0), PRM table 7-1.
enum class SystemType : std::uint8_t {
  kInvalid = 0, kAvailableTss = 1, kLdt = 2, kBusyTss = 3, kCallGate = 4, kTaskGate = 5,
  kInterruptGate = 6, kTrapGate = 7,
};

// Access byte bits (PRM figure 6-5).
inline constexpr std::uint8_t kAccPresent = 0x80, kAccSegment = 0x10, kAccCode = 0x08,
                              kAccConforming = 0x04, kAccExpandDown = 0x04,
                              kAccReadable = 0x02, kAccWritable = 0x02, kAccAccessed = 0x01,
                              kAccBusy = 0x02;

struct Descriptor {
  std::uint32_t base = 0;    // 24 bits; for a gate: selector (15..0) and word count (20..16)
  std::uint16_t limit = 0;   // for a gate: entry offset
  std::uint8_t access = 0;

  static Descriptor decode(const std::array<std::uint8_t, 8>& raw);
  std::array<std::uint8_t, 8> encode() const;
  static Descriptor segment(std::uint32_t base, std::uint16_t limit, std::uint8_t access) {
    return {base & 0xFFFFFF, limit, access};
  }
  static Descriptor gate(SystemType type, std::uint8_t dpl, std::uint16_t selector,
                         std::uint16_t offset, std::uint8_t word_count = 0, bool present = true);

  bool present() const { return (access & kAccPresent) != 0; }
  std::uint8_t dpl() const { return (access >> 5) & 3; }
  bool is_segment() const { return (access & kAccSegment) != 0; }
  bool is_system() const { return !is_segment(); }
  SystemType system_type() const { return SystemType(access & 0x0F); }
  bool is_code() const { return is_segment() && (access & kAccCode); }
  bool is_data() const { return is_segment() && !(access & kAccCode); }
  bool conforming() const { return is_code() && (access & kAccConforming); }
  bool readable() const { return is_data() || (is_code() && (access & kAccReadable)); }
  bool writable() const { return is_data() && (access & kAccWritable); }
  bool expand_down() const { return is_data() && (access & kAccExpandDown); }
  bool is_tss() const {
    return is_system() &&
           (system_type() == SystemType::kAvailableTss || system_type() == SystemType::kBusyTss);
  }
  // Gate fields.
  std::uint16_t gate_selector() const { return std::uint16_t(base); }
  std::uint16_t gate_offset() const { return limit; }
  std::uint8_t gate_word_count() const { return (base >> 16) & 0x1F; }

  SegmentCache to_cache() const { return SegmentCache{base, limit, access, true}; }
};

// Locates a selector's descriptor: checks the table limit (and, for TI=1, that an LDT is
// loaded). On failure returns false; the caller chooses the exception (#GP, #TS, ...).
bool descriptor_address(const CpuState& s, Selector sel, std::uint32_t& linear);
bool read_descriptor(PmContext& ctx, Selector sel, Descriptor& out, std::uint32_t& linear);
// The six defined bytes of the descriptor at `linear`, read as three words.
std::array<std::uint8_t, 8> read_descriptor_bytes(PmMemory& mem, std::uint32_t linear);
// Sets the accessed bit in memory (PRM 6.3.1.1: the 286 writes it back on a segment load).
void mark_accessed(PmContext& ctx, std::uint32_t linear, Descriptor& d);

}  // namespace quartz::pm286
