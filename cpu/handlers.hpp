#pragma once
// Instruction handlers, grouped by the file that implements them. Each runs one instruction
// whose opcode (and ModRM, for kModrm/kGroup rows) the decoder has already read.
#include "cpu/cpu808x.hpp"

namespace quartz {

// alu.cpp
void op_alu_rm(Cpu808x&);
void op_alu_acc_imm(Cpu808x&);
void op_grp1(Cpu808x&);
void op_test_rm(Cpu808x&);
void op_test_acc_imm(Cpu808x&);
void op_test_rm_imm(Cpu808x&);
void op_not(Cpu808x&);
void op_neg(Cpu808x&);
void op_inc_dec_reg(Cpu808x&);
void op_inc_dec_rm(Cpu808x&);
// data_transfer.cpp
void op_mov_rm(Cpu808x&);
void op_mov_rm_imm(Cpu808x&);
void op_mov_reg_imm(Cpu808x&);
void op_mov_acc_moffs(Cpu808x&);
void op_mov_rm_sreg(Cpu808x&);
void op_mov_sreg_rm(Cpu808x&);
void op_lea(Cpu808x&);
void op_load_far_ptr(Cpu808x&);
void op_xchg_rm(Cpu808x&);
void op_xchg_ax(Cpu808x&);
void op_push_reg(Cpu808x&);
void op_pop_reg(Cpu808x&);
void op_push_sreg(Cpu808x&);
void op_pop_sreg(Cpu808x&);
void op_pop_rm(Cpu808x&);
void op_push_rm(Cpu808x&);
void op_pushf(Cpu808x&);
void op_popf(Cpu808x&);
void op_sahf(Cpu808x&);
void op_lahf(Cpu808x&);
void op_cbw(Cpu808x&);
void op_cwd(Cpu808x&);
void op_xlat(Cpu808x&);
void op_salc(Cpu808x&);
// control_flow.cpp
void op_jcc(Cpu808x&);
void op_jmp_short(Cpu808x&);
void op_jmp_near(Cpu808x&);
void op_jmp_far(Cpu808x&);
void op_call_near(Cpu808x&);
void op_call_far(Cpu808x&);
void op_ret_near(Cpu808x&);
void op_ret_far(Cpu808x&);
void op_loop(Cpu808x&);
void op_call_rm(Cpu808x&);
void op_call_far_m(Cpu808x&);
void op_jmp_rm(Cpu808x&);
void op_jmp_far_m(Cpu808x&);
// string_ops.cpp
// REP string store to ES:off about to fault (286 word at FFFFh): the 286 has already counted
// the next iteration down, so CX ends two lower (SingleStepTests 80286).
void rep_store_fault_count(Cpu808x& c, std::uint16_t off);
// 286 word store whose two byte cycles (odd address) both hold the EU, as REP MOVS/INS do.
void store_word_held(Cpu808x& c, unsigned seg, std::uint16_t off, std::uint16_t v);
void op_movs(Cpu808x&);
void op_cmps(Cpu808x&);
void op_stos(Cpu808x&);
void op_lods(Cpu808x&);
void op_scas(Cpu808x&);
// muldiv.cpp
void op_mul(Cpu808x&);
void op_div(Cpu808x&);
void op_aam(Cpu808x&);
void op_aad(Cpu808x&);
// shift_rotate.cpp
void op_shift(Cpu808x&);
// bcd.cpp
void op_daa(Cpu808x&);
void op_das(Cpu808x&);
void op_aaa(Cpu808x&);
void op_aas(Cpu808x&);
// interrupts.cpp
void op_int(Cpu808x&);
void op_int3(Cpu808x&);
void op_into(Cpu808x&);
void op_iret(Cpu808x&);
// io_ops.cpp
void op_in_imm(Cpu808x&);
void op_out_imm(Cpu808x&);
void op_in_dx(Cpu808x&);
void op_out_dx(Cpu808x&);
// processor_control.cpp
void op_flag_op(Cpu808x&);
void op_hlt(Cpu808x&);
void op_wait(Cpu808x&);
void op_esc(Cpu808x&);
// coprocessor_286.cpp: ESC through the 80286 processor-extension ports
void op_esc_286(Cpu808x&);
// ops186.cpp (80186/80286 additions)
void op_invalid(Cpu808x&);
void op_invalid_imm(Cpu808x&);
void op_pusha(Cpu808x&);
void op_popa(Cpu808x&);
void op_bound(Cpu808x&);
void op_push_imm(Cpu808x&);
void op_imul_imm(Cpu808x&);
void op_ins(Cpu808x&);
void op_outs(Cpu808x&);
void op_enter(Cpu808x&);
void op_leave(Cpu808x&);
void op_0f(Cpu808x&);
void op_load_far_ptr_286(Cpu808x&);
void op_lea_286(Cpu808x&);
void op_call_far_m_286(Cpu808x&);
void op_jmp_far_m_286(Cpu808x&);

}  // namespace quartz
