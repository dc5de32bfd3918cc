#include "app/conformance/sst_compare.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace quartz::conformance {

namespace {

constexpr std::array<std::string_view, std::size_t(BusField::kCount)> kFieldNames{
    "none",   "length", "ALE",    "address", "BHE",        "bus status",
    "T-state", "memory status", "I/O status", "data", "segment", "queue op", "queue byte"};

// 808x T-state codes in MOO traces.
constexpr std::uint8_t kT2 = 2, kT3 = 3, kT4 = 4, kTw = 5;
// 286 T-state code of the command clock, on whose end data is sampled (read) or held (write).
constexpr std::uint8_t kTc = 2;

// The 286 bus status is the raw S0,S1,M/IO,COD/INTA nibble. With S1=S0=1 no cycle is starting
// and M/IO, COD/INTA just hold their last value, so every such code is "passive" alike.
std::uint8_t status_class(bool is286, std::uint8_t s) {
  if (is286) return (s & 3) == 3 ? 0xFF : s;
  return s & 7;
}

// Byte lanes carrying data in a transfer (8086 User's Manual, "Bus High Enable": BHE# low and
// A0 low = word; BHE# high, A0 low = even byte on D0-D7; BHE# low, A0 high = odd byte on
// D8-D15). BHE# is active low, as recorded in the trace.
std::uint16_t lane_mask(bool is8088, std::uint32_t addr, std::uint8_t bhe_pin) {
  if (is8088) return 0x00FF;
  bool a0 = addr & 1, bhe = bhe_pin == 0;
  if (!a0) return bhe ? 0xFFFF : 0x00FF;
  return bhe ? 0xFF00 : 0x0000;
}

}  // namespace

std::string_view bus_field_name(BusField f) {
  auto i = std::size_t(f);
  return i < kFieldNames.size() ? kFieldNames[i] : "?";
}

