// The 8086/8088 opcode maps as data: the one-byte map and the group maps selected by
// ModRM.reg. Every byte decodes to something on the 808x (it has no invalid-opcode trap):
// 60-6F alias 70-7F, C0/C1/C8/C9 alias C2/C3/CA/CB, 0F is POP CS, D6 is SALC, F1 aliases
// LOCK, 82 aliases 80, F6/F7 /1 alias /0, D0-D3 /6 is SETMO, FF /7 aliases /6.
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

constexpr OpcodeInfo M(Handler h, const char* n, std::uint8_t arg = 0) {
  return {h, Form::kModrm, arg, nullptr, n, 0, {}};
}
constexpr OpcodeInfo N(Handler h, const char* n, std::uint8_t arg = 0) {
  return {h, Form::kNone, arg, nullptr, n, 0, {}};
}
// A single-step instruction with its EU clock count after the opcode byte. Totals from the
// opcode to the next opcode on the captures: CLC/STC/... 2, CBW 2, LAHF 2, SAHF 4,
// XCHG AX,r 3, INC/DEC r16 2, DAA/DAS 4 (Intel's table: 2, 2, 4, 4, 3, 2, 4).
constexpr OpcodeInfo T(Handler h, const char* n, std::uint8_t clocks) {
  return {h, Form::kNone, 0, nullptr, n, clocks, {}};
}
constexpr OpcodeInfo G(const OpcodeInfo* g, const char* n) {
  return {nullptr, Form::kGroup, 0, g, n, 0, {}};
}
constexpr OpcodeInfo P(const char* n, std::uint8_t arg) {
  return {nullptr, Form::kPrefix, arg, nullptr, n, 0, {}};
}

// Prefix kinds (OpcodeInfo::arg of kPrefix rows): 0-3 segment override ES CS SS DS.
constexpr std::uint8_t kPfxLock = 4, kPfxRepne = 5, kPfxRep = 6;

constexpr OpcodeInfo kGrp1[8] = {
    M(op_grp1, "add"), M(op_grp1, "or"),  M(op_grp1, "adc"), M(op_grp1, "sbb"),
    M(op_grp1, "and"), M(op_grp1, "sub"), M(op_grp1, "xor"), M(op_grp1, "cmp")};
constexpr OpcodeInfo kGrp2[8] = {
    M(op_shift, "rol", 0), M(op_shift, "ror", 1), M(op_shift, "rcl", 2),   M(op_shift, "rcr", 3),
    M(op_shift, "shl", 4), M(op_shift, "shr", 5), M(op_shift, "setmo", 6), M(op_shift, "sar", 7)};
constexpr OpcodeInfo kGrp3[8] = {
    M(op_test_rm_imm, "test"), M(op_test_rm_imm, "test"), M(op_not, "not"), M(op_neg, "neg"),
    M(op_mul, "mul"),          M(op_mul, "imul"),         M(op_div, "div"), M(op_div, "idiv")};
// FE: only INC/DEC are defined; the other rows run the FF microcode on a byte operand.
constexpr OpcodeInfo kGrp4[8] = {
    M(op_inc_dec_rm, "inc"), M(op_inc_dec_rm, "dec"), M(op_call_rm, "call"),
    M(op_call_far_m, "callf"), M(op_jmp_rm, "jmp"),   M(op_jmp_far_m, "jmpf"),
    M(op_push_rm, "push"),   M(op_push_rm, "push")};
constexpr OpcodeInfo kGrp5[8] = {
    M(op_inc_dec_rm, "inc"), M(op_inc_dec_rm, "dec"), M(op_call_rm, "call"),
    M(op_call_far_m, "callf"), M(op_jmp_rm, "jmp"),   M(op_jmp_far_m, "jmpf"),
    M(op_push_rm, "push"),   M(op_push_rm, "push")};

constexpr OpcodeInfo A(std::uint8_t op) { return M(op_alu_rm, "alu", op); }
constexpr OpcodeInfo AI(std::uint8_t op) { return N(op_alu_acc_imm, "alu", op); }

