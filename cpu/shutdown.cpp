// 80286 shutdown and the real-mode interrupt table limit.
//
// 80286 PRM 11.6: shutdown "is very similar to HLT in that the 80286 stops executing
// instructions"; it is signalled as a HALT bus cycle with A1 = 0 (HLT drives address 2); NMI
// or RESET ends it and INTR is ignored. It follows a fault while delivering a double fault in
// protected mode (PRM 9.8) and, in real mode (80286 datasheet, "Shutdown"), exception 8 or
// 13 with a vector beyond the IDT limit, or a CALL, INT or PUSH wrapping the stack segment
// with an odd SP (PRM appendix B, INT: "shut down if SP = 1, 3 or 5").
#include "cpu/handlers.hpp"

namespace quartz {

void Cpu808x::enter_shutdown() {
  // The status of a halt with address 0, as a word (BHE# low) like the HLT cycle.
  eu_bus(bus_status::kHalt, 2, 0, 0, 2);
  halted_ = true;
  shutdown_ = true;
  shutdown_entered_ = true;
  inhibit_irq_ = false;
}

void Cpu808x::shutdown_at(std::uint16_t ip) {
  // The event that could not be delivered belongs to this instruction (a fault restarts it,
  // PRM 9.4); an NMI that ends the shutdown returns there.
  ip_ = ip;
  throw CpuShutdown{};
}

bool Cpu808x::shutdown_nmi_exits() {
  if (!nmi_pending_) return false;
  // Real mode: "An NMI input can bring the CPU out of shutdown if the IDT limit is at least
  // 000F(H) and SP is greater than 0005(H), otherwise shutdown can only be exited via
  // RESET" (80286 datasheet, "Shutdown"). In protected mode the NMI is delivered through
  // the IDT and a failure there shuts down again.
  if (!(msw_ & 1) && (pm_.idtr.limit < 0x000F || regs_[kSP] <= 5)) {
    nmi_pending_ = false;
    return false;
  }
  return true;
}

namespace {
// Instructions that push (80286 PRM appendix B): PUSH sreg/reg/imm, PUSHA, PUSHF, CALL,
// ENTER; FF: ModRM.reg 2 and 3 (CALL), 6 and 7 (PUSH r/m). INT and INTO go through
// Cpu808x::interrupt.
constexpr std::uint8_t kPushOps[] = {0x06, 0x0E, 0x16, 0x1E, 0x50, 0x51, 0x52, 0x53, 0x54,
                                     0x55, 0x56, 0x57, 0x60, 0x68, 0x6A, 0x9A, 0x9C, 0xC8,
                                     0xE8, 0xFF};
}  // namespace

bool Cpu808x::stack_wrap_shuts_down() const {
  // 80286 datasheet, "Shutdown": "A CALL, INT or PUSH instruction attempts to wrap around
  // the stack segment when SP is not even." The wrapping word is written at SS:FFFFh: the
  // push has just moved SP there (PUSHA, which moves SP last, wraps below an odd SP < 16).
  // A segment overrun of a memory operand (PUSH/CALL [FFFFh]) leaves SP alone and is an
  // ordinary interrupt 13 (SingleStepTests 80286 captures, FF /3 and FF /6).
  if (msw_ & 1) return false;
  const std::uint16_t sp = regs_[kSP];
  if (d_.op == 0x60) return (sp & 1) && sp < 16;
  if (sp != 0xFFFF) return false;
  for (std::uint8_t op : kPushOps) {
    if (op != d_.op) continue;
    return op != 0xFF || d_.reg == 2 || d_.reg == 3 || d_.reg >= 6;
  }
  return false;
}

std::uint8_t Cpu808x::real_mode_vector(std::uint8_t vector, std::uint16_t& return_ip,
                                       bool software) {
  // Real-mode vectors are 4 bytes; after RESET the limit is 03FFh, so all 256 fit until a
  // LIDT lowers it (datasheet table "Real Address Mode Addressing Interrupts").
  const auto fits = [this](unsigned v) { return v * 4 + 3 <= pm_.idtr.limit; };
  if (fits(vector)) return vector;
  // Exception 8 or 13 beyond the limit shuts the processor down; any other vector raises
  // exception 8, whose return address is the instruction that caused it ("before
  // instruction: yes"): INT n reports itself, not the next instruction.
  if ((!software && (vector == 8 || vector == 13)) || !fits(8))
    shutdown_at(software ? d_.insn_ip : return_ip);
  if (software) return_ip = d_.insn_ip;
  return 8;
}

}  // namespace quartz
