#pragma once
// The 80286 bus unit clock: two-clock bus cycles (Ts, Tc) with pipelined addressing, word
// code fetches into the 6-byte queue, 286 status codes in the trace. Cpu808x::tick()
// hands each clock here when the model's traits ask for the pipelined bus.
#include <cstdint>

namespace quartz {

class Cpu808x;

struct BiuAccess {
  static void tick286(Cpu808x& c);
  static void tick286_inline(Cpu808x& c);
  // n EU clocks (skipping idle ones in one step), and the clocks until the EU's bus request
  // completes; here so that tick286 inlines into the loops.
  static void run_clocks286(Cpu808x& c, unsigned n);
  static void run_until_eu_done286(Cpu808x& c);
  static void start_code_fetch(Cpu808x& c);
  static void code_transfer(Cpu808x& c, std::uint64_t clock);
  static void emit_trace286(Cpu808x& c, std::uint8_t t);
  // The EU waits until the decoder has handed over the next instruction, then starts it.
  static void wait_decoded(Cpu808x& c);
  // No fetch can start and the decoder has nothing to do (clocks may be skipped).
  static bool idle286(const Cpu808x& c);
  // The prefetcher starts no fetch: the decoder stopped or holds it, or the segment ends.
  static bool prefetch_held286(const Cpu808x& c);
  static bool at_segment_end286(const Cpu808x& c);
  // 80286 ModRM/EA decoding with the address unit's timing (modrm.cpp).
  static void read_modrm_286(Cpu808x& c);
};

// 80286 datasheet, "Bus operation": S1#/S0#, M/IO#, COD/INTA# encode the cycle type.
std::uint8_t status_286(std::uint8_t status_808x);

}  // namespace quartz
