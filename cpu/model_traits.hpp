#pragma once
// Per-model data for the bus-cycle cores (8086/8088 now, 80286 later): the differences the
// chips' manuals and the SingleStepTests captures show, kept as table rows so handlers ask a
// question ("does this model mask shift counts?") instead of testing the model name.
#include <cstdint>

#include "cpu/cpu.hpp"

namespace quartz {

struct OpcodeInfo;

struct ModelTraits {
  CpuModel model;
  std::uint8_t queue_size;       // prefetch queue bytes (8086 user's manual 2-4: 6 / 8088: 4)
  std::uint8_t bus_bytes;        // data bus width in bytes
  std::uint8_t fetch_threshold;  // free queue bytes needed before the BIU starts a code fetch
  std::uint8_t code_ready_delay;  // clocks from a fetch's data clock until the EU (808x) or
                                  // the instruction decoder (286) may take its bytes
  std::uint8_t decode_to_execute;  // 286: clocks from the decoder's last byte to the EU start
  std::uint8_t decoded_queue;    // 286: decoded instructions waiting for the EU (datasheet: 3)
  bool pipelined_bus;            // 286: two-clock Ts/Tc bus cycles with pipelined addressing
  bool ea_in_address_unit;       // 286: EA computed by the address unit (+1 clock for b+i+d)
  std::uint8_t prefix_clocks;    // EU clocks per prefix after its byte (808x 1; 286 decoder: 0)
  bool shift_count_masked;       // 80186+: shift/rotate counts taken mod 32 (808x: not masked)
  bool push_sp_pushes_new;       // 808x PUSH SP stores the decremented SP (286: the old one)
  bool div_fault_returns_next;   // 808x divide error pushes the address of the next insn
  bool flags_high_bits_set;      // 808x FLAGS bits 12-15 always read as 1
  bool segment_wrap_faults;      // 286: a word at offset FFFFh raises exception 13 (real mode)
  bool idiv_min_quotient_ok;     // 286: IDIV may return 80h / 8000h (808x: divide error)
  bool rep_negates_muldiv;       // 808x microcode: REP before IMUL/IDIV negates the result
  bool idiv8_bit14_slip;         // 286/386: an IDIV r/m8 that overflows returns -128 when the
                                 // dividend magnitude less 4000h gives exactly that (muldiv.cpp)
  bool div0_flags_from_dividend; // 286: a zero divisor leaves SZP of the dividend shifted right
                                 // once (DIV, AAM) or of its low half (IDIV) (muldiv.cpp)
  bool bcd_808x_microcode;       // 808x DAA/DAS compare with 9Fh when AF is set; AAA/AAS
                                 // adjust AL and AH separately (286: 99h, AX +/- 106h)
  std::uint8_t max_insn_len;     // 286: longer instructions raise interrupt 13 (0 = no limit)
  bool cmps_reads_di_first;      // 286 CMPS reads ES:DI before DS:SI
  bool rep_resumes_at_first_prefix;  // 286: an interrupted REP string op resumes at its first
                                     // prefix (the 8086 at the last one, losing overrides)
  std::uint16_t reset_cs, reset_ip;  // 808x FFFF:0000; 286 F000:FFF0 (same physical FFFF0h
                                     // while real mode uses selector*16 as the base)
  bool sst_frame_runs_hlt;       // 286 captures end after the HLT that follows the insn
  const OpcodeInfo* (*opcode_map)();  // the one-byte opcode map (decode_tables*.cpp)
};

const ModelTraits& model_traits(CpuModel m);

}  // namespace quartz
