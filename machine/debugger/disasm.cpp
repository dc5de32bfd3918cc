// Table-driven 8086/80286 disassembler. One row per primary opcode (Intel 8086 Family
// User's Manual table 4-13; iAPX 286 Programmer's Reference Appendix B for the 80286
// additions); ModRM-extended groups are rows of their own tables.
#include "machine/debugger/disasm.hpp"

#include <array>

#include <fmt/core.h>

namespace quartz::debugger {

namespace {

// Operand kinds, named after the Intel opcode-map notation (E = ModRM r/m, G = ModRM reg,
// I = immediate, J = relative, O = direct offset, S = segment register).
enum A : std::uint8_t {
  N_,                      // none
  Eb, Ev, Ew, Gb, Gv, Sw, M, Mp,
  Ib, Iv, Iw, Ibs,         // Ibs: imm8 sign-extended to the operand size
  Jb, Jv, Ap, Ob, Ov,
  AL, CL, AX, DX, One,
  Zb, Zv,                  // register from the opcode's low 3 bits
  rES, rCS, rSS, rDS,
};

// Special rows.
enum Kind : std::uint8_t { kOp, kPrefix, kGrp1, kGrp2, kGrp3, kGrp4, kGrp5, kEsc, k0F, kBad };

struct Row {
  const char* mn;
  A a = N_, b = N_, c = N_;
  Kind kind = kOp;
  FlowKind flow = FlowKind::kNormal;
};

constexpr FlowKind F = FlowKind::kNormal, CALL = FlowKind::kCall, INT = FlowKind::kInt,
                   LOOP = FlowKind::kLoop, RET = FlowKind::kReturn, JMP = FlowKind::kJump;

#define ALU(n) Row{n, Eb, Gb}, Row{n, Ev, Gv}, Row{n, Gb, Eb}, Row{n, Gv, Ev}, \
               Row{n, AL, Ib}, Row{n, AX, Iv}
#define X8(n, a, b) Row{n, a, b}, Row{n, a, b}, Row{n, a, b}, Row{n, a, b}, \
                    Row{n, a, b}, Row{n, a, b}, Row{n, a, b}, Row{n, a, b}

// The 8086 primary map. 80286-only rows (60h-6Fh, C0h, C1h, C8h, C9h, 0Fh) are patched in
// by table_for() below; on the 8086 those opcodes alias other rows as the silicon does.
constexpr std::array<Row, 256> k8086 = {{
    // 00
    ALU("add"), Row{"push", rES}, Row{"pop", rES},
    ALU("or"), Row{"push", rCS}, Row{"pop", rCS},
    // 10
    ALU("adc"), Row{"push", rSS}, Row{"pop", rSS},
    ALU("sbb"), Row{"push", rDS}, Row{"pop", rDS},
    // 20
    ALU("and"), Row{"es", N_, N_, N_, kPrefix}, Row{"daa"},
    ALU("sub"), Row{"cs", N_, N_, N_, kPrefix}, Row{"das"},
    // 30
    ALU("xor"), Row{"ss", N_, N_, N_, kPrefix}, Row{"aaa"},
    ALU("cmp"), Row{"ds", N_, N_, N_, kPrefix}, Row{"aas"},
    // 40
    X8("inc", Zv, N_), X8("dec", Zv, N_), X8("push", Zv, N_), X8("pop", Zv, N_),
    // 60: on the 8086, 60h-6Fh decode as 70h-7Fh
    Row{"jo", Jb}, Row{"jno", Jb}, Row{"jb", Jb}, Row{"jnb", Jb},
    Row{"jz", Jb}, Row{"jnz", Jb}, Row{"jbe", Jb}, Row{"ja", Jb},
    Row{"js", Jb}, Row{"jns", Jb}, Row{"jpe", Jb}, Row{"jpo", Jb},
    Row{"jl", Jb}, Row{"jge", Jb}, Row{"jle", Jb}, Row{"jg", Jb},
    // 70
    Row{"jo", Jb}, Row{"jno", Jb}, Row{"jb", Jb}, Row{"jnb", Jb},
    Row{"jz", Jb}, Row{"jnz", Jb}, Row{"jbe", Jb}, Row{"ja", Jb},
    Row{"js", Jb}, Row{"jns", Jb}, Row{"jpe", Jb}, Row{"jpo", Jb},
    Row{"jl", Jb}, Row{"jge", Jb}, Row{"jle", Jb}, Row{"jg", Jb},
    // 80
    Row{"", Eb, Ib, N_, kGrp1}, Row{"", Ev, Iv, N_, kGrp1}, Row{"", Eb, Ib, N_, kGrp1},
    Row{"", Ev, Ibs, N_, kGrp1},
    Row{"test", Eb, Gb}, Row{"test", Ev, Gv}, Row{"xchg", Eb, Gb}, Row{"xchg", Ev, Gv},
    Row{"mov", Eb, Gb}, Row{"mov", Ev, Gv}, Row{"mov", Gb, Eb}, Row{"mov", Gv, Ev},
    Row{"mov", Ew, Sw}, Row{"lea", Gv, M}, Row{"mov", Sw, Ew}, Row{"pop", Ev},
    // 90
    Row{"nop"}, Row{"xchg", AX, Zv}, Row{"xchg", AX, Zv}, Row{"xchg", AX, Zv},
    Row{"xchg", AX, Zv}, Row{"xchg", AX, Zv}, Row{"xchg", AX, Zv}, Row{"xchg", AX, Zv},
    Row{"cbw"}, Row{"cwd"}, Row{"call", Ap, N_, N_, kOp, CALL}, Row{"wait"},
    Row{"pushf"}, Row{"popf"}, Row{"sahf"}, Row{"lahf"},
    // A0
    Row{"mov", AL, Ob}, Row{"mov", AX, Ov}, Row{"mov", Ob, AL}, Row{"mov", Ov, AX},
    Row{"movsb"}, Row{"movsw"}, Row{"cmpsb"}, Row{"cmpsw"},
    Row{"test", AL, Ib}, Row{"test", AX, Iv}, Row{"stosb"}, Row{"stosw"},
    Row{"lodsb"}, Row{"lodsw"}, Row{"scasb"}, Row{"scasw"},
    // B0
    X8("mov", Zb, Ib), X8("mov", Zv, Iv),
    // C0: C0h/C1h alias C2h/C3h and C8h/C9h alias CAh/CBh on the 8086
    Row{"ret", Iw, N_, N_, kOp, RET}, Row{"ret", N_, N_, N_, kOp, RET},
    Row{"ret", Iw, N_, N_, kOp, RET}, Row{"ret", N_, N_, N_, kOp, RET},
    Row{"les", Gv, Mp}, Row{"lds", Gv, Mp}, Row{"mov", Eb, Ib}, Row{"mov", Ev, Iv},
    Row{"retf", Iw, N_, N_, kOp, RET}, Row{"retf", N_, N_, N_, kOp, RET},
    Row{"retf", Iw, N_, N_, kOp, RET}, Row{"retf", N_, N_, N_, kOp, RET},
    Row{"int3", N_, N_, N_, kOp, INT}, Row{"int", Ib, N_, N_, kOp, INT},
    Row{"into", N_, N_, N_, kOp, INT}, Row{"iret", N_, N_, N_, kOp, RET},
    // D0
    Row{"", Eb, One, N_, kGrp2}, Row{"", Ev, One, N_, kGrp2}, Row{"", Eb, CL, N_, kGrp2},
    Row{"", Ev, CL, N_, kGrp2}, Row{"aam", Ib}, Row{"aad", Ib}, Row{"salc"}, Row{"xlatb"},
    Row{"esc", N_, N_, N_, kEsc}, Row{"esc", N_, N_, N_, kEsc}, Row{"esc", N_, N_, N_, kEsc},
    Row{"esc", N_, N_, N_, kEsc}, Row{"esc", N_, N_, N_, kEsc}, Row{"esc", N_, N_, N_, kEsc},
    Row{"esc", N_, N_, N_, kEsc}, Row{"esc", N_, N_, N_, kEsc},
    // E0
    Row{"loopnz", Jb, N_, N_, kOp, LOOP}, Row{"loopz", Jb, N_, N_, kOp, LOOP},
    Row{"loop", Jb, N_, N_, kOp, LOOP}, Row{"jcxz", Jb},
    Row{"in", AL, Ib}, Row{"in", AX, Ib}, Row{"out", Ib, AL}, Row{"out", Ib, AX},
    Row{"call", Jv, N_, N_, kOp, CALL}, Row{"jmp", Jv, N_, N_, kOp, JMP},
    Row{"jmp", Ap, N_, N_, kOp, JMP}, Row{"jmp", Jb, N_, N_, kOp, JMP},
    Row{"in", AL, DX}, Row{"in", AX, DX}, Row{"out", DX, AL}, Row{"out", DX, AX},
    // F0
    Row{"lock", N_, N_, N_, kPrefix}, Row{"lock", N_, N_, N_, kPrefix},
    Row{"repnz", N_, N_, N_, kPrefix}, Row{"rep", N_, N_, N_, kPrefix},
    Row{"hlt"}, Row{"cmc"}, Row{"", Eb, N_, N_, kGrp3}, Row{"", Ev, N_, N_, kGrp3},
    Row{"clc"}, Row{"stc"}, Row{"cli"}, Row{"sti"}, Row{"cld"}, Row{"std"},
    Row{"", Eb, N_, N_, kGrp4}, Row{"", Ev, N_, N_, kGrp5},
}};
#undef ALU
#undef X8

constexpr std::array<Row, 256> make_286() {
  std::array<Row, 256> t = k8086;
  t[0x0F] = Row{"", N_, N_, N_, k0F};
  t[0x60] = Row{"pusha"};
  t[0x61] = Row{"popa"};
  t[0x62] = Row{"bound", Gv, Mp};
  t[0x63] = Row{"arpl", Ew, Gv};
  for (int i = 0x64; i <= 0x67; ++i) t[i] = Row{"", N_, N_, N_, kBad};
  t[0x68] = Row{"push", Iv};
  t[0x69] = Row{"imul", Gv, Ev, Iv};
  t[0x6A] = Row{"push", Ibs};
  t[0x6B] = Row{"imul", Gv, Ev, Ibs};
  t[0x6C] = Row{"insb"};
  t[0x6D] = Row{"insw"};
  t[0x6E] = Row{"outsb"};
  t[0x6F] = Row{"outsw"};
  t[0xC0] = Row{"", Eb, Ib, N_, kGrp2};
  t[0xC1] = Row{"", Ev, Ib, N_, kGrp2};
  t[0xC8] = Row{"enter", Iw, Ib};
  t[0xC9] = Row{"leave"};
  t[0xD6] = Row{"", N_, N_, N_, kBad};
  t[0xF1] = Row{"", N_, N_, N_, kBad};
  return t;
}
constexpr std::array<Row, 256> k286 = make_286();

constexpr const char* kGrp1Names[8] = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
// /6 is the undocumented SETMO on the 8086 and an alias of SHL on the 286; show "sal".
constexpr const char* kGrp2Names[8] = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};
constexpr const char* kGrp3Names[8] = {"test", "test", "not", "neg", "mul", "imul", "div",
                                       "idiv"};
constexpr const char* kReg8[8] = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
constexpr const char* kReg16[8] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
constexpr const char* kSeg[8] = {"es", "cs", "ss", "ds", "es", "cs", "ss", "ds"};
constexpr const char* kBase[8] = {"bx+si", "bx+di", "bp+si", "bp+di", "si", "di", "bp", "bx"};

struct Reader {
  std::span<const std::uint8_t> b;
  unsigned pos = 0;
  std::uint8_t u8() { return pos < b.size() ? b[pos++] : (pos++, 0); }
  std::uint16_t u16() {
    std::uint16_t lo = u8();
    return std::uint16_t(lo | (u8() << 8));
  }
};

std::string hex16(std::uint16_t v) { return fmt::format("0x{:04x}", v); }
std::string hex8(std::uint8_t v) { return fmt::format("0x{:02x}", v); }

class Decoder {
 public:
  Decoder(std::span<const std::uint8_t> bytes, std::uint16_t ip, CpuModel model)
      : r_{bytes}, ip_(ip), model_(model) {}

