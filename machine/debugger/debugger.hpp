#pragma once
// The debugger core: execution control, breakpoints, history and a text command API over
// a Machine. No SDL or ImGui here: the GUI, tests and a later gdbstub/CLI drive the same
// object. It installs itself as the CPU's hooks (CpuHooks), the bus observer (memory and
// I/O watchpoints) and, when tracing is on, the CPU's cycle trace sink.
//
// Stops happen at instruction boundaries: an execution breakpoint stops before the
// instruction; memory/I-O/interrupt breakpoints stop after the instruction that hit them
// (for an interrupt, at the first instruction of its handler).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cpu/cpu.hpp"
#include "machine/debugger/disasm.hpp"
#include "machine/debugger/expr.hpp"
#include "machine/machine.hpp"

namespace quartz::debugger {

enum class BpKind : std::uint8_t { kExec, kMemRead, kMemWrite, kMemAccess, kIoRead, kIoWrite,
                                   kIoAccess, kInterrupt };

struct Breakpoint {
  int id = 0;
  BpKind kind = BpKind::kExec;
  std::uint32_t lo = 0, hi = 0;  // linear/physical address, port or vector range (inclusive)
  std::string where;             // the address as the user wrote it (for listings/sessions)
  std::string condition;         // empty: always
  std::shared_ptr<Expr> cond;
  std::uint32_t hit_target = 0;  // break on the Nth hit (0 or 1: every hit)
  std::uint32_t hits = 0;        // hits counted so far (condition true)
  bool enabled = true;
};

enum class StopKind : std::uint8_t {
  kNone,        // still running (time slice used up)
  kStep,        // a step/step-over/step-out/cycles/run-to plan completed
  kBreakpoint,  // a breakpoint (id in StopInfo)
  kPause,       // pause() requested
  kMachine,     // the machine stopped by itself (shutdown port, triple fault)
};

struct StopInfo {
  StopKind kind = StopKind::kNone;
  int breakpoint = 0;
  std::string message;
  RunStop machine_stop = RunStop::kDeadline;  // for kMachine: why the machine stopped
};

struct HistoryEntry {
  std::uint64_t index = 0;        // instruction number since the debugger attached
  std::uint32_t linear = 0;       // CS:IP as a linear address
  CpuState regs;                  // registers before the instruction
  std::uint32_t cycles = 0;       // clocks it took (0 until it completed)
};

struct TraceEntry {
  std::uint64_t instruction = 0;  // HistoryEntry::index of the instruction it belongs to
  BusCycle cycle;
};

struct DisasmLine {
  std::uint32_t linear = 0;
  std::uint16_t seg = 0, off = 0;
  std::vector<std::uint8_t> bytes;
  Instruction insn;
  std::string symbol;             // "INT 10h handler" when an IVT vector points here
  std::optional<std::uint32_t> last_cycles;  // clocks when it last ran
  bool breakpoint = false;
  bool current = false;           // at CS:IP
};

class Debugger final : public CpuHooks, public BusObserver, public CycleTraceSink {
 public:
  explicit Debugger(Machine& m);
  ~Debugger() override;
  Debugger(const Debugger&) = delete;
  Debugger& operator=(const Debugger&) = delete;

  Machine& machine() { return m_; }

  // --- execution control ---------------------------------------------------------------
  bool paused() const { return paused_; }
  // Stop at the next boundary; between run_for() slices (not inside one) at once.
  void pause();
  // Continue (from a pause) for at most `ticks` of emulated time. Returns kNone when the
  // slice ran out with nothing hit (the machine stays "running").
  StopInfo run_for(Tick ticks);
  StopInfo step_into(std::uint64_t n = 1);
  StopInfo step_over();               // CALL/INT/LOOP/REP: run to the next instruction
  StopInfo step_out();                // to the return of the current procedure
  StopInfo step_cycles(std::uint64_t n);
  StopInfo run_to(std::uint32_t linear);
  const StopInfo& last_stop() const { return last_stop_; }
  // Upper bound on emulated time a synchronous step/run-to may take (default 30 s).
  void set_step_limit(Tick t) { step_limit_ = t; }

  // --- breakpoints -----------------------------------------------------------------------
  // Returns the new id, or 0 with `error` set (bad condition).
  int add_breakpoint(BpKind kind, std::uint32_t lo, std::uint32_t hi, std::string where,
                     std::string_view condition, std::uint32_t hit_target, std::string& error);
  bool remove_breakpoint(int id);
  bool enable_breakpoint(int id, bool on);
  void clear_breakpoints();
  const std::vector<Breakpoint>& breakpoints() const { return bps_; }
  // Execution breakpoint at `linear`: toggles (the Disassembly window's click).
  void toggle_exec_breakpoint(std::uint32_t linear);
  bool has_exec_breakpoint(std::uint32_t linear) const;

  // Session file: breakpoints as the commands that recreate them (one per line).
  bool save_session(const std::string& path, std::string& error) const;
  bool load_session(const std::string& path, std::string& error);

