#pragma once
// The 8086/8088 core: an execution unit (EU) that runs one instruction at a time through
// small handlers chosen from opcode tables, and a bus interface unit (BIU) stepped one CPU
// clock at a time (T1-T4, Tw, Ti) that prefetches into the instruction queue while the EU
// computes. Internal to cpu/; the rest of Quartz sees only cpu/cpu.hpp.
#include <array>
#include <cstdint>
#include <vector>

#include "cpu/cpu.hpp"
#include "cpu/decode_cache.hpp"
#include "cpu/model_traits.hpp"
#include "cpu/prefetch_queue.hpp"
#include "cpu/protected_mode.hpp"

namespace quartz {

// Register numbers in the x86 ModRM encoding.
enum Reg16 : std::uint8_t { kAX, kCX, kDX, kBX, kSP, kBP, kSI, kDI };
enum SegReg : std::uint8_t { kES, kCS, kSS, kDS };

namespace flag {
inline constexpr std::uint16_t CF = 0x0001, PF = 0x0004, AF = 0x0010, ZF = 0x0040,
                               SF = 0x0080, TF = 0x0100, IF = 0x0200, DF = 0x0400,
                               OF = 0x0800;
}

// 8086 status lines S2-S0 as the MOO captures encode them (8086 datasheet, table "S2 S1 S0").
namespace bus_status {
inline constexpr std::uint8_t kInta = 0, kIoRead = 1, kIoWrite = 2, kMemRead = 3,
                              kMemWrite = 4, kHalt = 5, kCode = 6, kPassive = 7;
}

enum TState : std::uint8_t { kTi = 0, kT1 = 1, kT2 = 2, kT3 = 3, kT4 = 4, kTw = 5 };

class Cpu808x;
using Handler = void (*)(Cpu808x&);

// One row of an opcode map (decode_tables.cpp).
enum class Form : std::uint8_t {
  kNone,    // handler reads its own operands from the queue
  kModrm,   // decoder reads ModRM (and computes the EA) before the handler runs
  kGroup,   // ModRM.reg selects a row of a group table
  kPrefix,  // segment override, LOCK, REP
};

// 80286 EU timing of one opcode row (cpu/timing_286.cpp). The 286 documents each
// instruction's clocks assuming it is already decoded (iAPX 286 PRM, "Instruction set
// summary"); most handlers fit one shape: a register form of `reg` clocks, or memory forms
// whose bus requests go out `pre` clocks after the start and `gap` clocks after the previous
// bus cycle (a read's data, a posted write's Ts), ending `post` clocks after the last one.
struct Timing286 {
  std::uint8_t reg = 0, pre = 0, gap = 0, post = 0;
  bool generic = false;  // the row times the handler (whose own clk() calls are muted)
  // The address unit's extra clock for base+index+displacement does not delay the
  // instruction: its first bus cycle does not use the EA (POP r/m reads the stack first).
  bool ea_overlaps = false;
};

struct OpcodeInfo {
  Handler fn;
  Form form;
  std::uint8_t arg;     // handler parameter: ALU op, register, condition, segment...
  const OpcodeInfo* group;  // kGroup: the 8 rows selected by ModRM.reg
  const char* mnemonic;
  std::uint8_t clocks;      // EU clocks of single-step handlers (Intel timing minus the fetch)
  Timing286 t286;           // 286 map only
};

const OpcodeInfo* opcode_map_808x();
const OpcodeInfo* opcode_map_286();  // decode_tables_286.cpp

// A fault raised in the middle of an instruction (80286: interrupt 13 on a segment wrap).
// The EU abandons the instruction, restores the registers it started with and runs the
// interrupt with the faulting instruction's address (80286 PRM, real-mode exceptions).
struct CpuFault {
  std::uint8_t vector;
  bool at_decode = false;  // 286: raised as the EU takes the instruction (over 10 bytes)
};

// 80286 shutdown (PRM 11.6): a fault while delivering a double fault in protected mode, or
// the real-mode cases of the datasheet ("Shutdown"). Thrown out of the instruction; step()
// runs the shutdown bus cycle and stops the core (Cpu808x::enter_shutdown).
struct CpuShutdown {};

// The instruction being executed.
struct Insn {
  std::uint8_t op = 0, modrm = 0, mod = 0, reg = 0, rm = 0, arg = 0;
  std::uint8_t clocks = 0;  // the row's clock count (OpcodeInfo::clocks)
  bool w = false;           // word operation (opcode bit 0 for most)
  std::int8_t seg_override = -1;
  std::uint8_t rep = 0;     // 0, 0xF2 (REPNE) or 0xF3 (REP/REPE)
  bool lock = false;
  std::uint8_t ea_seg = kDS;
  std::uint16_t ea = 0;
  std::uint16_t start_ip = 0;  // IP of the last prefix byte (808x REP restarts)
  std::uint16_t insn_ip = 0;   // IP of the first byte, prefixes included (286 faults)
  bool ea_extra = false;       // 286: base+index+displacement, one more address-unit clock
};

class Cpu808x final : public Cpu, private CodeWriteListener {
 public:
  Cpu808x(CpuModel model, Bus& bus);
  ~Cpu808x() override;

