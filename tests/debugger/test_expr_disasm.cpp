#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include "machine/debugger/disasm.hpp"
#include "machine/debugger/expr.hpp"

using namespace quartz;
using namespace quartz::debugger;

namespace {
std::int64_t eval(const char* text, const CpuState& s, const std::array<std::uint8_t, 0x100>& mem) {
  std::string err;
  auto e = parse_expr(text, err);
  INFO(text << ": " << err);
  REQUIRE(e);
  ExprContext c;
  c.regs = &s;
  c.peek = [&](std::uint32_t a) { return a < mem.size() ? mem[a] : std::uint8_t(0); };
  return e->eval(c);
}

std::string dis(std::vector<std::uint8_t> b, CpuModel m = CpuModel::i8086, std::uint16_t ip = 0) {
  return decode(b, ip, m).text;
}
}  // namespace

TEST_CASE("expressions: registers, flags, memory, operators") {
  CpuState s;
  s.ax = 0x4C00;
  s.ds = 0x0001;  // DS base 10h
  s.si = 0x0004;
  s.flags = 0x0040;  // ZF
  std::array<std::uint8_t, 0x100> mem{};
  mem[0x14] = 0x41;
  mem[0x15] = 0x42;
  CHECK(eval("ax == 0x4c00 && [ds:si] == 0x41", s, mem) == 1);
  CHECK(eval("word [ds:si] == 0x4241", s, mem) == 1);
  CHECK(eval("byte [si] == 65", s, mem) == 1);  // DS default
  CHECK(eval("ah == 4ch", s, mem) == 1);
  CHECK(eval("al", s, mem) == 0);
  CHECK(eval("zf && !cf", s, mem) == 1);
  CHECK(eval("ax != 0x4c00 || si >= 4", s, mem) == 1);
  CHECK(eval("!(si < 4) && si <= 4 && si > 3", s, mem) == 1);
  CHECK(eval("(ax | 1) - 1 == ax", s, mem) == 1);
  CHECK(eval("ax & 0xff00 == 0x4c00", s, mem) == 1);  // & binds tighter than ==
  CHECK(eval("1 + 2 - 4", s, mem) == -1);
  CHECK(eval("[ds:si+1]", s, mem) == 0x42);
  std::string err;
  CHECK_FALSE(parse_expr("ax ==", err));
  CHECK(err.find("column") != std::string::npos);
  CHECK_FALSE(parse_expr("(ax", err));
  CHECK_FALSE(parse_expr("qq == 1", err));
  CHECK_FALSE(parse_expr("[ds:si", err));
  // Hex default (addresses): bare numbers are hexadecimal.
  auto e = parse_expr("7c00", err, true);
  REQUIRE(e);
  CHECK(e->eval({}) == 0x7C00);
}

TEST_CASE("disassembler: 8086 encodings (Intel 8086 manual, table 4-12)") {
  CHECK(dis({0xB8, 0x34, 0x12}) == "mov ax, 0x1234");
  CHECK(dis({0x8B, 0x46, 0xFC}) == "mov ax, word [bp-0x4]");
  CHECK(dis({0x26, 0x8A, 0x07}) == "mov al, byte [es:bx]");
  CHECK(dis({0x89, 0x87, 0x00, 0x10}) == "mov word [bx+0x1000], ax");
  CHECK(dis({0x8E, 0xD8}) == "mov ds, ax");
  CHECK(dis({0x83, 0xC3, 0xFF}) == "add bx, -0x01");
  CHECK(dis({0x80, 0x3E, 0x34, 0x12, 0x05}) == "cmp byte [0x1234], 0x05");
  CHECK(dis({0xD1, 0xE0}) == "shl ax, 1");
  CHECK(dis({0xD2, 0xCB}) == "ror bl, cl");
  CHECK(dis({0xF6, 0xC4, 0x80}) == "test ah, 0x80");
  CHECK(dis({0xF7, 0xE3}) == "mul bx");
  CHECK(dis({0xFF, 0x1E, 0x34, 0x12}) == "call far dword [0x1234]");
  CHECK(dis({0xEA, 0x5B, 0xE0, 0x00, 0xF0}) == "jmp 0xf000:0xe05b");
  CHECK(dis({0xE4, 0x60}) == "in al, 0x60");
  CHECK(dis({0xEE}) == "out dx, al");
  CHECK(dis({0xA1, 0x00, 0x02}) == "mov ax, word [0x0200]");
  CHECK(dis({0xC3}) == "ret");
  CHECK(dis({0xC4, 0x1E, 0x00, 0x01}) == "les bx, dword [0x0100]");

  auto call = decode(std::vector<std::uint8_t>{0xE8, 0x05, 0x00}, 0x0103, CpuModel::i8088);
  CHECK(call.text == "call 0x010b");
  CHECK(call.length == 3);
  CHECK(call.flow == FlowKind::kCall);
  auto jb = decode(std::vector<std::uint8_t>{0x75, 0xFE}, 0x0200, CpuModel::i8088);
  CHECK(jb.text == "jnz 0x0200");
  auto i21 = decode(std::vector<std::uint8_t>{0xCD, 0x21}, 0, CpuModel::i8088);
  CHECK(i21.text == "int 0x21");
  CHECK(i21.is_int);
  CHECK(i21.vector == 0x21);
  auto rep = decode(std::vector<std::uint8_t>{0xF3, 0xA4}, 0, CpuModel::i8088);
  CHECK(rep.text == "rep movsb");
  CHECK(rep.length == 2);
  CHECK(rep.flow == FlowKind::kLoop);
  CHECK(dis({0xF3, 0xA6}) == "repz cmpsb");
  CHECK(dis({0xF2, 0xAE}) == "repnz scasb");
  CHECK(dis({0x2E, 0xA5}) == "cs movsw");
  CHECK(decode(std::vector<std::uint8_t>{0x8D, 0xC0}, 0, CpuModel::i8086).text == "db 0x8d");
}

TEST_CASE("disassembler: 80286 additions and their 8086 aliases") {
  CHECK(dis({0xC8, 0x10, 0x00, 0x01}, CpuModel::i80286) == "enter 0x0010, 0x01");
  CHECK(dis({0xC9}, CpuModel::i80286) == "leave");
  CHECK(dis({0x60}, CpuModel::i80286) == "pusha");
  CHECK(dis({0x6A, 0xFF}, CpuModel::i80286) == "push -0x01");
  CHECK(dis({0x69, 0xC3, 0x10, 0x00}, CpuModel::i80286) == "imul ax, bx, 0x0010");
  CHECK(dis({0xC1, 0xE0, 0x04}, CpuModel::i80286) == "shl ax, 0x04");
  CHECK(dis({0x0F, 0x01, 0x16, 0x00, 0x10}, CpuModel::i80286) == "lgdt [0x1000]");
  CHECK(dis({0x0F, 0x01, 0xF0}, CpuModel::i80286) == "lmsw ax");
  CHECK(dis({0x0F, 0x00, 0xD8}, CpuModel::i80286) == "ltr ax");
  CHECK(dis({0x0F, 0x06}, CpuModel::i80286) == "clts");
  // On the 8086 0Fh is POP CS, 60h-6Fh alias the Jcc row and C9h is RETF.
  CHECK(dis({0x0F}) == "pop cs");
  CHECK(decode(std::vector<std::uint8_t>{0x64, 0x02}, 0x10, CpuModel::i8086).text == "jz 0x0014");
  CHECK(dis({0xC9}) == "retf");
}
