// quartz bench --video (app/bench_video.cpp): each phase runs the requested emulated time,
// and the VGA completes frames at the mode's refresh rate meanwhile (mode 03h and 13h both
// 449 lines of 100 character clocks: 28.322 MHz / 9 / 100 / 449 and 25.175 MHz / 8 / 100 /
// 449 = 70.086 Hz, IBM VGA Technical Reference register tables).
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "app/bench_video.hpp"

using namespace quartz::app;

TEST_CASE("video bench phases run the asked emulated time at 70 Hz") {
  const double seconds = 0.3;
  VideoBenchResult r = measure_video(seconds);
  const double hz = 28'322'000.0 / 9 / 100 / 449;
  for (const VideoBenchPhase* p : {&r.text_video, &r.text_ram, &r.mode13_video, &r.mode13_ram}) {
    INFO(p->name);
    CHECK(p->emulated_seconds == Approx(seconds).epsilon(0.01));
    // Frames completed in the window: the count of frame ends inside it, +-1 for the phase.
    CHECK(double(p->frames) >= seconds * hz - 1.0);
    CHECK(double(p->frames) <= seconds * hz + 1.0);
    CHECK(p->host_seconds >= 0.0);
  }
}

TEST_CASE("bench_video prints the four phases and the rendering cost") {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  REQUIRE(out);
  REQUIRE(err);
  CHECK(bench_video(0.1, out, err) == 0);
  std::rewind(out);
  std::string text;
  for (int c; (c = std::fgetc(out)) != EOF;) text.push_back(char(c));
  std::fclose(out);
  std::fclose(err);
  INFO(text);
  CHECK(text.find("mode 03h, writing text memory") != std::string::npos);
  CHECK(text.find("mode 13h, writing RAM only") != std::string::npos);
  CHECK(text.find("host ms per frame") != std::string::npos);
}
