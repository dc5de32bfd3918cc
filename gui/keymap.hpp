#pragma once
// Host keyboard (SDL scancodes: USB HID usage IDs, layout-independent) to the emulated
// keyboard's keys (devices/scancodes.hpp HostKey, a US 101/102-key layout).
#include <optional>

#include "devices/scancodes.hpp"

namespace quartz::gui {

std::optional<HostKey> host_key_for_sdl(int sdl_scancode);

}  // namespace quartz::gui
