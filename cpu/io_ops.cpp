// IN/OUT with an immediate port (E4-E7, 8-bit port number) or DX (EC-EF). A word on an even
// port is one bus cycle on the 8086; the bus sees it as two byte-lane accesses.
#include "cpu/handlers.hpp"

namespace quartz {

void op_in_imm(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  const std::uint8_t port = c.q_read8();
  c.clk(1);
  const std::uint16_t v = c.io_read(port, d.w);
  c.clk(1);
  c.set_reg(kAX, d.w, v);
}

void op_out_imm(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  const std::uint8_t port = c.q_read8();
  c.clk(3);
  c.io_write(port, d.w, c.reg(kAX, d.w));
}

void op_in_dx(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(2);
  const std::uint16_t v = c.io_read(c.r16(kDX), d.w);
  c.clk(1);
  c.set_reg(kAX, d.w, v);
}

void op_out_dx(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(3);
  c.io_write(c.r16(kDX), d.w, c.reg(kAX, d.w));
}

}  // namespace quartz