  // --- Cpu interface --------------------------------------------------------------------
  CpuModel model() const override { return traits_.model; }
  void reset() override;
  StopReason run(std::uint64_t deadline) override;
  void request_return() override { return_requested_ = true; }
  std::uint32_t step() override;
  std::uint64_t cycles() const override { return cycles_; }
  CpuState state() const override;
  void set_state(const CpuState& s) override;
  std::vector<std::uint8_t> queue() const override;
  void set_intr(bool level) override { intr_ = level; }
  void set_nmi(bool level) override {
    if (level && !nmi_level_) nmi_pending_ = true;  // NMI is edge-triggered (datasheet)
    nmi_level_ = level;
  }
  void set_interrupt_controller(InterruptAcknowledge* pic) override { pic_ = pic; }
  bool halted() const override { return halted_; }
  void set_hooks(CpuHooks* hooks) override { hooks_ = hooks; }
  void set_trace(CycleTraceSink* sink) override {
    flush_trace();
    sink_ = sink;
  }
  void set_decode_cache(bool on) override;
  std::uint32_t last_instruction_cycles() const override { return last_insn_cycles_; }
  void conformance_begin(const CpuState& init, std::span<const std::uint8_t> queue) override;
  void conformance_step() override;

  // --- register file (handlers) ------------------------------------------------------
  std::uint16_t& r16(unsigned i) { return regs_[i]; }
  std::uint8_t r8(unsigned i) const {
    return i < 4 ? std::uint8_t(regs_[i]) : std::uint8_t(regs_[i - 4] >> 8);
  }
  void set_r8(unsigned i, std::uint8_t v) {
    if (i < 4) regs_[i] = std::uint16_t((regs_[i] & 0xFF00) | v);
    else regs_[i - 4] = std::uint16_t((regs_[i - 4] & 0x00FF) | (v << 8));
  }
  std::uint16_t reg(unsigned i, bool w) const { return w ? regs_[i] : r8(i); }
  void set_reg(unsigned i, bool w, std::uint16_t v) {
    if (w) regs_[i] = v;
    else set_r8(i, std::uint8_t(v));
  }
  std::uint16_t& sreg(unsigned i) { return sregs_[i & 3]; }
  std::uint16_t flags() const { return flags_; }
  void set_flags(std::uint16_t f) { flags_ = normalize_flags(f); }
  bool get_flag(std::uint16_t f) const { return flags_ & f; }
  void set_flag(std::uint16_t f, bool on) { flags_ = on ? (flags_ | f) : (flags_ & ~f); }
  std::uint16_t normalize_flags(std::uint16_t f) const {
    const std::uint16_t f0 = f;
    // Bits 1 reads as 1, bits 3/5 as 0; on the 808x bits 12-15 read as 1.
    f = std::uint16_t((f & 0x0FD5) | 0x0002);
    if (msw_ & 1) f |= std::uint16_t(f0 & 0x7000);  // 286 protected mode: IOPL and NT
    if (traits_.flags_high_bits_set) f |= 0xF000;
    return f;
  }
  std::uint16_t ip() const { return ip_; }
  // Set IP without touching the queue (the caller flushes).
  void ip_set(std::uint16_t v) { ip_ = v; }
  const ModelTraits& traits() const { return traits_; }
  Insn& insn() { return d_; }

