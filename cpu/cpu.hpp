#pragma once
// The public face of the x86 core: what the machine, the debugger and the conformance runner
// may use. Internals (register file layout, decode tables, BIU) live behind it in cpu/.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "memory/bus.hpp"

namespace quartz {

enum class CpuModel : std::uint8_t { i8088, i8086, i80286 };
std::string_view cpu_model_name(CpuModel m);
// Parses "8088", "8086", "80286"/"286"; returns false on anything else.
bool parse_cpu_model(std::string_view s, CpuModel& out);

// A segment descriptor cache entry (80286 hidden state; in real mode base = selector << 4).
struct SegmentCache {
  std::uint32_t base = 0;
  std::uint16_t limit = 0xFFFF;
  std::uint8_t access = 0x93;  // present, DPL0, data read/write (real-mode reset value)
  bool valid = true;
};

struct DescriptorTableReg {
  std::uint32_t base = 0;
  std::uint16_t limit = 0xFFFF;
};

// Architectural state. Segment indices follow the x86 encoding: ES=0, CS=1, SS=2, DS=3.
struct CpuState {
  std::uint16_t ax = 0, bx = 0, cx = 0, dx = 0;
  std::uint16_t sp = 0, bp = 0, si = 0, di = 0;
  std::uint16_t es = 0, cs = 0, ss = 0, ds = 0;
  std::uint16_t ip = 0, flags = 0;
  // 80286 only (ignored by 8086/8088): machine status word and hidden registers.
  std::uint16_t msw = 0xFFF0;
  std::array<SegmentCache, 4> seg_cache{};
  DescriptorTableReg gdtr{}, idtr{};
  std::uint16_t ldtr = 0, tr = 0;
  SegmentCache ldtr_cache{}, tr_cache{};
  std::uint8_t cpl = 0;
};

// One CPU clock as seen on the pins; the encodings are those of the SingleStepTests MOO
// format (../shared/testdata/sst/MOO.md) so traces compare directly.
struct BusCycle {
  std::uint32_t address = 0;     // address latch (multiplexed bus value on the 808x)
  std::uint16_t data = 0;        // data bus when driven
  std::uint8_t ale = 0;          // ALE pin (1 on the T1/Ts that latches an address)
  std::uint8_t bhe = 0;          // BHE# (8086/286)
  std::uint8_t segment = 4;      // 808x S3/S4: 0 ES, 1 SS, 2 CS/none, 3 DS, 4 n/a
  std::uint8_t mem_status = 0;   // bit0 write, bit1 advanced write, bit2 read
  std::uint8_t io_status = 0;    // same bits
  std::uint8_t bus_status = 0;   // 8086: 0 INTA 1 IOR 2 IOW 3 MEMR 4 MEMW 5 HALT 6 CODE 7 PASV
                                 // 286:  0 INTA 4 HALT 5 MEMR 6 MEMW 9 IOR 10 IOW 13 CODE
  std::uint8_t t_state = 0;      // 808x: 0 Ti 1 T1 2 T2 3 T3 4 T4 5 Tw; 286: 0 Ti 1 Ts 2 Tc
  std::uint8_t queue_op = 0;     // 808x QS: 0 none 1 first byte 2 flush 3 subsequent byte
  std::uint8_t queue_byte = 0;   // byte read from the queue when queue_op is 1 or 3
};

class CycleTraceSink {
 public:
  virtual ~CycleTraceSink() = default;
  virtual void on_cycle(const BusCycle& c) = 0;
};

// The interrupt controller as the CPU sees it: INTR is a level set by the board; during the
// two INTA bus cycles the CPU asks for the vector.
class InterruptAcknowledge {
 public:
  virtual ~InterruptAcknowledge() = default;
  virtual std::uint8_t acknowledge() = 0;
};

// Debugger hooks; checked only when installed (cold path otherwise).
class CpuHooks {
 public:
  virtual ~CpuHooks() = default;
  // Called before each instruction with the linear address of CS:IP. Return true to stop
  // before executing it.
  virtual bool before_instruction(std::uint32_t /*linear_ip*/) { return false; }
  virtual void on_interrupt(std::uint8_t /*vector*/, bool /*software*/) {}
};

enum class StopReason : std::uint8_t {
  kBudget,    // reached the cycle deadline
  kHalted,    // HLT with no interrupt to wake it (time still advances to the deadline)
  kHook,      // a CpuHooks::before_instruction asked to stop
  kShutdown,  // 80286 shutdown bus cycle after a triple fault
};

class Cpu {
 public:
  virtual ~Cpu() = default;
  virtual CpuModel model() const = 0;

  // Hardware RESET: CS=FFFF IP=0 on the 808x (F000:FFF0 with CS base FFFF0 on the 286).
  virtual void reset() = 0;

  // Run until cycles() >= deadline, or a hook stops it. Interrupts are sampled between
  // instructions as the chip does.
  virtual StopReason run(std::uint64_t deadline) = 0;
  // Make run() return at the next instruction boundary even though its deadline is not
  // reached (the board calls it when an I/O access moved a device's next event earlier).
  virtual void request_return() = 0;
  // Execute exactly one instruction (including its prefixes, or the service of one pending
  // interrupt). Returns the number of clocks it took.
  virtual std::uint32_t step() = 0;

  // CPU clocks since reset. Exact mid-instruction as well: during a bus cycle it is the
  // clock of that cycle's T-state, so a device access sees the time on the pins.
  virtual std::uint64_t cycles() const = 0;

  virtual CpuState state() const = 0;
  virtual void set_state(const CpuState& s) = 0;
  // Contents of the prefetch queue, oldest byte first.
  virtual std::vector<std::uint8_t> queue() const = 0;

  // Pins.
  virtual void set_intr(bool level) = 0;
  virtual void set_nmi(bool level) = 0;
  virtual void set_interrupt_controller(InterruptAcknowledge* pic) = 0;
  virtual bool halted() const = 0;

  virtual void set_hooks(CpuHooks* hooks) = 0;
  virtual void set_trace(CycleTraceSink* sink) = 0;

  // Decode cache on/off (for `quartz bench` and debugging); behaviour must be identical.
  virtual void set_decode_cache(bool on) = 0;

  // Clocks taken by the most recently completed instruction (for the debugger's listing).
  virtual std::uint32_t last_instruction_cycles() const = 0;

  // --- SingleStepTests support ---------------------------------------------------------
  // Load a test's initial state. `queue` is the initial prefetch-queue content (808x); the
  // CPU starts as after a queue flush with those bytes installed and CS:IP pointing past
  // them, as the suite's README describes.
  virtual void conformance_begin(const CpuState& init, std::span<const std::uint8_t> queue) = 0;
  // Execute the test's instruction with the suite's framing: 8086/8088 from the cycle the
  // first byte leaves the queue until the next instruction's first byte leaves it; 80286
  // from the jump-flushed start through the HLT bus cycle that follows the instruction.
  virtual void conformance_step() = 0;
};

std::unique_ptr<Cpu> make_cpu(CpuModel model, Bus& bus);

}  // namespace quartz
