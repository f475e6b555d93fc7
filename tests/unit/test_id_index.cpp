// IdIndex against std::unordered_map on random strings, including growth and misses.
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include "chainnet/model/id_index.hpp"

namespace chainnet::model {
namespace {

TEST(IdIndex, AgreesWithUnorderedMap) {
  std::mt19937_64 rng(42);
  IdIndex idx;
  std::unordered_map<std::string, std::uint32_t> ref;
  for (int i = 0; i < 50000; ++i) {
    std::string s(1 + rng() % 20, 'a');
    for (char& ch : s) ch = static_cast<char>('a' + rng() % 6);  // small alphabet: many repeats
    auto [id, fresh] = idx.insert(s);
    auto [it, ref_fresh] = ref.emplace(s, static_cast<std::uint32_t>(ref.size()));
    ASSERT_EQ(fresh, ref_fresh);
    ASSERT_EQ(id, it->second);
    ASSERT_EQ(idx.name(id), s);
  }
  ASSERT_EQ(idx.size(), ref.size());
  for (const auto& [s, id] : ref) ASSERT_EQ(idx.find(s), id);
  EXPECT_EQ(idx.find("zzz"), kInvalidId);
  EXPECT_EQ(idx.find(""), kInvalidId);
  idx.insert("");
  EXPECT_NE(idx.find(""), kInvalidId);
}

TEST(IdIndex, ReserveKeepsContents) {
  IdIndex idx;
  idx.insert("a");
  idx.insert("bb");
  idx.reserve(100000, 1000000);
  EXPECT_EQ(idx.find("a"), 0u);
  EXPECT_EQ(idx.find("bb"), 1u);
  EXPECT_EQ(idx.insert("c").first, 2u);
}

}  // namespace
}  // namespace chainnet::model