  // --- EU timing primitives -------------------------------------------------------------
  // n internal EU clocks (none while a generic 286 timing row times the handler).
  void clk(unsigned n) {
    if (!mute_clk_) [[likely]] eu_clocks(n);
  }
  void eu_clocks(unsigned n);
  // Read the next instruction byte from the queue (waits for the BIU if it is empty).
  std::uint8_t q_read8(bool first = false) {
    // 80286: the decoder has already taken the instruction's bytes; the EU reads its
    // operands from the decoded instruction without spending clocks.
    if (traits_.pipelined_bus && !q_.empty() && insn_len_ < traits_.max_insn_len) [[likely]] {
      ++insn_len_;
      ++ip_;
      return q_.pop();
    }
    return q_read8_slow(first);
  }
  std::uint8_t q_read8_slow(bool first);
  // Bytes of the current instruction taken so far (286 length limit).
  std::uint8_t insn_len_ = 0;
  std::uint16_t q_read16() {
    std::uint16_t lo = q_read8();
    return std::uint16_t(lo | (q_read8() << 8));
  }
  // Bus transfers requested by the EU; the EU resumes in the T4 clock of the last cycle.
  std::uint8_t mem_read8(unsigned seg, std::uint16_t off);
  std::uint16_t mem_read16(unsigned seg, std::uint16_t off);
  // Interrupt-vector fetch: physical 0:off, S4:S3 = "CS or none".
  std::uint16_t vector_read16(std::uint16_t off);
  // 80286 protected mode: descriptor-table, gate and TSS accesses at a physical address,
  // as bus cycles (a word at an even address, else a byte).
  std::uint16_t system_read(std::uint32_t phys, bool word);
  void system_write(std::uint32_t phys, bool word, std::uint16_t v);
  void mem_write8(unsigned seg, std::uint16_t off, std::uint8_t v);
  void mem_write16(unsigned seg, std::uint16_t off, std::uint16_t v);
  std::uint16_t mem_read(unsigned seg, std::uint16_t off, bool w) {
    return w ? mem_read16(seg, off) : mem_read8(seg, off);
  }
  void mem_write(unsigned seg, std::uint16_t off, bool w, std::uint16_t v) {
    if (w) mem_write16(seg, off, v);
    else mem_write8(seg, off, std::uint8_t(v));
  }
  // `port` may be 10000h: the 286 carries the second byte of a word at port FFFFh onto A16.
  std::uint16_t io_read(std::uint32_t port, bool w);
  void io_write(std::uint32_t port, bool w, std::uint16_t v);
  std::uint32_t io_next_port(std::uint32_t port) const;
  // Two INTA bus cycles; the vector is taken from the interrupt controller in the second.
  std::uint8_t inta_cycles();
  // The HALT status cycle.
  void halt_cycle();
  // Empty the queue and restart prefetching at CS:ip (jumps, calls, returns, interrupts).
  void flush_queue();
  // Jumps first stop the prefetcher (no new code fetch starts; one on the bus completes),
  // then flush once the bus has been quiet for `d` clocks after the last T4.
  void suspend_prefetch() {
    fetch_suspended_ = true;
    // A suspend raised in the clock where the BIU made its T3 decision still wins.
    if (t_ == kT3) continue_fetch_ = false;
  }
  void flush_after(unsigned d);
  // Wait (prefetch suspended) until no bus cycle runs and `d` clocks have passed its T4.
  void wait_quiet(unsigned d);
  // Jump within the current code segment / to a new CS:IP.
  void jump_near(std::uint16_t new_ip) {
    ip_ = new_ip;
    flush_queue();
  }
  void jump_far(std::uint16_t cs, std::uint16_t new_ip) {
    sregs_[kCS] = cs;
    ip_ = new_ip;
    flush_queue();
  }
  // Segment register used for a default segment, honouring an override prefix.
  unsigned seg_for(unsigned def) const {
    return d_.seg_override >= 0 ? unsigned(d_.seg_override) : def;
  }

  // --- ModRM operands (modrm.cpp) -----------------------------------------------------
  void read_modrm();             // reads ModRM and, for memory forms, computes the EA
  std::uint16_t rm_read();       // r/m operand (register or memory) of width d_.w
  void rm_write(std::uint16_t v);
  std::uint16_t rm_read_w(bool w);
  void rm_write_w(bool w, std::uint16_t v);
  bool rm_is_reg() const { return d_.mod == 3; }

