#include "machine/presets.hpp"

#include <array>

namespace quartz {

namespace {

// Clock sources:
//  - IBM 5150/5160 (PC Technical Reference, "System Board"): the 8284A divides the
//    14.31818 MHz crystal by 3 for the 8088's 4.77 MHz clock.
//  - IBM 5170 (AT Technical Reference): an 80286 at 6 MHz (models 068, 099, 239: 12 MHz
//    crystal) or 8 MHz (models 319, 339: 16 MHz crystal); the preset is the 8 MHz board.
//    Quartz keeps one master clock, so the AT's CPU clock is an exact ratio to it.
// Wait states:
//  - PC: the system board inserts one wait state on every I/O cycle (the 8288/74LS wait
//    logic of the 5150 schematic); memory and ROM run at zero wait states.
//  - AT: 8-bit ISA I/O and memory cycles are stretched by the bus controller to 4 wait
//    states at 8 MHz (AT Tech. Ref., "I/O channel" timing); system ROM has 1 wait state.
constexpr std::array kPresets{
    MachinePreset{
        "pc", "IBM PC/XT class: 8088 at 4.77 MHz, 8259A, 8253, 8255 PPI, 8237 DMA, 640 KiB",
        CpuModel::i8088, ClockRatio{3, 1}, 20, 640, 640,
        kChipPic | kChipPit8253 | kChipPpi | kChipDma | kChipVga | kChipPostPort |
            kChipSpeaker,
        kChipIde | kChipCmos, 1, 0, 0, true, "bios/quartz-bios-pc.bin"},
    MachinePreset{
        "at",
        "IBM PC/AT class: 80286 at 8 MHz, 8259A pair, 8254, 8042, MC146818, 8237 pair, IDE, "
        "A20 gate, port 92h, 640 KiB",
        CpuModel::i80286, ClockRatio::from_hz(8'000'000), 24, 640, 16000,
        kChipPicPair | kChipPit8254 | kChipKbc | kChipCmos | kChipDmaPair | kChipIde |
            kChipPort92 | kChipSysCtrlB | kChipVga | kChipPostPort | kChipSpeaker,
        0, 4, 4, 1, true, "bios/quartz-bios.bin"},
    MachinePreset{
        "bare", "RAM and the CPU only (8088 at 4.77 MHz), for running a flat program",
        CpuModel::i8088, ClockRatio{3, 1}, 20, 640, 1024, 0, 0, 0, 0, 0, false, ""},
};

}  // namespace

std::span<const MachinePreset> machine_presets() { return kPresets; }

unsigned cpu_address_bits(CpuModel model) { return model == CpuModel::i80286 ? 24 : 20; }

const MachinePreset* find_preset(std::string_view name) {
  for (const auto& p : kPresets)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace quartz
