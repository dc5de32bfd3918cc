#pragma once
// Minimal PNG encoder (RGBA8888, 8 bits per channel, no interlace) for screenshots and the
// exact-frame tests. PNG specification (W3C, 2nd ed.): signature, IHDR, IDAT (zlib stream of
// filter-byte-prefixed rows), IEND; each chunk carries a CRC-32 of its type and data.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace quartz {

// Encode to memory. rgba holds width*height*4 bytes. Returns an empty vector (and sets
// *error) when the arguments are inconsistent or compression fails.
std::vector<std::uint8_t> encode_png(std::uint32_t width, std::uint32_t height,
                                     std::span<const std::uint8_t> rgba,
                                     std::string* error = nullptr);

// Encode and write to `path`. Returns false with a message naming the file on failure.
bool write_png(const std::string& path, std::uint32_t width, std::uint32_t height,
               std::span<const std::uint8_t> rgba, std::string* error = nullptr);

}  // namespace quartz
