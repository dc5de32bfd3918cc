#include "gui/settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/core.h>

namespace quartz::gui {

namespace {

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string key_for(Window w) {
  std::string k = "show.";
  for (const char* p = window_title(w); *p; ++p)
    k += char(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
  return k;
}

}  // namespace

bool load_settings(const std::string& path, GuiSettings& out) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return true;
  std::ifstream f(path);
  if (!f) return false;
  std::string line;
  while (std::getline(f, line)) {
    std::size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    bool b = value == "1" || value == "true";
    if (key == "aspect_correct") out.aspect_correct = b;
    else if (key == "integer_scale") out.integer_scale = b;
    else if (key == "speed_percent") {
      char* end = nullptr;
      double v = std::strtod(value.c_str(), &end);
      if (end && *end == 0 && v >= 0 && v <= 10000) out.speed_percent = v;
    } else {
      for (std::size_t i = 0; i < kWindowCount; ++i)
        if (key == key_for(Window(i))) out.shown[i] = b;
    }
  }
  return true;
}

bool save_settings(const std::string& path, const GuiSettings& s) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::ofstream f(path);
  if (!f) return false;
  f << "# Quartz front-end settings (written on exit)\n";
  f << fmt::format("aspect_correct = {}\n", int(s.aspect_correct));
  f << fmt::format("integer_scale = {}\n", int(s.integer_scale));
  f << fmt::format("speed_percent = {}\n", s.speed_percent);
  for (std::size_t i = 0; i < kWindowCount; ++i)
    f << fmt::format("{} = {}\n", key_for(Window(i)), int(s.shown[i]));
  return bool(f);
}

}  // namespace quartz::gui