  // --- state -----------------------------------------------------------------------------
  CpuState regs() const { return m_.cpu().state(); }
  void set_regs(const CpuState& s);
  bool set_register(std::string_view name, std::uint16_t value);
  std::uint32_t linear(std::uint16_t seg, std::uint16_t off) const;
  std::uint32_t pc_linear() const;
  std::uint8_t peek(std::uint32_t phys) const { return m_.bus().peek8(phys); }
  void poke(std::uint32_t phys, std::uint8_t v) { m_.bus().poke8(phys, v); }
  // Differs from its value at the last stop (RAM only).
  bool changed(std::uint32_t phys) const;
  // Evaluates `text` with the current registers and memory.
  bool evaluate(std::string_view text, std::int64_t& out, std::string& error) const;
  // Parses "seg:off" (each an expression, bare numbers hex) or a bare linear address.
  bool parse_address(std::string_view text, std::uint32_t& linear, std::string& error) const;

  // --- listings --------------------------------------------------------------------------
  std::vector<DisasmLine> disassemble(std::uint32_t linear, std::uint16_t seg,
                                      std::uint16_t off, int count);
  // Lines around CS:IP (`before` lines back, found by resynchronising earlier decodes).
  std::vector<DisasmLine> disassemble_around_pc(int before, int after);
  std::string symbol(std::uint32_t linear) const;  // "INT 10h handler" or ""
  std::optional<std::uint32_t> last_cycles(std::uint32_t linear) const;

  // --- history ---------------------------------------------------------------------------
  void set_history_size(std::size_t n);
  std::vector<HistoryEntry> history() const;  // oldest first
  void set_trace_enabled(bool on, std::size_t cycles = 4096);
  bool trace_enabled() const { return trace_on_; }
  std::vector<TraceEntry> trace() const;      // oldest first
  std::uint64_t instructions() const { return insn_count_; }

  // --- the command API -------------------------------------------------------------------
  // One command line ("bp 0000:7c00", "step", "regs", "x ds:si 16"); returns its output.
  std::string execute(std::string_view line);
  static std::string help();

  // CpuHooks / BusObserver / CycleTraceSink
  bool before_instruction(std::uint32_t linear_ip) override;
  void on_interrupt(std::uint8_t vector, bool software) override;
  void on_mem_read(std::uint32_t phys, std::uint8_t value) override;
  void on_mem_write(std::uint32_t phys, std::uint8_t value) override;
  void on_io_read(std::uint16_t port, std::uint8_t value) override;
  void on_io_write(std::uint16_t port, std::uint8_t value) override;
  void on_cycle(const BusCycle& c) override;

 private:
  enum class Plan : std::uint8_t { kRun, kSteps, kRunTo, kOver, kOut, kCycles };

  StopInfo execute_plan(Tick limit);
  void on_stopped();
  void apply_watches();
  bool check_condition(Breakpoint& bp);
  void hit(BpKind kind, std::uint32_t addr);
  std::string format_regs() const;
  std::string format_stop(const StopInfo& s) const;
  std::string cmd_breakpoint(BpKind kind, std::vector<std::string_view> args);
  ExprContext context(const CpuState& s) const;

  Machine& m_;
  std::vector<Breakpoint> bps_;
  int next_id_ = 1;
  bool has_mem_bps_ = false, has_io_bps_ = false, has_int_bps_ = false;

  bool paused_ = true;
  bool pause_requested_ = false;
  bool in_run_ = false;
  std::optional<std::uint32_t> paused_at_;  // linear CS:IP whose hook call returned true
  bool skip_once_ = false;
  StopInfo pending_{};  // a watch/interrupt hit: stop at the next boundary
  StopInfo stop_{};     // the stop the hook decided
  StopInfo last_stop_{};
  Tick step_limit_ = seconds_to_ticks(30);

  Plan plan_ = Plan::kRun;
  std::uint64_t steps_left_ = 0;
  std::uint32_t target_ = 0;
  std::uint16_t target_sp_ = 0, target_ss_ = 0;
  std::uint64_t target_cycle_ = 0;
  bool prev_was_return_ = false;

  // history
  std::vector<HistoryEntry> hist_;
  std::size_t hist_head_ = 0, hist_count_ = 0;
  std::uint64_t insn_count_ = 0;
  bool have_prev_ = false;
  std::size_t prev_slot_ = 0;
  std::uint32_t prev_linear_ = 0;
  std::unordered_map<std::uint32_t, std::uint32_t> cycles_at_;

  bool trace_on_ = false;
  std::vector<TraceEntry> trace_;
  std::size_t trace_head_ = 0, trace_count_ = 0;

  std::vector<std::uint8_t> snapshot_;  // RAM at the last stop
  std::map<std::uint32_t, std::uint8_t> ivt_targets_;  // linear -> vector (lowest)
};

}  // namespace quartz::debugger
