// An index of series keys (SKU, location) → dense ids in order of first appearance:
// open addressing over a cheap hash, no allocation per lookup.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace invplan {

class KeyIndex {
 public:
  // The id of (sku, location); a new key gets the next id and sets *added.
  std::uint32_t Find(std::string_view sku, std::string_view location, bool* added) {
    // Exports sorted by date list the SKUs in the same order every day: first try
    // the key that followed the previous one last time, then the one after it.
    if (last_ != kEmpty) {
      std::uint32_t guess = next_[last_];
      for (int step = 0; step < 2 && guess != kEmpty; ++step, guess = next_[guess]) {
        if (Same(skus_[guess], sku) && Same(locations_[guess], location)) {
          last_ = guess;
          *added = false;
          return guess;
        }
      }
    }
    const std::uint32_t id = Lookup(sku, location, added);
    if (last_ != kEmpty) next_[last_] = id;
    last_ = id;
    return id;
  }

  // Forgets every key, keeping the memory for the next use.
  void Clear() {
    std::fill(table_.begin(), table_.end(), Slot{});
    skus_.clear();
    locations_.clear();
    next_.clear();
    last_ = kEmpty;
  }

  std::size_t size() const { return skus_.size(); }
  const std::string& sku(std::size_t id) const { return skus_[id]; }
  const std::string& location(std::size_t id) const { return locations_[id]; }

 private:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = kEmpty;
  };

  std::uint32_t Lookup(std::string_view sku, std::string_view location, bool* added) {
    if (2 * (skus_.size() + 1) > table_.size()) Grow();
    const std::uint64_t h = Hash(sku, location);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = table_[i];
      if (s.id == kEmpty) {
        s.hash = h;
        s.id = static_cast<std::uint32_t>(skus_.size());
        skus_.emplace_back(sku);
        locations_.emplace_back(location);
        next_.push_back(kEmpty);
        *added = true;
        return s.id;
      }
      if (s.hash == h && Same(skus_[s.id], sku) && Same(locations_[s.id], location)) {
        *added = false;
        return s.id;
      }
    }
  }

  // String equality without a library call for the short keys that are the rule.
  static bool Same(const std::string& a, std::string_view b) {
    const std::size_t n = b.size();
    if (a.size() != n) return false;
    const char *x = a.data(), *y = b.data();
    if (n >= 8) {
      std::uint64_t u, v, w, z;
      std::memcpy(&u, x, 8);
      std::memcpy(&v, y, 8);
      std::memcpy(&w, x + n - 8, 8);
      std::memcpy(&z, y + n - 8, 8);
      if (u != v || w != z) return false;
      return n <= 16 || std::memcmp(x + 8, y + 8, n - 16) == 0;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (x[i] != y[i]) return false;
    }
    return true;
  }

  static std::uint64_t Mix(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
  }
  static std::uint64_t HashBytes(std::string_view s, std::uint64_t h) {
    const char* p = s.data();
    const std::size_t size = s.size();
    std::uint64_t w;
    if (size >= 8) {
      std::size_t i = 0;
      for (; i + 8 <= size; i += 8) {
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
      }
      // The last 8 bytes, overlapping what came before (no byte-wise tail).
      std::memcpy(&w, p + size - 8, 8);
    } else {
      w = 0;
      for (std::size_t i = 0; i < size; ++i) w = (w << 8) | static_cast<unsigned char>(p[i]);
    }
    return (h ^ w ^ (static_cast<std::uint64_t>(size) << 56)) * 0x9e3779b97f4a7c15ULL;
  }
  static std::uint64_t Hash(std::string_view sku, std::string_view location) {
    std::uint64_t h = HashBytes(sku, 0x243f6a8885a308d3ULL);
    if (!location.empty()) h = HashBytes(location, Mix(h));
    return Mix(h);
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(table_);
    table_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
    const std::size_t mask = table_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == kEmpty) continue;
      std::size_t i = s.hash & mask;
      while (table_[i].id != kEmpty) i = (i + 1) & mask;
      table_[i] = s;
    }
  }

  std::vector<Slot> table_;
  std::vector<std::string> skus_, locations_;
  std::vector<std::uint32_t> next_;  // the key that followed each key last time
  std::uint32_t last_ = kEmpty;
};

}  // namespace invplan
