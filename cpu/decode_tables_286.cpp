// The 80286 one-byte opcode map: the 8086 map (decode_tables.cpp) with the rows the 286
// changes (80286 PRM, appendix "Opcode map"): 0F opens the two-byte map (no POP CS), 60-6F
// hold PUSHA/POPA/BOUND/PUSH imm/IMUL imm/INS/OUTS instead of Jcc aliases, C0/C1 shift by
// an immediate, C8/C9 are ENTER/LEAVE, and forms the 8086 tolerated raise interrupt 6.
#include <array>

#include "cpu/handlers.hpp"
#include "cpu/timing_286.hpp"

namespace quartz {

namespace {

constexpr OpcodeInfo M(Handler h, const char* n, std::uint8_t arg = 0) {
  return {h, Form::kModrm, arg, nullptr, n, 0, {}};
}
constexpr OpcodeInfo N(Handler h, const char* n, std::uint8_t arg = 0) {
  return {h, Form::kNone, arg, nullptr, n, 0, {}};
}
constexpr OpcodeInfo G(const OpcodeInfo* g, const char* n) {
  return {nullptr, Form::kGroup, 0, g, n, 0, {}};
}
constexpr OpcodeInfo kBad = N(op_invalid, "(bad)");
constexpr OpcodeInfo kBadM = M(op_invalid, "(bad)");

// Group 2: /6 (SETMO on the 8086) shifts like SHL on the 186 and later.
constexpr OpcodeInfo kGrp2[8] = {
    M(op_shift, "rol", 0), M(op_shift, "ror", 1), M(op_shift, "rcl", 2), M(op_shift, "rcr", 3),
    M(op_shift, "shl", 4), M(op_shift, "shr", 5), M(op_shift, "sal", 4), M(op_shift, "sar", 7)};
// 8F, C6, C7: only /0 is defined.
constexpr OpcodeInfo kGrpPop[8] = {M(op_pop_rm, "pop"), kBadM, kBadM, kBadM,
                                   kBadM,               kBadM, kBadM, kBadM};
constexpr OpcodeInfo kBadImm = M(op_invalid_imm, "(bad)");
constexpr OpcodeInfo kGrpMovImm[8] = {M(op_mov_rm_imm, "mov"), kBadImm, kBadImm, kBadImm,
                                      kBadImm,                 kBadImm, kBadImm, kBadImm};
// 8C/8E: only the four segment registers; MOV CS,r/m is undefined on the 286.
constexpr OpcodeInfo kGrpMovFromSreg[8] = {
    M(op_mov_rm_sreg, "mov"), M(op_mov_rm_sreg, "mov"), M(op_mov_rm_sreg, "mov"),
    M(op_mov_rm_sreg, "mov"), kBadM, kBadM, kBadM, kBadM};
constexpr OpcodeInfo kGrpMovToSreg[8] = {
    M(op_mov_sreg_rm, "mov"), kBadM, M(op_mov_sreg_rm, "mov"), M(op_mov_sreg_rm, "mov"),
    kBadM, kBadM, kBadM, kBadM};
// FE: only INC/DEC.
constexpr OpcodeInfo kGrp4[8] = {M(op_inc_dec_rm, "inc"), M(op_inc_dec_rm, "dec"), kBadM, kBadM,
                                 kBadM,                   kBadM,                   kBadM, kBadM};
// FF: far CALL/JMP need a memory operand; /7 aliases PUSH (SingleStepTests metadata).
constexpr OpcodeInfo kGrp5[8] = {
    M(op_inc_dec_rm, "inc"), M(op_inc_dec_rm, "dec"), M(op_call_rm, "call"),
    M(op_call_far_m_286, "callf"), M(op_jmp_rm, "jmp"), M(op_jmp_far_m_286, "jmpf"),
    M(op_push_rm, "push"), M(op_push_rm, "push")};

struct Row {
  std::uint8_t op;
  OpcodeInfo info;
};

constexpr Row kChanges[] = {
    {0x0F, N(op_0f, "0f")},
    {0x60, N(op_pusha, "pusha")},
    {0x61, N(op_popa, "popa")},
    {0x62, M(op_bound, "bound")},
    {0x63, N(op_arpl, "arpl")},  // protected mode only; reads its own ModRM after the PE check
    {0x64, kBad},
    {0x65, kBad},
    {0x66, kBad},
    {0x67, kBad},
    {0x68, N(op_push_imm, "push")},
    {0x69, M(op_imul_imm, "imul")},
    {0x6A, N(op_push_imm, "push")},
    {0x6B, M(op_imul_imm, "imul")},
    {0x6C, N(op_ins, "insb")},
    {0x6D, N(op_ins, "insw")},
    {0x6E, N(op_outs, "outsb")},
    {0x6F, N(op_outs, "outsw")},
    {0x8C, G(kGrpMovFromSreg, "mov")},
    {0x8D, M(op_lea_286, "lea")},
    {0x8E, G(kGrpMovToSreg, "mov")},
    {0x8F, G(kGrpPop, "pop")},
    {0xC0, G(kGrp2, "grp2")},
    {0xC1, G(kGrp2, "grp2")},
    {0xC4, M(op_load_far_ptr_286, "les")},
    {0xC5, M(op_load_far_ptr_286, "lds")},
    {0xC6, G(kGrpMovImm, "mov")},
    {0xC7, G(kGrpMovImm, "mov")},
    {0xC8, N(op_enter, "enter")},
    {0xC9, N(op_leave, "leave")},
    {0xD0, G(kGrp2, "grp2")},
    {0xD1, G(kGrp2, "grp2")},
    {0xD2, G(kGrp2, "grp2")},
    {0xD3, G(kGrp2, "grp2")},
    // D8-DF: ESC hands the instruction to the 80287 through I/O ports (coprocessor_286.cpp).
    {0xD8, M(op_esc_286, "esc")},
    {0xD9, M(op_esc_286, "esc")},
    {0xDA, M(op_esc_286, "esc")},
    {0xDB, M(op_esc_286, "esc")},
    {0xDC, M(op_esc_286, "esc")},
    {0xDD, M(op_esc_286, "esc")},
    {0xDE, M(op_esc_286, "esc")},
    {0xDF, M(op_esc_286, "esc")},
    {0xFE, G(kGrp4, "grp4")},
    {0xFF, G(kGrp5, "grp5")},
};

struct Map286 {
  std::array<OpcodeInfo, 256> rows{};
  // Every group gets its own copy so its rows can carry 286 timing.
  std::array<std::array<OpcodeInfo, 8>, 256> groups{};
};

Map286 build_map() {
  Map286 m;
  const OpcodeInfo* base = opcode_map_808x();
  for (unsigned i = 0; i < 256; ++i) m.rows[i] = base[i];
  for (const Row& r : kChanges) m.rows[r.op] = r.info;
  for (unsigned i = 0; i < 256; ++i) {
    OpcodeInfo& row = m.rows[i];
    if (row.form != Form::kGroup) continue;
    for (unsigned g = 0; g < 8; ++g) m.groups[i][g] = row.group[g];
    row.group = m.groups[i].data();
  }
  for (const TimingRow286& t : timing_rows_286()) {
    OpcodeInfo& row = m.rows[t.op];
    if (row.form == Form::kGroup) {
      for (unsigned g = 0; g < 8; ++g)
        if (t.reg == kAllRows || t.reg == g) m.groups[t.op][g].t286 = t.t;
    } else {
      row.t286 = t.t;
    }
  }
  // Undefined forms raise interrupt 6 before the address unit's extra EA clock matters.
  auto undefined_no_ea_wait = [](OpcodeInfo& r) {
    if (r.fn == op_invalid || r.fn == op_invalid_imm) r.t286.ea_overlaps = true;
  };
  for (unsigned i = 0; i < 256; ++i) {
    undefined_no_ea_wait(m.rows[i]);
    for (auto& g : m.groups[i]) undefined_no_ea_wait(g);
  }
  return m;
}

}  // namespace

const OpcodeInfo* opcode_map_286() {
  // Built once from the 8086 map and the change rows; immutable afterwards.
  static const Map286 map = build_map();
  return map.rows.data();
}

}  // namespace quartz
