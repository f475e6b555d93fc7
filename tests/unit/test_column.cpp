// Column<T>: copies share rows until one writes; appends claim the shared buffer's room once.
#include <gtest/gtest.h>

#include <numeric>
#include <thread>
#include <vector>

#include "chainnet/model/column.hpp"

using chainnet::model::Column;

namespace {

std::vector<int> iota(int n) {
  std::vector<int> v(n);
  std::iota(v.begin(), v.end(), 0);
  return v;
}

Column<int> with_room(int n, std::size_t room) {
  std::vector<int> v;
  v.reserve(n + room);
  for (int i = 0; i < n; ++i) v.push_back(i);
  return Column<int>(std::move(v));
}

}  // namespace

TEST(Column, WriteCopiesAndLeavesTheOtherAlone) {
  Column<int> a(iota(10));
  Column<int> b = a;
  EXPECT_TRUE(b.shares(a));
  b[3] = 99;
  EXPECT_FALSE(b.shares(a));
  EXPECT_EQ(a[3], 3);
  EXPECT_EQ(b[3], 99);
}

TEST(Column, FirstAppendClaimsTheRoomSecondCopies) {
  Column<int> base = with_room(100, 10);
  Column<int> v1 = base, v2 = base;
  v1.push_back(100);
  v1.push_back(101);
  EXPECT_TRUE(v1.shares(base)) << "the first append writes into the room";
  EXPECT_EQ(base.size(), 100u);
  EXPECT_EQ(v1.size(), 102u);
  v2.push_back(-1);  // the room past 100 is v1's now
  EXPECT_FALSE(v2.shares(base));
  EXPECT_EQ(v2.size(), 101u);
  EXPECT_EQ(v2.back(), -1);
  EXPECT_EQ(v1[100], 100);
  EXPECT_EQ(v1[101], 101);
  EXPECT_EQ(base.to_vector(), iota(100));
  // A copy of v1 appends after v1's rows (v1 has not claimed beyond them).
  Column<int> v3 = v1;
  v3.push_back(102);
  EXPECT_EQ(v3.size(), 103u);
  EXPECT_EQ(v1.size(), 102u);
  // v1 appending again must not overwrite v3's row 102.
  v1.push_back(7);
  EXPECT_EQ(v3[102], 102);
  EXPECT_EQ(v1[102], 7);
}

TEST(Column, NoRoomMeansACopy) {
  Column<int> base = with_room(50, 0);
  Column<int> v = base;
  v.make_room(3);
  EXPECT_FALSE(v.shares(base));
  EXPECT_GE(v.capacity(), 53u);
  v.push_back(1);
  v.push_back(2);
  v.push_back(3);
  EXPECT_EQ(base.size(), 50u);
  EXPECT_EQ(v.size(), 53u);
}

TEST(Column, RowsOfACopyGoneAreDroppedWhenTheBaseWrites) {
  Column<int> base = with_room(20, 5);
  {
    Column<int> v = base;
    v.push_back(20);
    v.push_back(21);
  }
  // base is alone with a buffer holding two rows past its size: writing drops them.
  base.push_back(-5);
  EXPECT_EQ(base.size(), 21u);
  EXPECT_EQ(base.back(), -5);
  base.edit([](std::vector<int>& v) { EXPECT_EQ(v.size(), 21u); });
}

TEST(Column, EqualityIsByRowsSeen) {
  Column<int> base = with_room(5, 5);
  Column<int> v = base;
  v.push_back(5);
  EXPECT_FALSE(v == base);
  EXPECT_TRUE(base == iota(5));
  EXPECT_TRUE(v == iota(6));
}

// Many variants of one base appending at once (as compare builds them): each sees its own rows
// and the base its own, whichever claimed the room.
TEST(Column, ConcurrentAppendsToOneBase) {
  for (int round = 0; round < 20; ++round) {
    Column<int> base = with_room(1000, 64);
    std::vector<Column<int>> vs(8, base);
    std::vector<std::thread> th;
    for (int t = 0; t < 8; ++t)
      th.emplace_back([&, t] {
        for (int i = 0; i < 10; ++i) vs[t].push_back(t * 100 + i);
      });
    for (auto& x : th) x.join();
    EXPECT_EQ(base.to_vector(), iota(1000));
    int shared = 0;
    for (int t = 0; t < 8; ++t) {
      const Column<int>& v = vs[t];  // const: a non-const read would copy
      ASSERT_EQ(v.size(), 1010u);
      for (int i = 0; i < 1000; ++i) ASSERT_EQ(v[i], i);
      for (int i = 0; i < 10; ++i) ASSERT_EQ(v[1000 + i], t * 100 + i);
      shared += v.shares(base);
    }
    EXPECT_EQ(shared, 1) << "exactly one variant writes into the base's room";
  }
}
