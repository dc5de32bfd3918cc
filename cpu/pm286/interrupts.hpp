#pragma once
// Interrupt and exception delivery through the IDT in protected mode (80286 PRM chapter 9).
#include <cstdint>

#include "cpu/pm286/descriptor.hpp"

namespace quartz::pm286 {

enum class EventSource : std::uint8_t {
  kExternal,   // INTR/NMI: no gate DPL check, EXT=1 in nested error codes
  kSoftware,   // INT n, INT 3, INTO: gate DPL must be >= CPL (PRM 9.4)
  kException,  // processor exception: pushes an error code for 8 and 10..13
};

// Exception classes for the double-fault rule (PRM 9.8, table 9-3): two contributory
// exceptions in a row make a double fault; benign ones are handled serially.
enum class ExceptionClass : std::uint8_t { kBenign, kContributory };
ExceptionClass exception_class(std::uint8_t vector);
bool pushes_error_code(std::uint8_t vector);  // 8, 10, 11, 12, 13

// One attempt at delivering `vector` through the IDT: interrupt/trap gate (same level or
// inner level with the TSS stack; interrupt gates clear IF, both clear TF and NT) or task
// gate (task switch with nesting; the error code goes on the new task's stack).
// `return_ip` is the IP pushed (the next instruction for INT n, the faulting one otherwise).
// Returns the fault raised while delivering (state unchanged unless a task switch
// committed).
MaybeFault deliver(PmContext& ctx, std::uint8_t vector, EventSource source,
                   std::optional<std::uint16_t> error_code, std::uint16_t return_ip);

enum class DeliveryResult : std::uint8_t { kDelivered, kShutdown };

// Delivers an event and any exceptions raised while delivering it, applying the
// double-fault rule (contributory during contributory -> #DF(0)) and shutting down when a
// fault occurs while delivering #DF (PRM 9.8). The core turns kShutdown into the shutdown
// bus cycle (StopReason::kShutdown).
DeliveryResult raise(PmContext& ctx, std::uint8_t vector, EventSource source,
                     std::optional<std::uint16_t> error_code, std::uint16_t return_ip);

// Convenience for the core: raise a fault from an instruction (pushes state.ip).
inline DeliveryResult raise_fault(PmContext& ctx, const Fault& f) {
  return raise(ctx, f.vector, EventSource::kException,
               f.has_error ? std::optional<std::uint16_t>(f.error) : std::nullopt,
               ctx.state.ip);
}

}  // namespace quartz::pm286
