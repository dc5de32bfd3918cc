#pragma once
// 80286 task switch (PRM chapter 8): JMP/CALL to a TSS or task gate, an interrupt through a
// task gate, and IRET with NT=1.
#include <cstdint>

#include "cpu/pm286/descriptor.hpp"

namespace quartz::pm286 {

// 80286 TSS layout (PRM figure 8-1): 22 words, limit at least 002Bh.
namespace tss {
inline constexpr std::uint16_t kBackLink = 0x00, kSp0 = 0x02, kSs0 = 0x04, kIp = 0x0E,
                               kFlags = 0x10, kAx = 0x12, kCx = 0x14, kDx = 0x16, kBx = 0x18,
                               kSp = 0x1A, kBp = 0x1C, kSi = 0x1E, kDi = 0x20, kEs = 0x22,
                               kCs = 0x24, kSs = 0x26, kDs = 0x28, kLdt = 0x2A;
inline constexpr std::uint16_t kMinLimit = 0x2B;
// SP/SS for privilege level `pl` (0..2).
inline constexpr std::uint16_t sp_for(unsigned pl) { return std::uint16_t(kSp0 + pl * 4); }
inline constexpr std::uint16_t ss_for(unsigned pl) { return std::uint16_t(kSs0 + pl * 4); }
}  // namespace tss

enum class TaskSwitchReason : std::uint8_t { kJmp, kCall, kIret, kInterrupt };

// Switches to the task whose TSS descriptor is `desc` (read from GDT address `desc_linear`).
// The caller has checked privilege, type (available or, for IRET, busy) and presence.
// `outgoing_ip` is the IP saved in the old TSS (the next instruction for JMP/CALL/INT n,
// the interrupted one for a fault/IRQ).
// Returns a fault detected before the switch commits (#TS for a short TSS, state unchanged),
// or one detected while loading the new task's segments (state already the new task's;
// the fault is delivered in the new task, PRM 8.4).
MaybeFault task_switch(PmContext& ctx, Selector new_tss, Descriptor desc,
                       std::uint32_t desc_linear, TaskSwitchReason reason,
                       std::uint16_t outgoing_ip);

}  // namespace quartz::pm286
