// Scheduler: deadline order, FIFO among equal deadlines, rescheduling and cancelling.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "machine/scheduler.hpp"

using namespace quartz;

TEST_CASE("scheduler fires events in deadline order, FIFO on ties") {
  Scheduler s;
  std::vector<std::string> fired;
  auto a = s.add("a", [&](Tick t) { fired.push_back("a@" + std::to_string(t)); });
  auto b = s.add("b", [&](Tick t) { fired.push_back("b@" + std::to_string(t)); });
  auto c = s.add("c", [&](Tick t) { fired.push_back("c@" + std::to_string(t)); });
  auto d = s.add("d", [&](Tick t) { fired.push_back("d@" + std::to_string(t)); });
  s.schedule(a, 300);
  s.schedule(b, 100);
  s.schedule(c, 200);
  s.schedule(d, 100);  // same deadline as b, scheduled later: fires after b
  CHECK(s.next_deadline() == 100);
  CHECK(s.run_due(99) == 0);
  CHECK(s.run_due(250) == 3);
  CHECK(fired == std::vector<std::string>{"b@100", "d@100", "c@200"});
  CHECK(s.next_deadline() == 300);
  CHECK(s.deadline(b) == kNever);
  CHECK(s.pending() == 1);
}

TEST_CASE("rescheduling moves a deadline earlier or later, kNever cancels") {
  Scheduler s;
  std::vector<Scheduler::EventId> fired;
  std::vector<Scheduler::EventId> ids;
  for (int i = 0; i < 8; ++i)
    ids.push_back(s.add("e", [&fired, i](Tick) { fired.push_back(Scheduler::EventId(i)); }));
  for (int i = 0; i < 8; ++i) s.schedule(ids[i], 1000 + 10 * i);
  s.schedule(ids[7], 5);     // earlier
  s.schedule(ids[0], 5000);  // later
  s.cancel(ids[3]);
  CHECK(s.next_deadline() == 5);
  CHECK(s.deadline(ids[3]) == kNever);
  s.run_due(10000);
  CHECK(fired == std::vector<Scheduler::EventId>{7, 1, 2, 4, 5, 6, 0});
  CHECK(s.next_deadline() == kNever);
}

TEST_CASE("an event may reschedule itself from its callback") {
  Scheduler s;
  std::vector<Tick> at;
  Scheduler::EventId id = 0;
  id = s.add("periodic", [&](Tick due) {
    at.push_back(due);
    s.schedule(id, due + 64);
  });
  s.schedule(id, 64);
  s.run_due(64 * 5);
  CHECK(at == std::vector<Tick>{64, 128, 192, 256, 320});
  CHECK(s.next_deadline() == 384);
}

TEST_CASE("heap keeps order under many random reschedules") {
  Scheduler s;
  std::vector<Tick> fired;
  std::vector<Scheduler::EventId> ids;
  for (int i = 0; i < 64; ++i) ids.push_back(s.add("r", [&fired](Tick t) { fired.push_back(t); }));
  std::uint32_t x = 12345;  // xorshift: deterministic pseudo-random deadlines
  for (int round = 0; round < 1000; ++round) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    s.schedule(ids[x % 64], 1 + (x >> 8) % 100000);
  }
  s.run_due(kNever - 1);
  REQUIRE(fired.size() == 64);
  for (std::size_t i = 1; i < fired.size(); ++i) CHECK(fired[i - 1] <= fired[i]);
}
