// SHA-256 (FIPS 180-4), incremental, for the input checksums artifacts record.
// On x86-64 CPUs with the SHA extensions the blocks are compressed with them
// (checked once at run time); elsewhere a portable implementation does it. Both
// give the same digest.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace invplan {

class Sha256 {
 public:
  enum class Engine { kAuto, kPortable };

  // kAuto uses the CPU's SHA instructions when it has them; kPortable never does
  // (for tests of the fallback).
  explicit Sha256(Engine engine = Engine::kAuto);
  void Update(const void* data, std::size_t size);
  // Finishes the digest and returns it as 64 lowercase hex digits. Call once.
  std::string HexDigest();

  // Whether kAuto uses the CPU's SHA instructions on this machine.
  static bool HardwareAvailable();

 private:
  // Compresses `n` consecutive 64-byte blocks.
  void Blocks(const std::uint8_t* p, std::size_t n);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_;
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
  bool hardware_ = false;
};

}  // namespace invplan
