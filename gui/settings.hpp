#pragma once
// Front-end preferences kept between runs in <config dir>/gui.txt, one `key = value` per
// line: screen scaling, speed and which debugger windows are open.
#include <string>

#include "gui/gui_app.hpp"

namespace quartz::gui {

struct GuiSettings {
  bool aspect_correct = true;
  bool integer_scale = false;
  double speed_percent = 100;
  std::array<bool, kWindowCount> shown{};
};

// Missing file: defaults, true. Unreadable or malformed lines are skipped (the file is a
// convenience, never a reason not to start); returns false if the file exists but could
// not be read.
bool load_settings(const std::string& path, GuiSettings& out);
bool save_settings(const std::string& path, const GuiSettings& s);

}  // namespace quartz::gui
