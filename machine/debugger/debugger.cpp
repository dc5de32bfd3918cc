// Debugger core: execution plans run through CpuHooks::before_instruction, watchpoints
// through the Bus observer. See debugger.hpp for the stop semantics.
#include "machine/debugger/debugger.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <fmt/core.h>

namespace quartz::debugger {

namespace {

bool is_mem_kind(BpKind k) {
  return k == BpKind::kMemRead || k == BpKind::kMemWrite || k == BpKind::kMemAccess;
}
bool is_io_kind(BpKind k) {
  return k == BpKind::kIoRead || k == BpKind::kIoWrite || k == BpKind::kIoAccess;
}

const char* kind_name(BpKind k) {
  switch (k) {
    case BpKind::kExec: return "exec";
    case BpKind::kMemRead: return "mem r";
    case BpKind::kMemWrite: return "mem w";
    case BpKind::kMemAccess: return "mem rw";
    case BpKind::kIoRead: return "io r";
    case BpKind::kIoWrite: return "io w";
    case BpKind::kIoAccess: return "io rw";
    case BpKind::kInterrupt: return "int";
  }
  return "?";
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

Debugger::Debugger(Machine& m) : m_(m) {
  set_history_size(256);
  m_.cpu().set_hooks(this);
  m_.bus().set_observer(this);
  on_stopped();
}

Debugger::~Debugger() {
  m_.cpu().set_hooks(nullptr);
  m_.cpu().set_trace(nullptr);
  m_.bus().set_observer(nullptr);
  m_.bus().clear_debug_watches();
}

// --- addresses -----------------------------------------------------------------------------

std::uint32_t Debugger::linear(std::uint16_t seg, std::uint16_t off) const {
  CpuState s = regs();
  std::uint32_t base = std::uint32_t(seg) << 4;
  // 80286 protected mode (MSW.PE): a selector that is loaded uses its descriptor cache.
  if (m_.cpu().model() == CpuModel::i80286 && (s.msw & 1)) {
    const std::uint16_t sels[4] = {s.es, s.cs, s.ss, s.ds};
    for (int i = 0; i < 4; ++i)
      if (sels[i] == seg) { base = s.seg_cache[i].base; break; }
  }
  return (base + off) & m_.bus().address_mask();
}

std::uint32_t Debugger::pc_linear() const {
  CpuState s = regs();
  if (m_.cpu().model() == CpuModel::i80286 && (s.msw & 1))
    return (s.seg_cache[1].base + s.ip) & m_.bus().address_mask();
  return ((std::uint32_t(s.cs) << 4) + s.ip) & m_.bus().address_mask();
}

ExprContext Debugger::context(const CpuState& s) const {
  ExprContext c;
  c.regs = &s;
  c.peek = [this](std::uint32_t a) { return m_.bus().peek8(a); };
  c.linear = [this](std::uint16_t seg, std::uint16_t off) { return linear(seg, off); };
  return c;
}

bool Debugger::evaluate(std::string_view text, std::int64_t& out, std::string& error) const {
  auto e = parse_expr(text, error);
  if (!e) return false;
  CpuState s = regs();
  out = e->eval(context(s));
  return true;
}

bool Debugger::parse_address(std::string_view text, std::uint32_t& lin,
                             std::string& error) const {
  CpuState s = regs();
  ExprContext c = context(s);
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    auto e = parse_expr(text, error, true);
    if (!e) return false;
    lin = std::uint32_t(e->eval(c)) & m_.bus().address_mask();
    return true;
  }
  auto seg = parse_expr(text.substr(0, colon), error, true);
  if (!seg) return false;
  auto off = parse_expr(text.substr(colon + 1), error, true);
  if (!off) return false;
  lin = linear(std::uint16_t(seg->eval(c)), std::uint16_t(off->eval(c)));
  return true;
}

// --- registers and memory ----------------------------------------------------------------

void Debugger::set_regs(const CpuState& s) {
  m_.cpu().set_state(s);
  paused_at_.reset();  // CS:IP may have moved: check breakpoints at the new place
}

bool Debugger::set_register(std::string_view name, std::uint16_t value) {
  CpuState s = regs();
  if (!debugger::set_register(s, name, value)) return false;
  set_regs(s);
  return true;
}

bool Debugger::changed(std::uint32_t phys) const {
  if (phys >= snapshot_.size() || phys >= m_.bus().ram_size()) return false;
  return m_.bus().peek8(phys) != snapshot_[phys];
}

// --- breakpoints -------------------------------------------------------------------------

int Debugger::add_breakpoint(BpKind kind, std::uint32_t lo, std::uint32_t hi, std::string where,
                             std::string_view condition, std::uint32_t hit_target,
                             std::string& error) {
  Breakpoint bp;
  bp.kind = kind;
  bp.lo = std::min(lo, hi);
  bp.hi = std::max(lo, hi);
  bp.where = std::move(where);
  bp.hit_target = hit_target;
  if (!condition.empty()) {
    auto e = parse_expr(condition, error);
    if (!e) return 0;
    bp.cond = std::move(e);
    bp.condition = std::string(condition);
  }
  bp.id = next_id_++;
  bps_.push_back(std::move(bp));
  apply_watches();
  return bps_.back().id;
}

bool Debugger::remove_breakpoint(int id) {
  auto it = std::find_if(bps_.begin(), bps_.end(), [id](auto& b) { return b.id == id; });
  if (it == bps_.end()) return false;
  bps_.erase(it);
  apply_watches();
  return true;
}

bool Debugger::enable_breakpoint(int id, bool on) {
  for (auto& b : bps_)
    if (b.id == id) {
      b.enabled = on;
      apply_watches();
      return true;
    }
  return false;
}

void Debugger::clear_breakpoints() {
  bps_.clear();
  apply_watches();
}

bool Debugger::has_exec_breakpoint(std::uint32_t lin) const {
  for (auto& b : bps_)
    if (b.kind == BpKind::kExec && lin >= b.lo && lin <= b.hi) return true;
  return false;
}

void Debugger::toggle_exec_breakpoint(std::uint32_t lin) {
  for (auto& b : bps_)
    if (b.kind == BpKind::kExec && b.lo == lin && b.hi == lin) {
      remove_breakpoint(b.id);
      return;
    }
  std::string err;
  add_breakpoint(BpKind::kExec, lin, lin, fmt::format("{:05x}", lin), "", 0, err);
}

void Debugger::apply_watches() {
  Bus& bus = m_.bus();
  bus.clear_debug_watches();
  has_mem_bps_ = has_io_bps_ = has_int_bps_ = false;
  for (auto& b : bps_) {
    if (!b.enabled) continue;
    if (is_io_kind(b.kind)) has_io_bps_ = true;
    if (b.kind == BpKind::kInterrupt) has_int_bps_ = true;
    if (!is_mem_kind(b.kind)) continue;
    has_mem_bps_ = true;
    bool r = b.kind != BpKind::kMemWrite, w = b.kind != BpKind::kMemRead;
    for (std::uint32_t p = b.lo & ~(Bus::kPageSize - 1); p <= b.hi; p += Bus::kPageSize) {
      // Another breakpoint may already watch the page the other way: combine.
      bool pr = r, pw = w;
      for (auto& o : bps_) {
        if (!o.enabled || !is_mem_kind(o.kind) || &o == &b) continue;
        if (o.hi < p || o.lo > p + Bus::kPageSize - 1) continue;
        pr |= o.kind != BpKind::kMemWrite;
        pw |= o.kind != BpKind::kMemRead;
      }
      bus.watch_debug_page(p, pr, pw);
      if (p + Bus::kPageSize < p) break;
    }
  }
}

bool Debugger::check_condition(Breakpoint& bp) {
  if (bp.cond) {
    CpuState s = regs();
    if (!bp.cond->eval(context(s))) return false;
  }
  ++bp.hits;
  return bp.hit_target <= 1 || bp.hits == bp.hit_target;
}

void Debugger::hit(BpKind kind, std::uint32_t addr) {
  if (pending_.kind != StopKind::kNone) return;
  for (auto& b : bps_) {
    if (!b.enabled || addr < b.lo || addr > b.hi) continue;
    bool match = b.kind == kind || (kind == BpKind::kMemRead && b.kind == BpKind::kMemAccess) ||
                 (kind == BpKind::kMemWrite && b.kind == BpKind::kMemAccess) ||
                 (kind == BpKind::kIoRead && b.kind == BpKind::kIoAccess) ||
                 (kind == BpKind::kIoWrite && b.kind == BpKind::kIoAccess);
    if (!match || !check_condition(b)) continue;
    pending_ = {StopKind::kBreakpoint, b.id,
                fmt::format("breakpoint {} ({} {:x})", b.id, kind_name(kind), addr)};
    m_.cpu().request_return();
    return;
  }
}

void Debugger::on_mem_read(std::uint32_t phys, std::uint8_t) {
  if (has_mem_bps_) hit(BpKind::kMemRead, phys);
}
void Debugger::on_mem_write(std::uint32_t phys, std::uint8_t) {
  if (has_mem_bps_) hit(BpKind::kMemWrite, phys);
}
void Debugger::on_io_read(std::uint16_t port, std::uint8_t) {
  if (has_io_bps_) hit(BpKind::kIoRead, port);
}
void Debugger::on_io_write(std::uint16_t port, std::uint8_t) {
  if (has_io_bps_) hit(BpKind::kIoWrite, port);
}
void Debugger::on_interrupt(std::uint8_t vector, bool) {
  if (has_int_bps_) hit(BpKind::kInterrupt, vector);
}

void Debugger::on_cycle(const BusCycle& c) {
  if (trace_.empty()) return;
  trace_[trace_head_] = {insn_count_ ? insn_count_ - 1 : 0, c};
  trace_head_ = (trace_head_ + 1) % trace_.size();
  trace_count_ = std::min(trace_count_ + 1, trace_.size());
}

// --- the hook: where every plan is decided ---------------------------------------------------

bool Debugger::before_instruction(std::uint32_t lin) {
  // The instruction before this one has completed: record its clocks.
  if (have_prev_) {
    std::uint32_t c = m_.cpu().last_instruction_cycles();
    hist_[prev_slot_].cycles = c;
    cycles_at_[prev_linear_] = c;
    have_prev_ = false;
  }
  const bool skip = skip_once_ && paused_at_ && *paused_at_ == lin;
  skip_once_ = false;
  if (!skip) {
    StopInfo s;
    if (pending_.kind != StopKind::kNone) {
      s = pending_;
    } else if (pause_requested_) {
      s = {StopKind::kPause, 0, "paused"};
    } else {
      switch (plan_) {
        case Plan::kRun: break;
        case Plan::kSteps:
          if (steps_left_ == 0) s = {StopKind::kStep, 0, "step"};
          break;
        case Plan::kRunTo:
          if (lin == target_) s = {StopKind::kStep, 0, "reached"};
          break;
        case Plan::kOver: {
          // The next instruction at the same stack depth (SP at least as high: a recursive
          // call of the same code runs deeper and is not our return).
          if (lin == target_) {
            CpuState r = regs();
            if (r.ss == target_ss_ && r.sp >= target_sp_) s = {StopKind::kStep, 0, "step over"};
          }
          break;
        }
        case Plan::kOut: {
          if (prev_was_return_) {
            CpuState r = regs();
            if (r.ss == target_ss_ && r.sp > target_sp_) s = {StopKind::kStep, 0, "step out"};
          }
          break;
        }
        case Plan::kCycles:
          if (m_.cpu().cycles() >= target_cycle_) s = {StopKind::kStep, 0, "cycles"};
          break;
      }
      if (s.kind == StopKind::kNone) {
        for (auto& b : bps_) {
          if (!b.enabled || b.kind != BpKind::kExec || lin < b.lo || lin > b.hi) continue;
          if (!check_condition(b)) continue;
          s = {StopKind::kBreakpoint, b.id, fmt::format("breakpoint {}", b.id)};
          break;
        }
      }
    }
    if (s.kind != StopKind::kNone) {
      stop_ = s;
      pending_ = {};
      pause_requested_ = false;
      paused_at_ = lin;
      return true;
    }
  }
  // This instruction will run.
  if (plan_ == Plan::kSteps && steps_left_) --steps_left_;
  if (plan_ == Plan::kOut) {
    Instruction i = decode_at([this](std::uint32_t a) { return m_.bus().peek8(a); }, lin,
                              regs().ip, m_.cpu().model());
    prev_was_return_ = i.flow == FlowKind::kReturn;
  }
  if (!hist_.empty()) {
    HistoryEntry& h = hist_[hist_head_];
    h.index = insn_count_;
    h.linear = lin;
    h.regs = m_.cpu().state();
    h.cycles = 0;
    prev_slot_ = hist_head_;
    hist_head_ = (hist_head_ + 1) % hist_.size();
    hist_count_ = std::min(hist_count_ + 1, hist_.size());
  }
  have_prev_ = true;
  prev_linear_ = lin;
  ++insn_count_;
  paused_at_.reset();
  return false;
}

// --- execution -----------------------------------------------------------------------------

void Debugger::pause() {
  if (paused_) return;
  if (!in_run_) {
    // Between time slices (the GUI's frame loop): the CPU is already at a boundary.
    last_stop_ = {StopKind::kPause, 0, "paused"};
    on_stopped();
    return;
  }
  pause_requested_ = true;
  m_.cpu().request_return();
}

StopInfo Debugger::execute_plan(Tick limit) {
  paused_ = false;
  skip_once_ = true;
  stop_ = {};
  const Tick end = m_.now() + limit;
  StopInfo result;
  in_run_ = true;
  for (;;) {
    RunResult r = m_.run_until(end);
    if (r.stop == RunStop::kHook) {
      result = stop_;
      break;
    }
    if (r.stop == RunStop::kTripleFault) {
      // An AT BIOS leaves protected mode through a deliberate shutdown, with the reason in
      // CMOS byte 0Fh (IBM AT Technical Reference, BIOS shutdown codes): not a crash.
      Cmos* cmos = m_.cmos();
      if (cmos && cmos->peek(Cmos::kShutdownStatus) != 0) {
        if (m_.now() >= end) break;
        continue;
      }
    }
    if (r.stop == RunStop::kShutdownPort || r.stop == RunStop::kTripleFault) {
      result = {StopKind::kMachine, 0,
                r.stop == RunStop::kShutdownPort ? "guest shutdown (port 8900h)"
                                                 : "triple fault (CPU reset)",
                r.stop};
      paused_at_.reset();
      break;
    }
    if (m_.now() >= end) break;
  }
  in_run_ = false;
  plan_ = Plan::kRun;
  if (result.kind != StopKind::kNone) {
    last_stop_ = result;
    on_stopped();
  }
  return result;
}

void Debugger::on_stopped() {
  paused_ = true;
  pause_requested_ = false;
  std::uint32_t n = std::min<std::uint32_t>(m_.bus().ram_size(), 16u << 20);
  snapshot_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) snapshot_[i] = m_.bus().ram()[i];
  // Interrupt vector symbols (real-mode IVT at IDTR base, 4 bytes per vector).
  ivt_targets_.clear();
  CpuState s = regs();
  if (!(m_.cpu().model() == CpuModel::i80286 && (s.msw & 1))) {
    std::uint32_t base = m_.cpu().model() == CpuModel::i80286 ? s.idtr.base : 0;
    for (int v = 255; v >= 0; --v) {
      std::uint32_t a = base + std::uint32_t(v) * 4;
      std::uint16_t off = std::uint16_t(peek(a) | (peek(a + 1) << 8));
      std::uint16_t seg = std::uint16_t(peek(a + 2) | (peek(a + 3) << 8));
      if (!off && !seg) continue;
      ivt_targets_[((std::uint32_t(seg) << 4) + off) & m_.bus().address_mask()] =
          std::uint8_t(v);
    }
  }
}

StopInfo Debugger::run_for(Tick ticks) {
  plan_ = Plan::kRun;
  return execute_plan(ticks);
}

StopInfo Debugger::step_into(std::uint64_t n) {
  plan_ = Plan::kSteps;
  steps_left_ = n;
  return execute_plan(step_limit_);
}

StopInfo Debugger::step_over() {
  CpuState s = regs();
  std::uint32_t pc = pc_linear();
  Instruction i = decode_at([this](std::uint32_t a) { return peek(a); }, pc, s.ip,
                            m_.cpu().model());
  if (i.flow != FlowKind::kCall && i.flow != FlowKind::kInt && i.flow != FlowKind::kLoop)
    return step_into(1);
  plan_ = Plan::kOver;
  target_ = linear(s.cs, std::uint16_t(s.ip + i.length));
  target_ss_ = s.ss;
  target_sp_ = s.sp;
  return execute_plan(step_limit_);
}

StopInfo Debugger::step_out() {
  CpuState s = regs();
  plan_ = Plan::kOut;
  target_ss_ = s.ss;
  target_sp_ = s.sp;
  prev_was_return_ = false;
  return execute_plan(step_limit_);
}

StopInfo Debugger::step_cycles(std::uint64_t n) {
  plan_ = Plan::kCycles;
  target_cycle_ = m_.cpu().cycles() + n;
  return execute_plan(step_limit_);
}

StopInfo Debugger::run_to(std::uint32_t lin) {
  plan_ = Plan::kRunTo;
  target_ = lin;
  return execute_plan(step_limit_);
}

// --- history and trace -------------------------------------------------------------------

void Debugger::set_history_size(std::size_t n) {
  hist_.assign(n, {});
  hist_head_ = hist_count_ = 0;
  have_prev_ = false;
}

std::vector<HistoryEntry> Debugger::history() const {
  std::vector<HistoryEntry> out;
  if (hist_.empty()) return out;
  std::size_t start = (hist_head_ + hist_.size() - hist_count_) % hist_.size();
  for (std::size_t i = 0; i < hist_count_; ++i) out.push_back(hist_[(start + i) % hist_.size()]);
  return out;
}

void Debugger::set_trace_enabled(bool on, std::size_t cycles) {
  trace_on_ = on;
  trace_.assign(on ? cycles : 0, {});
  trace_head_ = trace_count_ = 0;
  m_.cpu().set_trace(on ? this : nullptr);
}

std::vector<TraceEntry> Debugger::trace() const {
  std::vector<TraceEntry> out;
  if (trace_.empty()) return out;
  std::size_t start = (trace_head_ + trace_.size() - trace_count_) % trace_.size();
  for (std::size_t i = 0; i < trace_count_; ++i)
    out.push_back(trace_[(start + i) % trace_.size()]);
  return out;
}

// --- listings ------------------------------------------------------------------------------

std::string Debugger::symbol(std::uint32_t lin) const {
  auto it = ivt_targets_.find(lin);
  if (it == ivt_targets_.end()) return {};
  return fmt::format("INT {:02X}h handler", it->second);
}

std::optional<std::uint32_t> Debugger::last_cycles(std::uint32_t lin) const {
  auto it = cycles_at_.find(lin);
  if (it == cycles_at_.end()) return std::nullopt;
  return it->second;
}

std::vector<DisasmLine> Debugger::disassemble(std::uint32_t lin, std::uint16_t seg,
                                              std::uint16_t off, int count) {
  std::vector<DisasmLine> out;
  const std::uint32_t pc = pc_linear();
  auto peekf = [this](std::uint32_t a) { return peek(a & m_.bus().address_mask()); };
  for (int n = 0; n < count; ++n) {
    DisasmLine l;
    l.linear = lin & m_.bus().address_mask();
    l.seg = seg;
    l.off = off;
    l.insn = decode_at(peekf, l.linear, off, m_.cpu().model());
    for (unsigned i = 0; i < l.insn.length; ++i) l.bytes.push_back(peekf(l.linear + i));
    l.symbol = symbol(l.linear);
    l.last_cycles = last_cycles(l.linear);
    l.breakpoint = has_exec_breakpoint(l.linear);
    l.current = l.linear == pc;
    lin += l.insn.length;
    off = std::uint16_t(off + l.insn.length);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<DisasmLine> Debugger::disassemble_around_pc(int before, int after) {
  CpuState s = regs();
  const std::uint32_t pc = pc_linear();
  auto peekf = [this](std::uint32_t a) { return peek(a & m_.bus().address_mask()); };
  // x86 code cannot be decoded backwards: try start points further back and keep the
  // earliest one whose instruction chain lands exactly on CS:IP.
  int back = before * 6;
  if (back > s.ip) back = s.ip;
  int best = 0;
  for (int d = back; d > 0; --d) {
    std::uint32_t a = pc - d;
    int lines = 0;
    while (a < pc) {
      a += decode_at(peekf, a, std::uint16_t(s.ip - (pc - a)), m_.cpu().model()).length;
      ++lines;
    }
    if (a == pc) {
      best = d;
      break;
    }
  }
  // Count how many lines lie before the PC and keep the last `before` of them.
  std::vector<DisasmLine> all = disassemble(pc - best, s.cs, std::uint16_t(s.ip - best),
                                            before * 6 + after + 1);
  std::size_t at = 0;
  while (at < all.size() && all[at].linear != pc) ++at;
  std::size_t first = at > std::size_t(before) ? at - before : 0;
  std::vector<DisasmLine> out(all.begin() + std::ptrdiff_t(first),
                              all.begin() + std::ptrdiff_t(std::min(all.size(), at + after + 1)));
  return out;
}

// --- session -------------------------------------------------------------------------------

bool Debugger::save_session(const std::string& path, std::string& error) const {
  std::ofstream f(path);
  if (!f) {
    error = fmt::format("cannot write session file '{}'", path);
    return false;
  }
  f << "# Quartz debugger session: one debugger command per line\n";
  for (auto& b : bps_) {
    std::string cmd;
    switch (b.kind) {
      case BpKind::kExec: cmd = fmt::format("bp {}", b.where); break;
      case BpKind::kMemRead: cmd = fmt::format("bpm r {} {:x}", b.where, b.hi - b.lo + 1); break;
      case BpKind::kMemWrite: cmd = fmt::format("bpm w {} {:x}", b.where, b.hi - b.lo + 1); break;
      case BpKind::kMemAccess:
        cmd = fmt::format("bpm rw {} {:x}", b.where, b.hi - b.lo + 1);
        break;
      case BpKind::kIoRead: cmd = fmt::format("bpio r {:x}-{:x}", b.lo, b.hi); break;
      case BpKind::kIoWrite: cmd = fmt::format("bpio w {:x}-{:x}", b.lo, b.hi); break;
      case BpKind::kIoAccess: cmd = fmt::format("bpio rw {:x}-{:x}", b.lo, b.hi); break;
      case BpKind::kInterrupt: cmd = fmt::format("bpint {:x}", b.lo); break;
    }
    if (b.hit_target > 1) cmd += fmt::format(" hits {}", b.hit_target);
    if (!b.enabled) cmd += " disabled";
    if (!b.condition.empty()) cmd += " if " + b.condition;
    f << cmd << "\n";
  }
  if (!f) {
    error = fmt::format("error writing session file '{}'", path);
    return false;
  }
  return true;
}

bool Debugger::load_session(const std::string& path, std::string& error) {
  std::ifstream f(path);
  if (!f) {
    error = fmt::format("cannot open session file '{}'", path);
    return false;
  }
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(f, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
  }
  auto saved = std::move(bps_);
  bps_.clear();
  int n = 0;
  for (auto& l : lines) {
    ++n;
    auto words = split(l);
    if (words.empty()) continue;
    if (words[0] != "bp" && words[0] != "bpm" && words[0] != "bpio" && words[0] != "bpint") {
      error = fmt::format("session file '{}' line {}: not a breakpoint command", path, n);
      bps_ = std::move(saved);
      apply_watches();
      return false;
    }
    std::size_t before = bps_.size();
    std::string out = execute(l);
    if (bps_.size() == before) {
      error = fmt::format("session file '{}' line {}: {}", path, n, out);
      bps_ = std::move(saved);
      apply_watches();
      return false;
    }
  }
  return true;
}

// --- the command API -----------------------------------------------------------------------

std::string Debugger::help() {
  return "commands:\n"
         "  regs | r [NAME=VALUE]     show registers / set one (r ax=1234)\n"
         "  s | step [N]              step N instructions (into calls)\n"
         "  n | next                  step over CALL/INT/LOOP/REP\n"
         "  out | finish              run to the return of the current procedure\n"
         "  sc N                      step N clocks\n"
         "  c | cont [SECONDS]        continue (at most SECONDS emulated, default 30)\n"
         "  g | until ADDR            run to ADDR\n"
         "  bp ADDR [hits N] [disabled] [if COND]           execution breakpoint\n"
         "  bpm r|w|rw ADDR [LEN] [hits N] [if COND]        memory breakpoint\n"
         "  bpio r|w|rw PORT[-PORT] [hits N] [if COND]      I/O breakpoint\n"
         "  bpint N [hits N] [if COND]                      interrupt breakpoint\n"
         "  bl | bd ID | be ID | bc ID|all                  list/disable/enable/clear\n"
         "  x ADDR [N]                hex dump    e ADDR BYTE...   write bytes\n"
         "  u [ADDR] [N]              disassemble\n"
         "  stack [N]                 words at SS:SP\n"
         "  hist [N]                  last executed instructions\n"
         "  trace on|off | trace [N]  per-cycle bus trace\n"
         "  ? EXPR                    evaluate\n"
         "  save FILE | load FILE     breakpoint session\n"
         "addresses: SEG:OFF (hex, registers allowed, e.g. ds:si+4) or a linear address\n";
}

std::string Debugger::format_regs() const {
  CpuState s = regs();
  std::string fl;
  static constexpr struct { int bit; char c; } kF[] = {{11, 'O'}, {10, 'D'}, {9, 'I'},
      {8, 'T'}, {7, 'S'}, {6, 'Z'}, {4, 'A'}, {2, 'P'}, {0, 'C'}};
  for (auto f : kF) fl += (s.flags >> f.bit) & 1 ? f.c : '-';
  std::string out = fmt::format(
      "AX={:04X} BX={:04X} CX={:04X} DX={:04X} SP={:04X} BP={:04X} SI={:04X} DI={:04X}\n"
      "DS={:04X} ES={:04X} SS={:04X} CS={:04X} IP={:04X} FLAGS={:04X} {}\n",
      s.ax, s.bx, s.cx, s.dx, s.sp, s.bp, s.si, s.di, s.ds, s.es, s.ss, s.cs, s.ip, s.flags, fl);
  if (m_.cpu().model() == CpuModel::i80286)
    out += fmt::format("MSW={:04X} GDTR={:06X}/{:04X} IDTR={:06X}/{:04X} LDTR={:04X} TR={:04X} "
                       "CPL={}\n",
                       s.msw, s.gdtr.base, s.gdtr.limit, s.idtr.base, s.idtr.limit, s.ldtr,
                       s.tr, s.cpl);
  return out;
}

std::string Debugger::format_stop(const StopInfo& s) const {
  CpuState r = regs();
  std::string where = fmt::format("{:04X}:{:04X}", r.cs, r.ip);
  switch (s.kind) {
    case StopKind::kNone: return fmt::format("running (at {})\n", where);
    default: return fmt::format("stopped: {} at {}\n", s.message, where);
  }
}

std::string Debugger::cmd_breakpoint(BpKind kind, std::vector<std::string_view> args) {
  // Options after the location: hits N, disabled, if COND (rest of the line).
  std::string condition;
  std::uint32_t hit_target = 0;
  bool disabled = false;
  std::vector<std::string_view> pos;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "if") {
      // Rejoin the rest as the condition text.
      const char* b = args[i + 1 < args.size() ? i + 1 : i].data();
      const char* e = args.back().data() + args.back().size();
      if (i + 1 >= args.size()) return "error: 'if' needs a condition\n";
      condition.assign(b, e);
      break;
    }
    if (args[i] == "hits") {
      if (i + 1 >= args.size()) return "error: 'hits' needs a count\n";
      std::int64_t v = 0;
      std::string err;
      auto e = parse_expr(args[++i], err);
      if (!e) return fmt::format("error: hits: {}\n", err);
      v = e->eval({});
      if (v < 1) return "error: hits must be at least 1\n";
      hit_target = std::uint32_t(v);
      continue;
    }
    if (args[i] == "disabled") { disabled = true; continue; }
    pos.push_back(args[i]);
  }
  std::string err;
  std::uint32_t lo = 0, hi = 0;
  std::string where;
  if (kind == BpKind::kExec) {
    if (pos.size() != 1) return "usage: bp ADDR [hits N] [disabled] [if COND]\n";
    if (!parse_address(pos[0], lo, err)) return fmt::format("error: {}\n", err);
    hi = lo;
    where = std::string(pos[0]);
  } else if (kind == BpKind::kInterrupt) {
    if (pos.size() != 1) return "usage: bpint N [hits N] [if COND]\n";
    auto e = parse_expr(pos[0], err, true);
    if (!e) return fmt::format("error: {}\n", err);
    lo = hi = std::uint32_t(e->eval({})) & 0xFF;
    where = std::string(pos[0]);
  } else {
    if (pos.size() < 2) return "usage: bpm|bpio r|w|rw LOCATION ...\n";
    std::string_view mode = pos[0];
    bool mem = is_mem_kind(kind);
    if (mode == "r") kind = mem ? BpKind::kMemRead : BpKind::kIoRead;
    else if (mode == "w") kind = mem ? BpKind::kMemWrite : BpKind::kIoWrite;
    else if (mode == "rw") kind = mem ? BpKind::kMemAccess : BpKind::kIoAccess;
    else return fmt::format("error: access must be r, w or rw, not '{}'\n", mode);
    where = std::string(pos[1]);
    if (mem) {
      if (!parse_address(pos[1], lo, err)) return fmt::format("error: {}\n", err);
      std::uint32_t len = 1;
      if (pos.size() > 2) {
        auto e = parse_expr(pos[2], err, true);
        if (!e) return fmt::format("error: {}\n", err);
        len = std::uint32_t(e->eval({}));
        if (len == 0) return "error: length must not be 0\n";
      }
      hi = lo + len - 1;
    } else {
      std::size_t dash = pos[1].find('-');
      auto e1 = parse_expr(pos[1].substr(0, dash), err, true);
      if (!e1) return fmt::format("error: {}\n", err);
      lo = hi = std::uint32_t(e1->eval({})) & 0xFFFF;
      if (dash != std::string_view::npos) {
        auto e2 = parse_expr(pos[1].substr(dash + 1), err, true);
        if (!e2) return fmt::format("error: {}\n", err);
        hi = std::uint32_t(e2->eval({})) & 0xFFFF;
      }
    }
  }
  int id = add_breakpoint(kind, lo, hi, where, condition, hit_target, err);
  if (!id) return fmt::format("error: condition: {}\n", err);
  if (disabled) enable_breakpoint(id, false);
  return fmt::format("breakpoint {}: {} {:x}{}\n", id, kind_name(kind), lo,
                     hi != lo ? fmt::format("-{:x}", hi) : "");
}

std::string Debugger::execute(std::string_view line) {
  auto w = split(line);
  if (w.empty()) return {};
  std::string_view cmd = w[0];
  std::vector<std::string_view> args(w.begin() + 1, w.end());
  std::string err;
  auto number = [&](std::string_view t, std::int64_t& v, bool hex) {
    auto e = parse_expr(t, err, hex);
    if (!e) return false;
    CpuState s = regs();
    v = e->eval(context(s));
    return true;
  };

  if (cmd == "help" || cmd == "h") return help();
  if (cmd == "regs" || cmd == "r") {
    if (args.empty()) return format_regs();
    for (auto a : args) {
      std::size_t eq = a.find('=');
      if (eq == std::string_view::npos) return fmt::format("error: expected NAME=VALUE\n");
      std::string name(a.substr(0, eq));
      for (auto& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
      std::int64_t v;
      if (!number(a.substr(eq + 1), v, true)) return fmt::format("error: {}\n", err);
      if (!set_register(name, std::uint16_t(v)))
        return fmt::format("error: unknown register '{}'\n", name);
    }
    return format_regs();
  }
  if (cmd == "s" || cmd == "step" || cmd == "t") {
    std::int64_t n = 1;
    if (!args.empty() && !number(args[0], n, false)) return fmt::format("error: {}\n", err);
    return format_stop(step_into(std::uint64_t(std::max<std::int64_t>(n, 1))));
  }
  if (cmd == "n" || cmd == "next" || cmd == "p") return format_stop(step_over());
  if (cmd == "out" || cmd == "finish") return format_stop(step_out());
  if (cmd == "sc") {
    std::int64_t n = 1;
    if (!args.empty() && !number(args[0], n, false)) return fmt::format("error: {}\n", err);
    return format_stop(step_cycles(std::uint64_t(std::max<std::int64_t>(n, 1))));
  }
  if (cmd == "c" || cmd == "cont" || cmd == "continue") {
    double secs = 30;
    if (!args.empty()) secs = std::atof(std::string(args[0]).c_str());
    return format_stop(run_for(seconds_to_ticks(secs)));
  }
  if (cmd == "g" || cmd == "until") {
    if (args.size() != 1) return "usage: g ADDR\n";
    std::uint32_t a;
    if (!parse_address(args[0], a, err)) return fmt::format("error: {}\n", err);
    return format_stop(run_to(a));
  }
  if (cmd == "bp") return cmd_breakpoint(BpKind::kExec, args);
  if (cmd == "bpm") return cmd_breakpoint(BpKind::kMemAccess, args);
  if (cmd == "bpio") return cmd_breakpoint(BpKind::kIoAccess, args);
  if (cmd == "bpint") return cmd_breakpoint(BpKind::kInterrupt, args);
  if (cmd == "bl") {
    std::string out;
    for (auto& b : bps_)
      out += fmt::format("{:3} {} {:<7} {}{}{}{}\n", b.id, b.enabled ? '+' : '-',
                         kind_name(b.kind), b.where,
                         b.hit_target > 1 ? fmt::format(" hits {}", b.hit_target) : "",
                         fmt::format(" (hit {})", b.hits),
                         b.condition.empty() ? "" : " if " + b.condition);
    return out.empty() ? "no breakpoints\n" : out;
  }
  if (cmd == "bd" || cmd == "be" || cmd == "bc") {
    if (args.size() != 1) return fmt::format("usage: {} ID\n", cmd);
    if (cmd == "bc" && args[0] == "all") {
      clear_breakpoints();
      return "all breakpoints cleared\n";
    }
    std::int64_t id;
    if (!number(args[0], id, false)) return fmt::format("error: {}\n", err);
    bool ok = cmd == "bc" ? remove_breakpoint(int(id)) : enable_breakpoint(int(id), cmd == "be");
    return ok ? "" : fmt::format("error: no breakpoint {}\n", id);
  }
  if (cmd == "x" || cmd == "db") {
    if (args.empty()) return "usage: x ADDR [N]\n";
    std::uint32_t a;
    if (!parse_address(args[0], a, err)) return fmt::format("error: {}\n", err);
    std::int64_t n = 16;
    if (args.size() > 1 && !number(args[1], n, false)) return fmt::format("error: {}\n", err);
    std::string out;
    for (std::int64_t i = 0; i < n; i += 16) {
      out += fmt::format("{:06X} ", a + i);
      std::string ascii;
      for (std::int64_t j = i; j < std::min<std::int64_t>(n, i + 16); ++j) {
        std::uint8_t v = peek(std::uint32_t(a + j));
        out += fmt::format(" {:02X}", v);
        ascii += (v >= 0x20 && v < 0x7F) ? char(v) : '.';
      }
      out += "  " + ascii + "\n";
    }
    return out;
  }
  if (cmd == "e") {
    if (args.size() < 2) return "usage: e ADDR BYTE...\n";
    std::uint32_t a;
    if (!parse_address(args[0], a, err)) return fmt::format("error: {}\n", err);
    for (std::size_t i = 1; i < args.size(); ++i) {
      std::int64_t v;
      if (!number(args[i], v, true)) return fmt::format("error: {}\n", err);
      poke(std::uint32_t(a + i - 1), std::uint8_t(v));
    }
    return {};
  }
  if (cmd == "u") {
    CpuState s = regs();
    std::uint32_t a = pc_linear();
    std::uint16_t seg = s.cs, off = s.ip;
    if (!args.empty()) {
      if (!parse_address(args[0], a, err)) return fmt::format("error: {}\n", err);
      // Keep a segment:offset display when the user gave one.
      std::size_t colon = args[0].find(':');
      std::int64_t sv = 0, ov = 0;
      if (colon != std::string_view::npos && number(args[0].substr(0, colon), sv, true) &&
          number(args[0].substr(colon + 1), ov, true)) {
        seg = std::uint16_t(sv);
        off = std::uint16_t(ov);
      } else {
        seg = std::uint16_t((a >> 4) & 0xF000);
        off = std::uint16_t(a - (std::uint32_t(seg) << 4));
      }
    }
    std::int64_t n = 10;
    if (args.size() > 1 && !number(args[1], n, false)) return fmt::format("error: {}\n", err);
    std::string out;
    for (auto& l : disassemble(a, seg, off, int(n))) {
      std::string bytes;
      for (auto b : l.bytes) bytes += fmt::format("{:02X}", b);
      if (!l.symbol.empty()) out += fmt::format("; {}\n", l.symbol);
      out += fmt::format("{}{:04X}:{:04X} {:<14} {}{}\n", l.current ? '>' : ' ', l.seg, l.off,
                         bytes, l.insn.text,
                         l.last_cycles ? fmt::format("  ; {} clk", *l.last_cycles) : "");
    }
    return out;
  }
  if (cmd == "stack") {
    std::int64_t n = 8;
    if (!args.empty() && !number(args[0], n, false)) return fmt::format("error: {}\n", err);
    CpuState s = regs();
    std::string out;
    for (std::int64_t i = 0; i < n; ++i) {
      std::uint16_t off = std::uint16_t(s.sp + 2 * i);
      std::uint32_t a = linear(s.ss, off);
      std::uint16_t v = std::uint16_t(peek(a) | (peek(linear(s.ss, std::uint16_t(off + 1))) << 8));
      out += fmt::format("{:04X}:{:04X}  {:04X}\n", s.ss, off, v);
    }
    return out;
  }
  if (cmd == "hist") {
    std::int64_t n = 16;
    if (!args.empty() && !number(args[0], n, false)) return fmt::format("error: {}\n", err);
    auto h = history();
    std::size_t first = h.size() > std::size_t(n) ? h.size() - std::size_t(n) : 0;
    std::string out;
    for (std::size_t i = first; i < h.size(); ++i) {
      Instruction in = decode_at([this](std::uint32_t a) { return peek(a); }, h[i].linear,
                                 h[i].regs.ip, m_.cpu().model());
      out += fmt::format("{:8} {:04X}:{:04X} {:<28} AX={:04X} BX={:04X} CX={:04X} DX={:04X} "
                         "SP={:04X} {} clk\n",
                         h[i].index, h[i].regs.cs, h[i].regs.ip, in.text, h[i].regs.ax,
                         h[i].regs.bx, h[i].regs.cx, h[i].regs.dx, h[i].regs.sp, h[i].cycles);
    }
    return out;
  }
  if (cmd == "trace") {
    if (!args.empty() && (args[0] == "on" || args[0] == "off")) {
      set_trace_enabled(args[0] == "on");
      return fmt::format("trace {}\n", args[0]);
    }
    std::int64_t n = 32;
    if (!args.empty() && !number(args[0], n, false)) return fmt::format("error: {}\n", err);
    auto t = trace();
    std::size_t first = t.size() > std::size_t(n) ? t.size() - std::size_t(n) : 0;
    std::string out;
    for (std::size_t i = first; i < t.size(); ++i) {
      const BusCycle& c = t[i].cycle;
      out += fmt::format("{:8} addr={:05X} data={:04X} ale={} t={} bus={} q={}\n",
                         t[i].instruction, c.address, c.data, c.ale, c.t_state, c.bus_status,
                         c.queue_op);
    }
    return out;
  }
  if (cmd == "?") {
    std::int64_t v;
    std::string text(line.substr(line.find('?') + 1));
    if (!evaluate(text, v, err)) return fmt::format("error: {}\n", err);
    return fmt::format("{} (0x{:X})\n", v, v);
  }
  if (cmd == "save" || cmd == "load") {
    if (args.size() != 1) return fmt::format("usage: {} FILE\n", cmd);
    std::string path(args[0]);
    bool ok = cmd == "save" ? save_session(path, err) : load_session(path, err);
    return ok ? fmt::format("{} {}\n", cmd == "save" ? "saved" : "loaded", path)
              : fmt::format("error: {}\n", err);
  }
  return fmt::format("error: unknown command '{}' (try help)\n", cmd);
}

}  // namespace quartz::debugger
