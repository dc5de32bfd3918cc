// Master/slave 8259A cascade (8259A datasheet, "Cascading": the master drives CAS0-2 with
// the slave's ID during the first INTA pulse and the addressed slave releases the vector on
// the second).
#include "devices/pic_pair.hpp"

namespace quartz {

PicPair::PicPair(bool cascade) : cascade_(cascade) {
  if (cascade_) slave_.connect_int(&master_.ir(kCascadeIr));
}

void PicPair::reset() {
  master_.reset();
  slave_.reset();
}

std::uint8_t PicPair::acknowledge() {
  Pic::Ack ack = master_.inta_first();
  if (cascade_ && !ack.spurious && master_.slave_on(ack.level)) {
    std::uint8_t vector = 0xFF;  // no slave answers: the data bus floats
    if (slave_.cascade_mode() && slave_.slave_id() == ack.level)
      vector = slave_.acknowledge();
    master_.inta_second(ack);  // the master still performs its own AEOI
    return vector;
  }
  return master_.inta_second(ack);
}

}  // namespace quartz
