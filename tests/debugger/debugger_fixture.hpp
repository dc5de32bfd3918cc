#pragma once
// A bare board (RAM + 8088) running a small hand-assembled program at 1000:0100, with the
// debugger attached. Encodings from the Intel 8086 Family User's Manual, table 4-12.
#include <memory>
#include <vector>

#include "machine/debugger/debugger.hpp"
#include "machine/machine.hpp"

namespace quartz::test {

struct DebugFixture {
  explicit DebugFixture(const std::vector<std::uint8_t>& program, CpuModel model = CpuModel::i8088) {
    MachineConfig c;
    c.machine = "bare";
    c.cpu = model;
    machine = std::make_unique<Machine>(c);
    machine->load_program(program, 0x1000, 0x0100);
    dbg = std::make_unique<debugger::Debugger>(*machine);
    dbg->set_step_limit(seconds_to_ticks(0.05));
  }
  std::uint32_t lin(std::uint16_t off) const { return 0x10000u + off; }
  CpuState regs() const { return dbg->regs(); }

  std::unique_ptr<Machine> machine;
  std::unique_ptr<debugger::Debugger> dbg;
};

// 0100 B8 34 12   mov ax, 0x1234
// 0103 E8 05 00   call 0x010b
// 0106 40         inc ax
// 0107 F4         hlt
// 0108 90 90 90   nop x3
// 010B BB 78 56   mov bx, 0x5678
// 010E 43         inc bx
// 010F C3         ret
inline std::vector<std::uint8_t> call_program() {
  return {0xB8, 0x34, 0x12, 0xE8, 0x05, 0x00, 0x40, 0xF4, 0x90, 0x90, 0x90,
          0xBB, 0x78, 0x56, 0x43, 0xC3};
}

// 0100 B9 05 00   mov cx, 5
// 0103 42         inc dx
// 0104 E2 FD      loop 0x0103
// 0106 F4         hlt
inline std::vector<std::uint8_t> loop_program() {
  return {0xB9, 0x05, 0x00, 0x42, 0xE2, 0xFD, 0xF4};
}

// 0100 B0 41      mov al, 0x41
// 0102 A2 00 02   mov [0x0200], al
// 0105 E6 80      out 0x80, al
// 0107 A0 10 02   mov al, [0x0210]
// 010A CD 21      int 0x21
// 010C 40         inc ax
// 010D F4         hlt
// 0180 CF         iret            (INT 21h vector set to 1000:0180 by the test)
inline std::vector<std::uint8_t> access_program() {
  static constexpr std::uint8_t kCode[] = {0xB0, 0x41, 0xA2, 0x00, 0x02, 0xE6, 0x80,
                                          0xA0, 0x10, 0x02, 0xCD, 0x21, 0x40, 0xF4};
  std::vector<std::uint8_t> p(0x81, 0x90);  // NOP filler up to the handler
  for (std::size_t i = 0; i < sizeof kCode; ++i) p[i] = kCode[i];
  p[0x80] = 0xCF;
  return p;
}

}  // namespace quartz::test
