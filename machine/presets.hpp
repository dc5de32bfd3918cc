#pragma once
// Machine presets as data: one row per board, naming its CPU, clocks, memory and the chips
// the board carries (the shape of 86Box's machine table). machine.cpp builds whatever a row
// names; adding a board is adding a row.
#include <cstdint>
#include <span>
#include <string_view>

#include "cpu/cpu.hpp"
#include "memory/clock.hpp"

namespace quartz {

// Chips a board can carry (bit set in MachinePreset::chips).
enum Chip : std::uint32_t {
  kChipPic = 1u << 0,        // one 8259A (PC: IR0-7)
  kChipPicPair = 1u << 1,    // master + slave 8259A cascaded on IR2 (AT)
  kChipPit8253 = 1u << 2,    // 8253 (PC)
  kChipPit8254 = 1u << 3,    // 8254 (AT)
  kChipPpi = 1u << 4,        // 8255 PPI: PC keyboard port and DIP switches (60h-63h)
  kChipKbc = 1u << 5,        // 8042 keyboard controller (AT, 60h/64h), A20 + reset outputs
  kChipCmos = 1u << 6,       // MC146818 RTC + CMOS RAM (70h/71h), IRQ8
  kChipDma = 1u << 7,        // one 8237 + page registers (PC)
  kChipDmaPair = 1u << 8,    // two 8237s, 8- and 16-bit channels (AT)
  kChipIde = 1u << 9,        // primary ATA channel (1F0h-1F7h, 3F6h), IRQ14
  kChipPort92 = 1u << 10,    // "fast A20" / fast reset (PS/2 system control port A)
  kChipSysCtrlB = 1u << 11,  // AT port 61h (speaker gate, refresh toggle)
  kChipVga = 1u << 12,       // VGA at 3B0h-3DFh and A0000h-BFFFFh, VGA BIOS at C0000h
  kChipPostPort = 1u << 13,  // port 80h POST-code latch
  kChipSpeaker = 1u << 14,   // PC speaker on PIT channel 2
};

struct MachinePreset {
  std::string_view name;
  std::string_view description;
  CpuModel cpu;                    // default CPU (--cpu overrides)
  ClockRatio cpu_clock;            // master ticks per CPU clock
  unsigned address_bits;           // address lines the board decodes (PC 20, AT 24); the bus
                                   // gets the fewer of these and the CPU's (808x: 20)
  std::uint32_t default_memory_kib;
  std::uint32_t max_memory_kib;    // conventional + (AT) extended memory
  std::uint32_t chips;             // Chip bits fitted on the board
  std::uint32_t optional_chips;    // chips added when asked for (e.g. --disk adds IDE)
  // Wait states the board's bus controller inserts, per bus cycle.
  std::uint8_t io_wait_states;     // ISA I/O cycles
  std::uint8_t video_wait_states;  // A0000h-BFFFFh (8-bit ISA video memory)
  std::uint8_t rom_wait_states;    // C0000h-FFFFFh (option ROMs and BIOS)
  bool uses_bios;                  // boots a system BIOS at F0000h (false: bare program runner)
  std::string_view bios_file;      // Quartz's own BIOS for this board (build output path)
};

std::span<const MachinePreset> machine_presets();
// Address lines a CPU drives: 20 on the 8086/8088, 24 on the 80286.
unsigned cpu_address_bits(CpuModel model);
// nullptr when no preset has that name.
const MachinePreset* find_preset(std::string_view name);

}  // namespace quartz
