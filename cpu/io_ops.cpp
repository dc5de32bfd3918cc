// IN/OUT with an immediate port (E4-E7, 8-bit port number) or DX (EC-EF). A word on an even
// port is one bus cycle on the 8086; the bus sees it as two byte-lane accesses. In 80286
// protected mode they are IOPL-sensitive (PRM 10.3, "I/O privilege"): checked first, no clocks.
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

// EU clocks around the I/O cycle. 808x: P80C86A-2 captures. 80286 (2-clock bus cycles,
// posted writes), counted from the clock the decoded instruction starts: the cycle goes out
// at once; IN ends 3 clocks after its data (PRM IN 5 = read 2 + 3), OUT 2 clocks after its
// posted Ts (PRM OUT 3 = Ts 1 + 2) (SingleStepTests 80286 captures).
struct IoTiming {
  std::uint8_t before_port;  // immediate forms: clocks before the port byte is read
  std::uint8_t in_imm_pre, in_imm_post, out_imm_pre;
  std::uint8_t in_dx_pre, in_dx_post, out_dx_pre;
  std::uint8_t out_post;     // after the OUT cycle
};
constexpr IoTiming kIo808x{1, 1, 1, 3, 2, 1, 3, 0};
constexpr IoTiming kIo286{0, 0, 3, 0, 0, 3, 0, 2};

const IoTiming& io_timing(const Cpu808x& c) {
  return c.traits().pipelined_bus ? kIo286 : kIo808x;
}

}  // namespace

void op_in_imm(Cpu808x& c) {
  pm_check_privilege(c, PmPrivilege::kIopl);  // #GP(0) when CPL > IOPL (PRM 10.3)
  Insn& d = c.insn();
  const IoTiming& tm = io_timing(c);
  c.clk(tm.before_port);
  const std::uint8_t port = c.q_read8();
  c.clk(tm.in_imm_pre);
  const std::uint16_t v = c.io_read(port, d.w);
  c.clk(tm.in_imm_post);
  c.set_reg(kAX, d.w, v);
}

void op_out_imm(Cpu808x& c) {
  pm_check_privilege(c, PmPrivilege::kIopl);  // #GP(0) when CPL > IOPL (PRM 10.3)
  Insn& d = c.insn();
  const IoTiming& tm = io_timing(c);
  c.clk(tm.before_port);
  const std::uint8_t port = c.q_read8();
  c.clk(tm.out_imm_pre);
  c.io_write(port, d.w, c.reg(kAX, d.w));
  c.clk(tm.out_post);
}

void op_in_dx(Cpu808x& c) {
  pm_check_privilege(c, PmPrivilege::kIopl);  // #GP(0) when CPL > IOPL (PRM 10.3)
  Insn& d = c.insn();
  const IoTiming& tm = io_timing(c);
  c.clk(tm.in_dx_pre);
  const std::uint16_t v = c.io_read(c.r16(kDX), d.w);
  c.clk(tm.in_dx_post);
  c.set_reg(kAX, d.w, v);
}

void op_out_dx(Cpu808x& c) {
  pm_check_privilege(c, PmPrivilege::kIopl);  // #GP(0) when CPL > IOPL (PRM 10.3)
  Insn& d = c.insn();
  const IoTiming& tm = io_timing(c);
  c.clk(tm.out_dx_pre);
  c.io_write(c.r16(kDX), d.w, c.reg(kAX, d.w));
  c.clk(tm.out_post);
}

}  // namespace quartz