namespace {

// What the expected trace's current transfer latched on its ALE clock.
struct Transfer {
  std::uint16_t lanes = 0xFFFF;  // byte lanes carrying data
  bool code = false;             // a code fetch
  std::uint32_t address = 0;
};

constexpr std::uint8_t k808xCode = 6;  // S2-S0 = 100b: code access
constexpr std::uint8_t k286Code = 13;  // S0=1 S1=0 M/IO=1 COD/INTA=1: code read

// Byte lanes of a data clock worth comparing. The 808x captures' harness answered every code
// fetch after the instruction's own bytes with NOP (8086 README, "Instruction Prefetching"),
// whatever the test's RAM holds there: a jump back into the instruction fetches 90h on the
// real bus but the listed byte from emulated RAM. So expected 90h code bytes are not compared
// (a fetch from a wrong address is still caught by the address check).
//
// The 286 harness instead answers the first code fetch after a jump or an exception with an
// injected HLT (80286 README, "Test Methodology"), and the test's RAM lists that F4h at the
// address, while a fetch of the same address before the jump read the byte that was there.
// So at the terminating HLT's address, code bytes other than F4h are not compared.
std::uint16_t data_lanes(CpuModel model, const Transfer& x, std::uint16_t expected_data,
                         std::optional<std::uint32_t> halt_at) {
  std::uint16_t lanes = x.lanes;
  if (!x.code) return lanes;
  if (model == CpuModel::i80286) {
    if (!halt_at) return lanes;
    const std::uint32_t even = x.address & 0xFFFFFEu, halt = *halt_at & 0xFFFFFFu;
    if (halt == even && (expected_data & 0x00FF) != 0x00F4) lanes &= 0xFF00;
    if (halt == even + 1 && (expected_data & 0xFF00) != 0xF400) lanes &= 0x00FF;
    return lanes;
  }
  if ((expected_data & 0x00FF) == 0x0090) lanes &= 0xFF00;
  if ((expected_data & 0xFF00) == 0x9000) lanes &= 0x00FF;
  return lanes;
}

// Bits of a write's data bus to compare when the transfer stores (part of) a pushed FLAGS
// word: its undefined flags are left out, as in the memory comparison.
std::uint16_t flags_write_mask(CpuModel model, const Transfer& x,
                               const std::optional<PushedFlags>& f) {
  if (!f || f->mask == 0xFFFF) return 0xFFFF;
  const std::uint32_t amask = model == CpuModel::i80286 ? 0xFFFFFFu : 0xFFFFFu;
  auto byte_mask = [&](std::uint32_t a) -> std::uint16_t {
    a &= amask;
    if (a == (f->address & amask)) return f->mask & 0xFF;
    if (a == ((f->address + 1) & amask)) return f->mask >> 8;
    return 0xFF;
  };
  // The 8088 moves every byte on D0-D7; the 8086 and 286 put even addresses on D0-D7 and odd
  // ones on D8-D15.
  if (model == CpuModel::i8088) return std::uint16_t(0xFF00 | byte_mask(x.address));
  std::uint32_t even = x.address & ~1u;
  return std::uint16_t(byte_mask(even) | (byte_mask(even + 1) << 8));
}

// The transfer the expected trace starts on an ALE clock.
Transfer latch(CpuModel model, const BusCycle& e) {
  Transfer x;
  x.lanes = lane_mask(model == CpuModel::i8088, e.address, e.bhe & 1);
  x.code = model == CpuModel::i80286 ? e.bus_status == k286Code
                                      : (e.bus_status & 7) == k808xCode;
  x.address = e.address;
  return x;
}

// Compares one clock; `x` carries the expected trace's current transfer from its ALE clock to
// the data clock.
BusField compare_cycle(CpuModel model, const BusCycle& e, const BusCycle& a, Transfer& x,
                       const std::optional<PushedFlags>& flags,
                       std::optional<std::uint32_t> halt_at) {
  const bool is286 = model == CpuModel::i80286;
  const bool is8088 = model == CpuModel::i8088;
  const std::uint32_t amask = is286 ? 0xFFFFFFu : 0xFFFFFu;
  if ((e.ale != 0) != (a.ale != 0)) return BusField::kAle;
  if (e.ale) {
    if ((e.address & amask) != (a.address & amask)) return BusField::kAddress;
    // The 8088's pin 34 is SS0, not BHE#: nothing to compare there.
    if (!is8088 && (e.bhe & 1) != (a.bhe & 1)) return BusField::kBhe;
    x = latch(model, e);
  }
  if (status_class(is286, e.bus_status) != status_class(is286, a.bus_status))
    return BusField::kStatus;
  if (e.t_state != a.t_state) return BusField::kTState;
  if (e.mem_status != a.mem_status) return BusField::kMemStatus;
  if (e.io_status != a.io_status) return BusField::kIoStatus;
  // The data bus is meaningful only on the clock the command strobe samples it (808x: T3
  // or a wait state; 286: Tc) while a read (bit 2) or write (bit 0) command is active.
  bool data_clock = is286 ? e.t_state == kTc : (e.t_state == kT3 || e.t_state == kTw);
  if (data_clock && ((e.mem_status | e.io_status) & 5)) {
    std::uint16_t compared = data_lanes(model, x, e.data, halt_at);
    if (e.mem_status & 1) compared &= flags_write_mask(model, x, flags);
    if ((e.data ^ a.data) & compared) return BusField::kData;
  }
  if (!is286) {
    bool s34_valid = e.t_state == kT2 || e.t_state == kT3 || e.t_state == kT4 || e.t_state == kTw;
    if (s34_valid && e.segment != a.segment) return BusField::kSegment;
    if (e.queue_op != a.queue_op) return BusField::kQueueOp;
    if ((e.queue_op == 1 || e.queue_op == 3) && e.queue_byte != a.queue_byte)
      return BusField::kQueueByte;
  }
  return BusField::kNone;
}

}  // namespace

TraceDiff compare_traces(CpuModel model, std::span<const MooCycle> expected,
                         std::span<const BusCycle> actual, std::optional<PushedFlags> flags,
                         std::optional<std::uint32_t> halt_at) {
  Transfer x;
  std::size_t n = std::min(expected.size(), actual.size());
  for (std::size_t i = 0; i < n; ++i) {
    BusField f = compare_cycle(model, expected[i].bus, actual[i], x, flags, halt_at);
    if (f != BusField::kNone) return TraceDiff{f, i};
  }
  if (expected.size() != actual.size()) return TraceDiff{BusField::kLength, n};
  return {};
}

std::vector<BusField> cycle_diffs(CpuModel model, std::span<const MooCycle> expected,
                                  std::span<const BusCycle> actual,
                                  std::optional<PushedFlags> flags,
                                  std::optional<std::uint32_t> halt_at) {
  Transfer x;
  std::size_t n = std::max(expected.size(), actual.size());
  std::vector<BusField> out(n, BusField::kLength);
  for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
    // Keep the transfer state following the expected trace even past a mismatch.
    const BusCycle& e = expected[i].bus;
    if (e.ale) x = latch(model, e);
    Transfer copy = x;
    out[i] = compare_cycle(model, e, actual[i], copy, flags, halt_at);
  }
  return out;
}

