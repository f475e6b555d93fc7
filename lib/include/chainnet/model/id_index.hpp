// IdIndex: a compact, append-only map between string ids and dense 32-bit ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chainnet/model/ids.hpp"

namespace chainnet::model {

/// Interns strings: the i-th distinct string gets id i. All strings live in one arena and the
/// lookup table is open addressing over 32-bit slots, so a million ids cost about 30 bytes each
/// beyond their characters. Lookups take string_views and allocate nothing.
///
/// Complexity: insert and find are expected O(length of the string).
class IdIndex {
 public:
  IdIndex() = default;

  /// Number of distinct strings.
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(offsets_.size()) - 1; }
  [[nodiscard]] bool empty() const { return size() == 0; }

  /// The id of `key`, or kInvalidId when absent.
  [[nodiscard]] std::uint32_t find(std::string_view key) const;

  /// Adds `key` if absent. Returns {id, inserted}.
  std::pair<std::uint32_t, bool> insert(std::string_view key);

  /// The string of id `i` (i < size()). The view stays valid until the next insert.
  [[nodiscard]] std::string_view name(std::uint32_t i) const {
    return {chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }

  /// Pre-sizes for about `n` strings of `chars` characters in total.
  void reserve(std::size_t n, std::size_t chars);

  /// Heap bytes in use (for memory reports).
  [[nodiscard]] std::size_t memory_bytes() const;

  bool operator==(const IdIndex& other) const {  // same strings in the same order
    return chars_ == other.chars_ && offsets_ == other.offsets_;
  }

 private:
  void grow();
  void rehash(std::size_t cap);
  // A slot holds what a probe needs without touching offsets_: the id, 32 bits of the hash
  // (so that mismatches rarely compare strings) and where the characters start.
  struct Slot {
    std::uint32_t id = kInvalidId;  // kInvalidId = empty
    std::uint32_t tag = 0;
    std::uint64_t offset = 0;
  };
  std::string chars_;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<Slot> slots_;
};

}  // namespace chainnet::model