  Instruction run();

 private:
  void modrm() {
    if (have_modrm_) return;
    have_modrm_ = true;
    std::uint8_t m = r_.u8();
    mod_ = m >> 6;
    reg_ = (m >> 3) & 7;
    rm_ = m & 7;
    if (mod_ == 0 && rm_ == 6) {
      disp_ = r_.u16();
    } else if (mod_ == 1) {
      disp_ = std::uint16_t(std::int16_t(std::int8_t(r_.u8())));
    } else if (mod_ == 2) {
      disp_ = r_.u16();
    }
  }
  std::string mem(const char* size) {
    std::string seg = seg_ ? fmt::format("{}:", seg_) : "";
    std::string inner;
    if (mod_ == 0 && rm_ == 6) {
      inner = hex16(disp_);
    } else if (mod_ == 0) {
      inner = kBase[rm_];
    } else {
      std::int16_t d = std::int16_t(disp_);
      if (mod_ == 1)
        inner = fmt::format("{}{}0x{:x}", kBase[rm_], d < 0 ? "-" : "+", d < 0 ? -d : d);
      else
        inner = fmt::format("{}+0x{:04x}", kBase[rm_], disp_);
    }
    return fmt::format("{}{}[{}{}]", size, *size ? " " : "", seg, inner);
  }
  std::string rm(bool word, const char* size) {
    modrm();
    if (mod_ == 3) return word ? kReg16[rm_] : kReg8[rm_];
    return mem(size);
  }
  std::string operand(A a, bool& ok);

