#include "chainnet/model/id_index.hpp"

#include <cstring>

#include "chainnet/model/memory.hpp"

namespace chainnet::model {
namespace {

// A small multiply-mix hash over 8-byte words; ids are short, so this beats std::hash's
// byte loop and distributes well enough for open addressing with a power-of-two table.
std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

}  // namespace

std::uint32_t IdIndex::own_find(std::string_view key) const {
  if (slots_.empty()) return kInvalidId;
  const std::uint64_t h = hash_bytes(key);
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == kInvalidId) return kInvalidId;
    if (s.tag == tag && offsets_[s.id + 1] - offsets_[s.id] == key.size() &&
        std::memcmp(chars_.data() + offsets_[s.id], key.data(), key.size()) == 0)
      return s.id;
  }
}

std::pair<std::uint32_t, bool> IdIndex::insert(std::string_view key) {
  if (base_) {
    if (const std::uint32_t r = find(key); r != kInvalidId) return {r, false};
    if (at_ + own_size() != size()) *this = flattened();  // own keys in the middle: copy
  }
  if (base_) {  // own keys at the end: a new key joins them
    const auto [o, inserted] = insert_own(key);
    return {at_ + o, inserted};
  }
  return insert_own(key);
}

std::pair<std::uint32_t, bool> IdIndex::insert_own(std::string_view key) {
  if ((static_cast<std::size_t>(own_size()) + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = hash_bytes(key);
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.id == kInvalidId) {
      const std::uint32_t fresh = own_size();
      s.id = fresh;
      s.tag = tag;
      chars_.append(key);
      offsets_.push_back(chars_.size());
      return {fresh, true};
    }
    if (s.tag == tag && own_name(s.id) == key) return {s.id, false};
  }
}

IdIndex IdIndex::overlay(std::shared_ptr<const IdIndex> base, std::uint32_t at, const std::vector<std::string>& keys) {
  IdIndex out;
  if (base->base_ && base->at_ + base->own_size() == at) {  // extend base's own keys
    out = *base;
  } else {
    if (base->base_) base = std::make_shared<const IdIndex>(base->flattened());
    out.base_ = std::move(base);
    out.at_ = at;
  }
  for (const std::string& key : keys) out.insert_own(key);
  return out;
}

IdIndex IdIndex::flattened() const {
  IdIndex out;
  out.reserve(size(), 0);
  for (std::uint32_t i = 0; i < size(); ++i) out.insert_own(name(i));
  return out;
}

bool IdIndex::operator==(const IdIndex& other) const {
  if (!base_ && !other.base_) return chars_ == other.chars_ && offsets_ == other.offsets_;
  if (size() != other.size()) return false;
  for (std::uint32_t i = 0; i < size(); ++i)
    if (name(i) != other.name(i)) return false;
  return true;
}

void IdIndex::grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }

void IdIndex::rehash(std::size_t cap) {
  while (cap < (static_cast<std::size_t>(own_size()) + 1) * 2) cap *= 2;
  assign_huge(slots_, cap, Slot{});
  const std::size_t mask = cap - 1;
  for (std::uint32_t id = 0; id < own_size(); ++id) {
    const std::uint64_t h = hash_bytes(own_name(id));
    std::size_t i = h & mask;
    while (slots_[i].id != kInvalidId) i = (i + 1) & mask;
    slots_[i] = Slot{id, static_cast<std::uint32_t>(h >> 32)};
  }
}

void IdIndex::reserve(std::size_t n, std::size_t chars) {
  if (base_) *this = flattened();
  if (chars > chars_.capacity()) {
    std::string fresh;
    fresh.reserve(chars);
    advise_huge_pages(fresh.data(), chars);
    fresh.append(chars_);
    chars_.swap(fresh);
  }
  reserve_huge(offsets_, n + 1);
  std::size_t cap = 16;
  while (cap < n * 2) cap *= 2;
  if (cap > slots_.size()) rehash(cap);
}

std::size_t IdIndex::memory_bytes() const {
  return chars_.capacity() + offsets_.capacity() * sizeof(std::uint64_t) +
         slots_.capacity() * sizeof(Slot);
}

}  // namespace chainnet::model