bool capture_signature(CpuModel model, std::span<const MooCycle> expected,
                       std::span<const BusCycle> actual, const TraceDiff& diff,
                       std::optional<PushedFlags> flags, std::optional<std::uint32_t> halt_at) {
  if (model != CpuModel::i80286 || diff.ok() || actual.size() <= expected.size()) return false;
  auto low = [](std::uint32_t a) {
    return unsigned(std::popcount(a & 0xFFFFFFu)) <= kLowAddressLines;
  };
  // The address of the chip's last ALE clock before clock `i`, if any.
  auto previous_address = [&](std::size_t i) -> std::optional<std::uint32_t> {
    for (std::size_t k = i; k-- > 0;) {
      if (expected[k].bus.ale) return expected[k].bus.address;
    }
    return std::nullopt;
  };
  // Re-align the traces one idle clock at a time; each re-alignment must fall on a bus
  // cycle's ALE clock in the chip's trace where Quartz idles, beside a low address.
  std::size_t i = diff.cycle, late = 0;
  while (late < actual.size() - expected.size()) {
    if (i >= expected.size() || !expected[i].bus.ale) return false;
    const BusCycle& idle = actual[i + late];
    if (idle.ale || idle.t_state != 0) return false;
    const std::optional<std::uint32_t> previous = previous_address(i);
    if (!low(expected[i].bus.address) && !(previous && low(*previous))) return false;
    ++late;
    const TraceDiff rest =
        compare_traces(model, expected.subspan(i), actual.subspan(i + late), flags, halt_at);
    if (rest.ok()) return true;
    if (rest.field == BusField::kLength) return false;
    i += rest.cycle;
  }
  return false;
}

std::uint16_t cpu_reg(const CpuState& s, unsigned r) {
  return r < kMooRegCount ? s.*kCpuStateReg[r] : 0;
}

std::uint16_t expected_reg(const MooTest& t, unsigned r) {
  return t.fina.regs.has(r) ? t.fina.regs.value[r] : t.init.regs.value[r];
}

CpuState initial_state(CpuModel model, const MooTest& t) {
  CpuState s;
  for (unsigned r = 0; r < kMooRegCount; ++r) s.*kCpuStateReg[r] = t.init.regs.value[r];
  if (model == CpuModel::i80286) {
    // Real mode: every descriptor cache holds base = selector * 16, limit FFFF, data r/w
    // (80286 PRM, "Real Address Mode"). Segment order ES, CS, SS, DS as in CpuState.
    const std::uint16_t sel[4] = {s.es, s.cs, s.ss, s.ds};
    for (int i = 0; i < 4; ++i) {
      s.seg_cache[i] = SegmentCache{};
      s.seg_cache[i].base = std::uint32_t(sel[i]) << 4;
    }
  }
  return s;
}

std::optional<std::uint32_t> terminating_halt_address(CpuModel model, const MooTest& t) {
  if (model != CpuModel::i80286) return std::nullopt;
  // Real mode: CS base = selector * 16; the final IP is one past the HLT.
  const std::uint32_t cs = expected_reg(t, kCs), ip = expected_reg(t, kIp);
  return ((cs << 4) + ((ip - 1) & 0xFFFFu)) & 0xFFFFFFu;
}

std::optional<std::uint32_t> pushed_flags_address(CpuModel model, const MooTest& t) {
  if (t.has_exception) {
    // The EXCP chunk holds the FLAGS word's address with A0 cleared: with an odd SP the
    // 80286 stores the word at the odd address SS:SP-2 in two byte cycles (captures: the
    // first write goes to EXCP+1 with BHE# asserted, the second to EXCP+2), yet EXCP is
    // EXCP+1 - 1. Every push and pop moves SP by two and a faulting instruction leaves SP
    // as it found it, so the word's parity is the initial SP's.
    if (model == CpuModel::i80286)
      return (t.exception_flag_address & ~1u) | (t.init.regs.value[kSp] & 1u);
    return t.exception_flag_address;
  }
  if (model == CpuModel::i80286) return std::nullopt;
  constexpr std::uint8_t kMemr = 3;  // 808x S2-S0 = 101b: read memory
  for (const auto& c : t.cycles) {
    if (c.bus.ale && c.bus.bus_status == kMemr && (c.bus.address & 0xFFFFF) < 4) {
      const auto& v = t.init.regs.value;
      std::uint16_t sp = std::uint16_t(v[kSp] - 2);
      return ((std::uint32_t(v[kSs]) << 4) + sp) & 0xFFFFF;
    }
  }
  return std::nullopt;
}

}  // namespace quartz::conformance
