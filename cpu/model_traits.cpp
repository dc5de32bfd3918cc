#include "cpu/model_traits.hpp"

#include "cpu/cpu808x.hpp"

namespace quartz {

namespace {
// 8086 Family User's Manual (1979), section 2: "the 8086 BIU ... a 6-byte queue; the 8088 a
// 4-byte queue"; the 8086 fetches when two bytes are free, the 8088 when one is free.
// 80286 PRM (real address mode, "differences from the 8086"): shift counts masked to 5 bits,
// PUSH SP pushes the old SP, divide errors point at the faulting instruction, FLAGS 12-15
// read 0, a word at offset FFFFh raises interrupt 13; 0F and 60-6F hold new instructions.
constexpr ModelTraits k8086Like{
    .model = CpuModel::i8086, .queue_size = 6, .bus_bytes = 2, .fetch_threshold = 2, .code_ready_delay = 3, .decode_to_execute = 0, .decoded_queue = 0, .pipelined_bus = false, .ea_in_address_unit = false, .prefix_clocks = 1,
    .shift_count_masked = false, .push_sp_pushes_new = true, .div_fault_returns_next = true,
    .flags_high_bits_set = true, .segment_wrap_faults = false, .idiv_min_quotient_ok = false,
    .rep_negates_muldiv = true, .idiv8_bit14_slip = false, .div0_flags_from_dividend = false, .bcd_808x_microcode = true, .max_insn_len = 0,
    .cmps_reads_di_first = false, .rep_resumes_at_first_prefix = false, .reset_cs = 0xFFFF, .reset_ip = 0x0000,
    .sst_frame_runs_hlt = false, .opcode_map = opcode_map_808x};

constexpr ModelTraits with_8088(ModelTraits t) {
  t.model = CpuModel::i8088;
  t.queue_size = 4;
  t.bus_bytes = 1;
  t.fetch_threshold = 1;
  return t;
}

constexpr ModelTraits kTraits[] = {
    with_8088(k8086Like),
    k8086Like,
    {.model = CpuModel::i80286, .queue_size = 6, .bus_bytes = 2, .fetch_threshold = 2, .code_ready_delay = 4, .decode_to_execute = 3, .decoded_queue = 3, .pipelined_bus = true, .ea_in_address_unit = true, .prefix_clocks = 0,
     .shift_count_masked = true, .push_sp_pushes_new = false, .div_fault_returns_next = false,
     .flags_high_bits_set = false, .segment_wrap_faults = true, .idiv_min_quotient_ok = true,
     .rep_negates_muldiv = false, .idiv8_bit14_slip = true, .div0_flags_from_dividend = true, .bcd_808x_microcode = false, .max_insn_len = 10,
     .cmps_reads_di_first = true, .rep_resumes_at_first_prefix = true, .reset_cs = 0xF000, .reset_ip = 0xFFF0,
     .sst_frame_runs_hlt = true, .opcode_map = opcode_map_286},
};
}  // namespace

const ModelTraits& model_traits(CpuModel m) {
  for (const auto& t : kTraits)
    if (t.model == m) return t;
  return kTraits[1];
}

}  // namespace quartz
