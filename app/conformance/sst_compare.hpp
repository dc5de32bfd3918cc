#pragma once
// What a SingleStepTests test checks, and how (docs/conformance.md, "What is compared"):
//  - state: every register (FINA value, or the INIT value when FINA omits it) and every FINA
//    RAM byte; FLAGS compared under the opcode's undefined-flag mask, which is also applied
//    to the FLAGS word an exception pushed on the stack;
//  - cycles: the number of CPU clocks in the trace;
//  - bus: the trace clock by clock (fields per model in compare_cycle()).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "app/conformance/moo_reader.hpp"
#include "cpu/cpu.hpp"

namespace quartz::conformance {

// The trace field in which two clocks first differ.
enum class BusField : std::uint8_t {
  kNone,
  kLength,     // one trace ended before the other
  kAle,
  kAddress,    // latched address (only on ALE clocks)
  kBhe,        // BHE# (only on ALE clocks; 8086 and 286)
  kStatus,     // bus status S0-S2 (808x) / S0,S1,M/IO,COD/INTA (286; all passive codes alike)
  kTState,
  kMemStatus,  // 8288/82288 memory read/write command outputs
  kIoStatus,
  kData,       // data bus on the data clock of a read or write, active byte lanes only
  kSegment,    // 808x S3/S4 during T2-T4
  kQueueOp,    // 808x QS0/QS1
  kQueueByte,  // byte taken from the queue (when QS says first/subsequent byte)
  kCount
};
std::string_view bus_field_name(BusField f);

struct TraceDiff {
  BusField field = BusField::kNone;
  std::size_t cycle = 0;  // index of the first differing clock
  bool ok() const { return field == BusField::kNone; }
};

// A FLAGS word an exception pushed, whose undefined bits are masked wherever it is compared:
// in the final memory and on the data bus of the write that stored it.
struct PushedFlags {
  std::uint32_t address = 0;  // physical address of its low byte
  std::uint16_t mask = 0xFFFF;
};

// Compares two traces clock by clock; both sides are read with the expected trace's byte-lane
// state (A0 and BHE# of its most recent ALE clock).
TraceDiff compare_traces(CpuModel model, std::span<const MooCycle> expected,
                         std::span<const BusCycle> actual,
                         std::optional<PushedFlags> flags = std::nullopt,
                         std::optional<std::uint32_t> halt_at = std::nullopt);

// Per clock: the first differing field of each clock (kLength past the end of the shorter
// trace), for marking every differing line of a side-by-side listing.
std::vector<BusField> cycle_diffs(CpuModel model, std::span<const MooCycle> expected,
                                  std::span<const BusCycle> actual,
                                  std::optional<PushedFlags> flags = std::nullopt,
                                  std::optional<std::uint32_t> halt_at = std::nullopt);

// The 80286 captures' one recurring timing artifact (docs/conformance.md, "The capture
// signature"): from a bus cycle on, the chip's trace runs one clock ahead of the core's, and
// the address of that cycle or of the one before it drives at most kLowAddressLines of the
// 24 address lines high. True when `actual` is `expected` with one or more idle clocks
// inserted, each at a clock that opens a bus cycle in `expected` under that address
// condition; `diff` is the traces' first difference. A diagnosis for the report only: such a
// test still fails its cycle and bus checks.
inline constexpr unsigned kLowAddressLines = 4;
bool capture_signature(CpuModel model, std::span<const MooCycle> expected,
                       std::span<const BusCycle> actual, const TraceDiff& diff,
                       std::optional<PushedFlags> flags = std::nullopt,
                       std::optional<std::uint32_t> halt_at = std::nullopt);

// The CpuState member holding each MOO register (indexed by MooReg).
inline constexpr std::array<std::uint16_t CpuState::*, kMooRegCount> kCpuStateReg{
    &CpuState::ax, &CpuState::bx, &CpuState::cx, &CpuState::dx, &CpuState::cs,
    &CpuState::ss, &CpuState::ds, &CpuState::es, &CpuState::sp, &CpuState::bp,
    &CpuState::si, &CpuState::di, &CpuState::ip, &CpuState::flags};

// A register of a CpuState by MOO index, and the CpuState a test starts from.
std::uint16_t cpu_reg(const CpuState& s, unsigned moo_reg);
CpuState initial_state(CpuModel model, const MooTest& t);
// Expected final value of a register: FINA if given, else unchanged from INIT.
std::uint16_t expected_reg(const MooTest& t, unsigned moo_reg);

// 286: the physical address of the HLT that ends the test (final CS:IP - 1), where the
// harness injects F4h at the first code fetch after a jump or exception; `halt_at` of the
// trace comparisons. None for the 808x.
std::optional<std::uint32_t> terminating_halt_address(CpuModel model, const MooTest& t);

// The physical address of a FLAGS word pushed by an exception during the test, if any: the
// EXCP chunk's address (286; plus one when the initial SP is odd, as EXCP has A0 cleared), or for the 808x (which has no EXCP chunk) SS:SP-2 of the
// initial state when the expected trace reads the interrupt vector table's first entry —
// the divide-error (type 0) signature the suite's README describes.
std::optional<std::uint32_t> pushed_flags_address(CpuModel model, const MooTest& t);

struct MemDiff {
  std::uint32_t address;
  std::uint8_t expected, actual, mask;
};

struct StateDiff {
  std::uint16_t reg_mismatch = 0;  // bit per MooReg
  std::vector<MemDiff> mem;         // only mismatching bytes
  bool ok() const { return reg_mismatch == 0 && mem.empty(); }
};

// `read_mem(addr)` returns the emulated machine's byte at a physical address.
template <typename ReadMem>
StateDiff compare_state(CpuModel model, const MooTest& t, std::uint16_t flags_mask,
                        const CpuState& actual, ReadMem&& read_mem) {
  StateDiff d;
  for (unsigned r = 0; r < kMooRegCount; ++r) {
    std::uint16_t want = expected_reg(t, r), got = cpu_reg(actual, r);
    if (r == kFlags) {
      want &= flags_mask;
      got &= flags_mask;
    }
    if (want != got) d.reg_mismatch |= std::uint16_t(1u << r);
  }
  std::optional<std::uint32_t> fa = pushed_flags_address(model, t);
  std::uint32_t amask = model == CpuModel::i80286 ? 0xFFFFFFu : 0xFFFFFu;
  for (const auto& b : t.fina.ram) {
    std::uint8_t mask = 0xFF;
    if (fa) {
      if ((b.address & amask) == (*fa & amask)) mask = std::uint8_t(flags_mask);
      if ((b.address & amask) == ((*fa + 1) & amask)) mask = std::uint8_t(flags_mask >> 8);
    }
    std::uint8_t got = read_mem(b.address & amask);
    if ((got & mask) != (b.value & mask)) d.mem.push_back({b.address, b.value, got, mask});
  }
  return d;
}

}  // namespace quartz::conformance