  // --- stack -----------------------------------------------------------------------
  void push16(std::uint16_t v) {
    regs_[kSP] = std::uint16_t(regs_[kSP] - 2);
    mem_write16(kSS, regs_[kSP], v);
  }
  std::uint16_t pop16() {
    std::uint16_t v = mem_read16(kSS, regs_[kSP]);
    regs_[kSP] = std::uint16_t(regs_[kSP] + 2);
    return v;
  }

  // --- interrupts (interrupts.cpp) ---------------------------------------------------
  // The interrupt sequence common to INT n, exceptions, NMI and INTR: push FLAGS, CS, IP,
  // clear IF/TF, load CS:IP from the vector table.
  void interrupt(std::uint8_t vector, std::uint16_t return_ip, bool software = false);
  bool interrupt_pending() const;
  void divide_error();
  // Abandon the instruction and take exception `vector` (throws CpuFault, caught by step()).
  [[noreturn]] void fault(std::uint8_t vector, bool at_decode = false) {
    if (msw_ & 1) pm_.fault_pending = true;  // protected mode: delivered as an exception
    throw CpuFault{vector, at_decode};
  }
  // 80286 machine status word (LMSW/SMSW); real mode keeps PE clear until LMSW sets it.
  std::uint16_t msw_ = 0xFFF0;
  // 80286 hidden registers (GDTR, IDTR, LDTR, TR, CPL; cpu/protected_mode.hpp).
  PmRegs pm_;
  Bus& bus() { return bus_; }
  bool halted_ = false;
  // 80286 BOUND: its interrupt 5 leaves an idle clock after the FLAGS push (captures).
  bool int_flags_gap_ = false;
  bool inhibit_irq_ = false;  // set by MOV/POP to a segment register and by prefixes
  // 80286 shutdown state (cpu/shutdown.cpp): halted, INTR ignored, left by NMI or RESET.
  bool shutdown_ = false;
  bool shutdown_entered_ = false;  // run() reports StopReason::kShutdown once
  void enter_shutdown();
  // Abandon the event being delivered for `ip`'s instruction (throws CpuShutdown).
  [[noreturn]] void shutdown_at(std::uint16_t ip);
  // True when a pending NMI ends the shutdown state (consumes an NMI that cannot).
  bool shutdown_nmi_exits();
  // Real mode: the segment overrun just raised came from a CALL or PUSH wrapping the stack
  // with an odd SP, which shuts the 286 down instead (cpu/shutdown.cpp).
  bool stack_wrap_shuts_down() const;
  // Real-mode interrupt table limit (80286 datasheet, "Interrupt table limit too small"):
  // the vector to deliver for `vector`; throws CpuShutdown where the 286 shuts down.
  std::uint8_t real_mode_vector(std::uint8_t vector, std::uint16_t& return_ip, bool software);
  // After each instruction while a real-mode LOADALL cache stands: a segment register
  // load by the instruction ends its segment's cache (cpu/loadall.cpp).
  void loadall_after_instruction();
  // Base of segment `seg` from its descriptor cache: in protected mode, and in real mode for
  // a cache LOADALL loaded while the selector is still the one it loaded (cpu/loadall.cpp).
  std::uint32_t cached_base(unsigned seg) const {
    seg &= 3;
    if ((msw_ & 1) || (((pm_.loadall_mask >> seg) & 1) && sregs_[seg] == pm_.loadall_sel[seg]))
      return pm_.seg_cache[seg].base;
    return std::uint32_t(sregs_[seg]) << 4;
  }

  // Undo the instruction's IP advance for a REP restart (interrupted string op).
  void rep_restart() { ip_ = traits_.rep_resumes_at_first_prefix ? d_.insn_ip : d_.start_ip; }

 private:
  friend struct BiuAccess;
  void on_code_write(std::uint32_t phys) override;