constexpr OpcodeInfo kMap[256] = {
    // 00-0F
    A(0), A(0), A(0), A(0), AI(0), AI(0), N(op_push_sreg, "push es", kES), N(op_pop_sreg, "pop es", kES),
    A(1), A(1), A(1), A(1), AI(1), AI(1), N(op_push_sreg, "push cs", kCS), N(op_pop_sreg, "pop cs", kCS),
    // 10-1F
    A(2), A(2), A(2), A(2), AI(2), AI(2), N(op_push_sreg, "push ss", kSS), N(op_pop_sreg, "pop ss", kSS),
    A(3), A(3), A(3), A(3), AI(3), AI(3), N(op_push_sreg, "push ds", kDS), N(op_pop_sreg, "pop ds", kDS),
    // 20-2F
    A(4), A(4), A(4), A(4), AI(4), AI(4), P("es:", kES), T(op_daa, "daa", 3),
    A(5), A(5), A(5), A(5), AI(5), AI(5), P("cs:", kCS), T(op_das, "das", 3),
    // 30-3F
    A(6), A(6), A(6), A(6), AI(6), AI(6), P("ss:", kSS), N(op_aaa, "aaa"),
    A(7), A(7), A(7), A(7), AI(7), AI(7), P("ds:", kDS), N(op_aas, "aas"),
    // 40-4F
    T(op_inc_dec_reg, "inc", 1), T(op_inc_dec_reg, "inc", 1), T(op_inc_dec_reg, "inc", 1), T(op_inc_dec_reg, "inc", 1),
    T(op_inc_dec_reg, "inc", 1), T(op_inc_dec_reg, "inc", 1), T(op_inc_dec_reg, "inc", 1), T(op_inc_dec_reg, "inc", 1),
    T(op_inc_dec_reg, "dec", 1), T(op_inc_dec_reg, "dec", 1), T(op_inc_dec_reg, "dec", 1), T(op_inc_dec_reg, "dec", 1),
    T(op_inc_dec_reg, "dec", 1), T(op_inc_dec_reg, "dec", 1), T(op_inc_dec_reg, "dec", 1), T(op_inc_dec_reg, "dec", 1),
    // 50-5F
    N(op_push_reg, "push"), N(op_push_reg, "push"), N(op_push_reg, "push"), N(op_push_reg, "push"),
    N(op_push_reg, "push"), N(op_push_reg, "push"), N(op_push_reg, "push"), N(op_push_reg, "push"),
    N(op_pop_reg, "pop"), N(op_pop_reg, "pop"), N(op_pop_reg, "pop"), N(op_pop_reg, "pop"),
    N(op_pop_reg, "pop"), N(op_pop_reg, "pop"), N(op_pop_reg, "pop"), N(op_pop_reg, "pop"),
    // 60-6F: aliases of Jcc on the 808x
    N(op_jcc, "jo"), N(op_jcc, "jno"), N(op_jcc, "jb"), N(op_jcc, "jnb"),
    N(op_jcc, "jz"), N(op_jcc, "jnz"), N(op_jcc, "jbe"), N(op_jcc, "ja"),
    N(op_jcc, "js"), N(op_jcc, "jns"), N(op_jcc, "jp"), N(op_jcc, "jnp"),
    N(op_jcc, "jl"), N(op_jcc, "jnl"), N(op_jcc, "jle"), N(op_jcc, "jg"),
    // 70-7F
    N(op_jcc, "jo"), N(op_jcc, "jno"), N(op_jcc, "jb"), N(op_jcc, "jnb"),
    N(op_jcc, "jz"), N(op_jcc, "jnz"), N(op_jcc, "jbe"), N(op_jcc, "ja"),
    N(op_jcc, "js"), N(op_jcc, "jns"), N(op_jcc, "jp"), N(op_jcc, "jnp"),
    N(op_jcc, "jl"), N(op_jcc, "jnl"), N(op_jcc, "jle"), N(op_jcc, "jg"),
    // 80-8F
    G(kGrp1, "grp1"), G(kGrp1, "grp1"), G(kGrp1, "grp1"), G(kGrp1, "grp1"),
    M(op_test_rm, "test"), M(op_test_rm, "test"), M(op_xchg_rm, "xchg"), M(op_xchg_rm, "xchg"),
    M(op_mov_rm, "mov"), M(op_mov_rm, "mov"), M(op_mov_rm, "mov"), M(op_mov_rm, "mov"),
    M(op_mov_rm_sreg, "mov"), M(op_lea, "lea"), M(op_mov_sreg_rm, "mov"), M(op_pop_rm, "pop"),
    // 90-9F
    T(op_xchg_ax, "nop", 2), T(op_xchg_ax, "xchg", 2), T(op_xchg_ax, "xchg", 2), T(op_xchg_ax, "xchg", 2),
    T(op_xchg_ax, "xchg", 2), T(op_xchg_ax, "xchg", 2), T(op_xchg_ax, "xchg", 2), T(op_xchg_ax, "xchg", 2),
    T(op_cbw, "cbw", 1), N(op_cwd, "cwd"), N(op_call_far, "callf"), N(op_wait, "wait"),
    N(op_pushf, "pushf"), N(op_popf, "popf"), T(op_sahf, "sahf", 3), T(op_lahf, "lahf", 1),
    // A0-AF
    N(op_mov_acc_moffs, "mov"), N(op_mov_acc_moffs, "mov"), N(op_mov_acc_moffs, "mov"), N(op_mov_acc_moffs, "mov"),
    N(op_movs, "movsb"), N(op_movs, "movsw"), N(op_cmps, "cmpsb"), N(op_cmps, "cmpsw"),
    N(op_test_acc_imm, "test"), N(op_test_acc_imm, "test"), N(op_stos, "stosb"), N(op_stos, "stosw"),
    N(op_lods, "lodsb"), N(op_lods, "lodsw"), N(op_scas, "scasb"), N(op_scas, "scasw"),
    // B0-BF
    N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"),
    N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"),
    N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"),
    N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"), N(op_mov_reg_imm, "mov"),
    // C0-CF (C0/C1/C8/C9 alias C2/C3/CA/CB)
    N(op_ret_near, "ret"), N(op_ret_near, "ret"), N(op_ret_near, "ret"), N(op_ret_near, "ret"),
    M(op_load_far_ptr, "les"), M(op_load_far_ptr, "lds"), M(op_mov_rm_imm, "mov"), M(op_mov_rm_imm, "mov"),
    N(op_ret_far, "retf"), N(op_ret_far, "retf"), N(op_ret_far, "retf"), N(op_ret_far, "retf"),
    N(op_int3, "int3"), N(op_int, "int"), N(op_into, "into"), N(op_iret, "iret"),
    // D0-DF
    G(kGrp2, "grp2"), G(kGrp2, "grp2"), G(kGrp2, "grp2"), G(kGrp2, "grp2"),
    N(op_aam, "aam"), N(op_aad, "aad"), N(op_salc, "salc"), N(op_xlat, "xlat"),
    M(op_esc, "esc"), M(op_esc, "esc"), M(op_esc, "esc"), M(op_esc, "esc"),
    M(op_esc, "esc"), M(op_esc, "esc"), M(op_esc, "esc"), M(op_esc, "esc"),
    // E0-EF
    N(op_loop, "loopnz"), N(op_loop, "loopz"), N(op_loop, "loop"), N(op_loop, "jcxz"),
    N(op_in_imm, "in"), N(op_in_imm, "in"), N(op_out_imm, "out"), N(op_out_imm, "out"),
    N(op_call_near, "call"), N(op_jmp_near, "jmp"), N(op_jmp_far, "jmpf"), N(op_jmp_short, "jmp"),
    N(op_in_dx, "in"), N(op_in_dx, "in"), N(op_out_dx, "out"), N(op_out_dx, "out"),
    // F0-FF (F1 aliases LOCK)
    P("lock", kPfxLock), P("lock", kPfxLock), P("repne", kPfxRepne), P("rep", kPfxRep),
    N(op_hlt, "hlt"), T(op_flag_op, "cmc", 1), G(kGrp3, "grp3"), G(kGrp3, "grp3"),
    T(op_flag_op, "clc", 1), T(op_flag_op, "stc", 1), T(op_flag_op, "cli", 1), T(op_flag_op, "sti", 1),
    T(op_flag_op, "cld", 1), T(op_flag_op, "std", 1), G(kGrp4, "grp4"), G(kGrp5, "grp5"),
};

}  // namespace

const OpcodeInfo* opcode_map_808x() { return kMap; }

}  // namespace quartz
