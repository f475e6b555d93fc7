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

// Overlays against inserting the same strings in the same order, on random ids: keys in the
// middle (a variant's new sites before the hubs) and at the end (new firms), overlays of overlays,
// and inserts into an overlay.
TEST(IdIndex, OverlaysMatchABuildInOrder) {
  using chainnet::model::IdIndex;
  std::mt19937 rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    const std::uint32_t n = rng() % 300, k = rng() % 6, at = n == 0 ? 0 : rng() % (n + 1);
    std::vector<std::string> all;
    for (std::uint32_t i = 0; i < n + k + 2; ++i) all.push_back("id_" + std::to_string(rng() % 100000) + "_" + std::to_string(i));
    std::vector<std::string> fresh(all.begin() + n, all.begin() + n + k);
    auto old = std::make_shared<IdIndex>();
    for (std::uint32_t i = 0; i < n; ++i) old->insert(all[i]);
    std::vector<std::string> want_order(all.begin(), all.begin() + at);
    want_order.insert(want_order.end(), fresh.begin(), fresh.end());
    want_order.insert(want_order.end(), all.begin() + at, all.begin() + n);
    IdIndex got = IdIndex::overlay(old, at, fresh);
    // A second overlay where the first's keys end extends them; elsewhere it copies.
    const bool extend = trial % 2 == 0;
    const std::uint32_t at2 = extend ? at + k : static_cast<std::uint32_t>(rng() % (n + k + 1));
    auto got_shared = std::make_shared<IdIndex>(got);
    IdIndex got2 = IdIndex::overlay(got_shared, at2, {all[n + k]});
    std::vector<std::string> want2 = want_order;
    want2.insert(want2.begin() + at2, all[n + k]);
    // An insert: at the end.
    got2.insert(all[n + k + 1]);
    want2.push_back(all[n + k + 1]);
    auto check = [&](const IdIndex& idx, const std::vector<std::string>& names) {
      IdIndex plain;
      for (const auto& x : names) plain.insert(x);
      ASSERT_EQ(idx.size(), names.size());
      ASSERT_TRUE(idx == plain);
      ASSERT_TRUE(plain == idx);
      for (std::uint32_t i = 0; i < names.size(); ++i) {
        ASSERT_EQ(idx.name(i), names[i]);
        ASSERT_EQ(idx.find(names[i]), i);
      }
      EXPECT_EQ(idx.find("absent"), chainnet::model::kInvalidId);
      if (!names.empty()) {
        IdIndex copy = idx;
        EXPECT_FALSE(copy.insert(names[0]).second);
      }
    };
    check(got, want_order);
    check(got2, want2);
    for (std::uint32_t i = 0; i < n; ++i) ASSERT_EQ(old->find(all[i]), i);  // the base is unchanged
  }
}