  // BIU clock (biu.cpp / inline here for speed).
  void tick();
  void start_cycle(std::uint64_t c, bool eu);
  void transfer(std::uint64_t c);
  void emit_trace(std::uint8_t t);
  void flush_trace();
  std::uint16_t eu_bus(std::uint8_t status, unsigned seg_code, std::uint32_t addr,
                       std::uint16_t data, std::uint8_t width);
  // Base of segment `seg`: selector * 16 in real mode, the descriptor cache in 80286
  // protected mode (for the BIU's data references; with pm_check_data before the cycle).
  std::uint32_t seg_base(unsigned seg) const {
    if ((msw_ & 1) | pm_.loadall_mask) [[unlikely]] return cached_base(seg);
    return std::uint32_t(sregs_[seg]) << 4;
  }
  std::uint32_t code_phys(std::uint16_t off) const {
    // 80286 protected mode: the CS descriptor cache base (cpu/protected_mode.hpp).
    if ((msw_ & 1) | pm_.loadall_mask) [[unlikely]] return cached_base(kCS) + off;
    return (std::uint32_t(sregs_[kCS]) << 4) + off;
  }

  // Execution (execute.cpp).
  void step_body();
  void execute_one();
  bool service_interrupts();
  void dispatch(const OpcodeInfo* info);

  Bus& bus_;
  const ModelTraits& traits_;
  const OpcodeInfo* map_;

  // Architectural state.
  std::array<std::uint16_t, 8> regs_{};
  std::array<std::uint16_t, 4> sregs_{};
  std::uint16_t ip_ = 0, flags_ = 0xF002;
  Insn d_;

  // Clock.
  std::uint64_t cycles_ = 0;
  std::uint32_t last_insn_cycles_ = 0;

  // BIU.
  PrefetchQueue q_;
  std::uint16_t pf_ip_ = 0;          // offset of the next code fetch
  std::uint8_t t_ = kTi;             // T-state of the last clock
  std::uint8_t cur_status_ = bus_status::kPassive;
  std::uint8_t cur_seg_ = 4;
  std::uint8_t cur_width_ = 1;
  std::uint8_t waits_ = 0;
  bool cur_eu_ = false;
  bool bhe_ = false;                 // BHE# pin level latched at T1 (true = inactive)
  std::uint32_t cur_addr_ = 0;
  std::uint16_t cur_data_ = 0;
  std::uint32_t bus_lines_ = 0;      // multiplexed AD19-AD0 value shown in the trace
  std::int64_t last_t4_ = -16;
  std::uint64_t fetch_at_ = 0;       // earliest clock a code fetch may start
  bool fetch_suspended_ = false;     // HLT / INTA sequence: no prefetching
  bool fetch_discard_ = false;       // a queue flush happened during the running fetch
  bool continue_fetch_ = false;      // decided at T3: the next cycle is another code fetch
  std::int64_t eu_not_before_ = 0;  // after an abandoned fetch: earliest EU T1
  // 80286: the second byte cycle of an odd-address word write, run by the bus unit on its
  // own while the EU goes on (biu286.cpp).
  struct SplitWrite {
    bool active = false;
    std::uint8_t status = 0, seg = 0;
    std::uint32_t addr = 0;
    std::uint8_t data = 0;
  } split_write_;
  BusCycle trace_buf_{};             // the previous clock, emitted one clock late
  bool trace_pending_ = false;
  // EU request.
  bool eu_req_ = false, eu_started_ = false, eu_done_ = false;
  std::uint64_t eu_req_at_ = 0;
  std::uint8_t eu_status_ = 0, eu_seg_ = 0, eu_width_ = 1;
  std::uint32_t eu_addr_ = 0;
  std::uint16_t eu_data_ = 0;
  // Trace: queue status for the current clock.
  std::uint8_t qop_ = 0, qbyte_ = 0;

  // Pins and control.
  bool intr_ = false, nmi_level_ = false, nmi_pending_ = false;
  bool return_requested_ = false;
  InterruptAcknowledge* pic_ = nullptr;
  CpuHooks* hooks_ = nullptr;
  CycleTraceSink* sink_ = nullptr;

  // 80286 generic timing rows (execute.cpp dispatch, eu_bus).
  const Timing286* t286_ = nullptr;  // the running handler's row, when generic
  bool mute_clk_ = false;
  std::uint8_t bus_count_ = 0;       // bus requests the handler made so far
  bool t286_no_gap_ = false;         // the second half of a split word: no gap clocks

  // Conformance framing: after conformance_step the next first byte counts as taken.
  bool conf_next_read_ = false;

  DecodeCache cache_;
  bool cache_on_ = true;
};

}  // namespace quartz