  Reader r_;
  std::uint16_t ip_;
  CpuModel model_;
  const char* seg_ = nullptr;
  bool have_modrm_ = false;
  std::uint8_t mod_ = 0, reg_ = 0, rm_ = 0;
  std::uint16_t disp_ = 0;
  std::uint8_t opcode_ = 0;
  Instruction out_;
};

std::string Decoder::operand(A a, bool& ok) {
  switch (a) {
    case N_: return {};
    case Eb: return rm(false, "byte");
    case Ev: return rm(true, "word");
    case Ew: return rm(true, "word");
    case Gb: modrm(); return kReg8[reg_];
    case Gv: modrm(); return kReg16[reg_];
    case Sw: modrm(); return kSeg[reg_];
    case M:
      modrm();
      if (mod_ == 3) ok = false;
      return mem("");
    case Mp:
      modrm();
      if (mod_ == 3) ok = false;
      return mem("dword");
    case Ib: return hex8(r_.u8());
    case Iv: case Iw: return hex16(r_.u16());
    case Ibs: {
      std::int8_t v = std::int8_t(r_.u8());
      return fmt::format("{}0x{:02x}", v < 0 ? "-" : "", v < 0 ? -int(v) : int(v));
    }
    case Jb: {
      std::int8_t d = std::int8_t(r_.u8());
      out_.has_target = true;
      out_.target = std::uint16_t(ip_ + r_.pos + d);
      return hex16(out_.target);
    }
    case Jv: {
      std::uint16_t d = r_.u16();
      out_.has_target = true;
      out_.target = std::uint16_t(ip_ + r_.pos + d);
      return hex16(out_.target);
    }
    case Ap: {
      std::uint16_t off = r_.u16();
      std::uint16_t seg = r_.u16();
      return fmt::format("0x{:04x}:0x{:04x}", seg, off);
    }
    case Ob: return fmt::format("byte [{}{}{}]", seg_ ? seg_ : "", seg_ ? ":" : "",
                                hex16(r_.u16()));
    case Ov: return fmt::format("word [{}{}{}]", seg_ ? seg_ : "", seg_ ? ":" : "",
                                hex16(r_.u16()));
    case AL: return "al";
    case CL: return "cl";
    case AX: return "ax";
    case DX: return "dx";
    case One: return "1";
    case Zb: return kReg8[opcode_ & 7];
    case Zv: return kReg16[opcode_ & 7];
    case rES: return "es";
    case rCS: return "cs";
    case rSS: return "ss";
    case rDS: return "ds";
  }
  return {};
}

bool is_string_op(std::uint8_t op) {
  return (op >= 0xA4 && op <= 0xA7) || (op >= 0xAA && op <= 0xAF) ||
         (op >= 0x6C && op <= 0x6F);
}

Instruction Decoder::run() {
  const auto& table = model_ == CpuModel::i80286 ? k286 : k8086;
  std::string prefix_text;
  const char* rep = nullptr;
  Row row;
  // Prefixes (the 8086 accepts any number; the 286 limits an instruction to 10 bytes).
  for (int n = 0; n < 14; ++n) {
    opcode_ = r_.u8();
    row = table[opcode_];
    if (row.kind != kPrefix) break;
    switch (opcode_) {
      case 0x26: seg_ = "es"; break;
      case 0x2E: seg_ = "cs"; break;
      case 0x36: seg_ = "ss"; break;
      case 0x3E: seg_ = "ds"; break;
      case 0xF0: case 0xF1: prefix_text += "lock "; break;
      case 0xF2: rep = "repnz"; break;
      case 0xF3: rep = "rep"; break;
    }
  }
  std::string mn = row.mn;
  A ops[3] = {row.a, row.b, row.c};
  out_.flow = row.flow;
  bool ok = true;
  switch (row.kind) {
    case kGrp1: modrm(); mn = kGrp1Names[reg_]; break;
    case kGrp2: modrm(); mn = kGrp2Names[reg_]; break;
    case kGrp3:
      modrm();
      mn = kGrp3Names[reg_];
      if (reg_ < 2) ops[1] = opcode_ == 0xF6 ? Ib : Iv;
      break;
    case kGrp4:
      modrm();
      if (reg_ > 1) ok = false;
      mn = reg_ == 0 ? "inc" : "dec";
      break;
    case kGrp5: {
      modrm();
      static constexpr const char* names[8] = {"inc", "dec", "call", "call far",
                                               "jmp", "jmp far", "push", "push"};
      mn = names[reg_];
      if (reg_ == 2 || reg_ == 3) out_.flow = FlowKind::kCall;
      if (reg_ == 4 || reg_ == 5) out_.flow = FlowKind::kJump;
      if (reg_ == 3 || reg_ == 5) ops[0] = Mp;
      break;
    }
    case kEsc: {
      modrm();
      mn = fmt::format("esc 0x{:02x},", ((opcode_ & 7) << 3) | reg_);
      ops[0] = Ev;
      break;
    }
    case k0F: {
      // 80286 two-byte opcodes (Programmer's Reference, appendix B).
      std::uint8_t op2 = r_.u8();
      static constexpr const char* g6[8] = {"sldt", "str", "lldt", "ltr", "verr", "verw",
                                            nullptr, nullptr};
      static constexpr const char* g7[8] = {"sgdt", "sidt", "lgdt", "lidt", "smsw", nullptr,
                                            "lmsw", nullptr};
      if (op2 == 0x00 || op2 == 0x01) {
        modrm();
        const char* n = op2 == 0 ? g6[reg_] : g7[reg_];
        if (!n) ok = false; else mn = n;
        ops[0] = (op2 == 1 && reg_ < 4) ? M : Ew;
      } else if (op2 == 0x02) {
        mn = "lar"; ops[0] = Gv; ops[1] = Ew;
      } else if (op2 == 0x03) {
        mn = "lsl"; ops[0] = Gv; ops[1] = Ew;
      } else if (op2 == 0x05) {
        mn = "loadall";
      } else if (op2 == 0x06) {
        mn = "clts";
      } else {
        ok = false;
      }
      break;
    }
    case kBad: ok = false; break;
    default: break;
  }
  if (row.kind == kOp && opcode_ == 0xCD) out_.is_int = true;

  std::string args;
  for (A a : ops) {
    if (a == N_) continue;
    std::string s = operand(a, ok);
    if (!args.empty()) args += ", ";
    args += s;
  }
  if (out_.is_int) out_.vector = std::uint8_t(r_.b.size() > 1 ? r_.b[r_.pos - 1] : 0);

  if (rep) {
    if (is_string_op(opcode_)) {
      // REPE/REPNE only matter for CMPS/SCAS; the others just repeat.
      bool cond = opcode_ == 0xA6 || opcode_ == 0xA7 || opcode_ == 0xAE || opcode_ == 0xAF;
      prefix_text += cond ? (rep[3] == 'n' ? "repnz " : "repz ") : "rep ";
      out_.flow = FlowKind::kLoop;
    } else {
      prefix_text += fmt::format("{} ", rep);
    }
  }
  if (seg_ && is_string_op(opcode_)) prefix_text += fmt::format("{} ", seg_);

  if (!ok) {
    out_.text = fmt::format("db 0x{:02x}", opcode_);
    out_.length = std::uint8_t(r_.pos > 15 ? 15 : r_.pos);
    out_.flow = FlowKind::kNormal;
    out_.has_target = false;
    return out_;
  }
  out_.text = prefix_text + mn + (args.empty() ? "" : " " + args);
  out_.length = std::uint8_t(r_.pos > 15 ? 15 : r_.pos);
  return out_;
}

}  // namespace

Instruction decode(std::span<const std::uint8_t> bytes, std::uint16_t ip, CpuModel model) {
  return Decoder(bytes, ip, model).run();
}

Instruction decode_at(const std::function<std::uint8_t(std::uint32_t)>& peek,
                      std::uint32_t linear, std::uint16_t ip, CpuModel model) {
  std::array<std::uint8_t, 16> buf{};
  for (unsigned i = 0; i < buf.size(); ++i) buf[i] = peek(linear + i);
  return decode(buf, ip, model);
}

}  // namespace quartz::debugger
