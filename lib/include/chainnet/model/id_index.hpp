// IdIndex: a compact, append-only map between string ids and dense 32-bit ids.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chainnet/model/ids.hpp"

namespace chainnet::model {

/// Interns strings: the i-th distinct string gets id i. All strings live in one arena and the
/// lookup table is open addressing over 8-byte slots, so a million ids cost about 25 bytes each
/// beyond their characters. Lookups take string_views and allocate nothing.
///
/// Complexity: insert and find are expected O(length of the string).
class IdIndex {
 public:
  IdIndex() = default;

  /// Number of distinct strings.
  [[nodiscard]] std::uint32_t size() const { return base_ ? base_->size() + own_size() : own_size(); }
  [[nodiscard]] bool empty() const { return size() == 0; }

  /// The id of `key`, or kInvalidId when absent.
  [[nodiscard]] std::uint32_t find(std::string_view key) const {
    if (!base_) return own_find(key);
    const std::uint32_t r = base_->find(key);
    if (r != kInvalidId) return r < at_ ? r : r + own_size();
    const std::uint32_t o = own_find(key);
    return o == kInvalidId ? kInvalidId : at_ + o;
  }

  /// Adds `key` if absent. Returns {id, inserted}. On an index made by `overlay` in the middle of
  /// its base, the first insert copies the whole index first.
  std::pair<std::uint32_t, bool> insert(std::string_view key);

  /// The string of id `i` (i < size()). The view stays valid until the next insert.
  [[nodiscard]] std::string_view name(std::uint32_t i) const {
    if (!base_) return own_name(i);
    if (i < at_) return base_->name(i);
    const std::uint32_t n = own_size();
    return i < at_ + n ? own_name(i - at_) : base_->name(i - n);
  }

  /// `base` with `keys` (distinct, none in base) given ids at, at+1, ..., and base's ids from `at`
  /// on moved up by keys.size(): how a variant's new sites enter the node ids before the hubs, or
  /// its new firms after the others (at = base->size()). The result shares `base` and holds only
  /// the new keys: O(keys) to make, and find and name take one more branch. An overlay of an
  /// overlay whose own keys end at `at` extends them; any other overlay of one copies it first.
  [[nodiscard]] static IdIndex overlay(std::shared_ptr<const IdIndex> base, std::uint32_t at,
                                       const std::vector<std::string>& keys);

  /// Pre-sizes for about `n` strings of `chars` characters in total.
  void reserve(std::size_t n, std::size_t chars);

  /// Heap bytes in use (for memory reports).
  [[nodiscard]] std::size_t memory_bytes() const;

  bool operator==(const IdIndex& other) const;  ///< the same strings in the same order

 private:
  [[nodiscard]] std::uint32_t own_size() const { return static_cast<std::uint32_t>(offsets_.size()) - 1; }
  [[nodiscard]] std::uint32_t own_find(std::string_view key) const;
  std::pair<std::uint32_t, bool> insert_own(std::string_view key);
  [[nodiscard]] std::string_view own_name(std::uint32_t i) const {
    return {chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }
  /// This index as one without a base (O(size): every string inserted afresh).
  [[nodiscard]] IdIndex flattened() const;

  void grow();
  void rehash(std::size_t cap);
  // A slot holds the id and 32 bits of the hash, so that mismatches rarely touch the strings.
  // (Where the characters start is not kept here: a match reads offsets_[id + 1] for the length
  // anyway, and offsets_[id] sits beside it. 8-byte slots halve the table a variant copies.)
  struct Slot {
    std::uint32_t id = kInvalidId;  // kInvalidId = empty
    std::uint32_t tag = 0;
  };
  std::string chars_;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<Slot> slots_;
  // An overlay (see overlay()): ids [0, at_) are base_'s, the next own_size() are this index's
  // own strings, the rest are base_'s from at_ on.
  std::shared_ptr<const IdIndex> base_;
  std::uint32_t at_ = 0;
};

}  // namespace chainnet::model
