// SHA-256 (FIPS 180-4), incremental, for the input checksums artifacts record.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace invplan {

class Sha256 {
 public:
  Sha256();
  void Update(const void* data, std::size_t size);
  // Finishes the digest and returns it as 64 lowercase hex digits. Call once.
  std::string HexDigest();

 private:
  void Block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_;
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace invplan
