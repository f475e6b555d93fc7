// Column<T>: a vector shared between copies until one of them writes (copy on write). The tables
// of a Chain hold their columns this way, so a variant that changes one column of a table (a
// capacity, a lead time) copies that column and shares all the others.
//
// Appending does not copy either: copies that share a buffer each see their own length of it, and
// the first copy to append past the common length claims the buffer's spare room and writes its
// rows there (a variant that adds a supply to a chain of millions appends one row to each column
// instead of copying them). A second copy appending at the same place copies first. The buffer is
// therefore never read as a whole vector: readers use data() and size(), or a span.
//
// Reads go through a cached data pointer and size, as fast as a plain vector's: analyses index
// columns in their inner loops.
#pragma once

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstddef>
#include <iterator>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "chainnet/model/memory.hpp"

namespace chainnet::model {

template <class T>
class Column {
  // The shared buffer. `tail` is the end of what some Column has claimed: appends in place go
  // only past it, so the rows any live Column reads are never written again.
  struct Block {
    std::vector<T> v;
    std::atomic<std::size_t> tail{0};
    Block() = default;
    explicit Block(std::vector<T>&& x) : v(std::move(x)), tail(v.size()) {}
  };

 public:
  using value_type = T;
  using size_type = std::size_t;
  using const_iterator = const T*;
  using iterator = T*;

  Column() : p_(std::make_shared<Block>()) {}
  Column(std::vector<T>&& v) : p_(std::make_shared<Block>(std::move(v))) { sync(); }  // NOLINT: implicit
  Column(const std::vector<T>& v) : p_(std::make_shared<Block>(std::vector<T>(v))) { sync(); }  // NOLINT: implicit
  Column(std::initializer_list<T> v) : p_(std::make_shared<Block>(std::vector<T>(v))) { sync(); }
  // A copy shares the buffer but not the room its source claimed; the rows both see are marked
  // taken, so that neither appends over the other's.
  Column(const Column& o) : p_(o.p_), data_(o.data_), size_(o.size_) { raise_tail(); }
  Column& operator=(const Column& o) {
    if (this != &o) {
      p_ = o.p_;
      data_ = o.data_;
      size_ = o.size_;
      room_ = 0;
      raise_tail();
    }
    return *this;
  }
  // A moved-from Column is empty (not null), so it stays usable.
  Column(Column&& o) noexcept : p_(std::move(o.p_)), data_(o.data_), size_(o.size_), room_(o.room_) { o.reset(); }
  Column& operator=(Column&& o) noexcept {
    if (this != &o) {
      p_ = std::move(o.p_);
      data_ = o.data_;
      size_ = o.size_;
      room_ = o.room_;
      o.reset();
    }
    return *this;
  }
  Column& operator=(std::vector<T>&& v) {
    p_ = std::make_shared<Block>(std::move(v));
    room_ = 0;
    sync();
    return *this;
  }
  Column& operator=(const std::vector<T>& v) {
    p_ = std::make_shared<Block>(std::vector<T>(v));
    room_ = 0;
    sync();
    return *this;
  }

  // Reading: never copies.
  operator std::span<const T>() const { return {data_, size_}; }  // NOLINT: implicit
  [[nodiscard]] std::span<const T> span() const { return {data_, size_}; }
  /// A vector holding a copy of the rows (O(size)).
  [[nodiscard]] std::vector<T> to_vector() const { return std::vector<T>(data_, data_ + size_); }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] const T* data() const { return data_; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  [[nodiscard]] const T& front() const { return data_[0]; }
  [[nodiscard]] const T& back() const { return data_[size_ - 1]; }
  [[nodiscard]] const_iterator begin() const { return data_; }
  [[nodiscard]] const_iterator end() const { return data_ + size_; }
  [[nodiscard]] const_iterator cbegin() const { return data_; }
  [[nodiscard]] const_iterator cend() const { return data_ + size_; }
  /// Capacity of the buffer (shared with the copies that share it).
  [[nodiscard]] std::size_t capacity() const { return p_->v.capacity(); }

  // Writing: the rows are copied first when another Column shares them.
  T& operator[](std::size_t i) { return unshared()[i]; }
  T* data() { return unshared().data(); }
  iterator begin() { return unshared().data(); }
  iterator end() { return unshared().data() + size_; }
  T& front() { return unshared().front(); }
  T& back() { return unshared().back(); }
  void push_back(const T& x) { emplace_back(x); }
  void push_back(T&& x) { emplace_back(std::move(x)); }
  template <class... A>
  void emplace_back(A&&... a) {
    if (p_.use_count() == 1 && p_->v.size() == size_) {  // the common case: ours alone
      p_->v.emplace_back(std::forward<A>(a)...);
      data_ = p_->v.data();
      ++size_;
      return;
    }
    if (claim(1)) {
      p_->v.emplace_back(std::forward<A>(a)...);
      sync();
    } else {
      edit([&](std::vector<T>& v) { v.emplace_back(std::forward<A>(a)...); });
    }
  }
  template <class It>
  void insert_at_end(It a, It b) {
    const auto n = static_cast<std::size_t>(std::distance(a, b));
    if (claim(n)) {
      p_->v.insert(p_->v.end(), a, b);
      sync();
    } else {
      edit([&](std::vector<T>& v) { v.insert(v.end(), a, b); });
    }
  }
  void resize(std::size_t n) { edit([&](std::vector<T>& v) { v.resize(n); }); }
  void resize(std::size_t n, const T& x) { edit([&](std::vector<T>& v) { v.resize(n, x); }); }
  void assign(std::size_t n, const T& x) { edit([&](std::vector<T>& v) { v.assign(n, x); }); }
  template <class It>
  void assign(It a, It b) {
    edit([&](std::vector<T>& v) { v.assign(a, b); });
  }
  void reserve(std::size_t n) { edit([&](std::vector<T>& v) { v.reserve(n); }); }
  void clear() { edit([](std::vector<T>& v) { v.clear(); }); }
  void shrink_to_fit() { edit([](std::vector<T>& v) { v.shrink_to_fit(); }); }

  /// Runs f(vector&) on the unshared rows (exactly this Column's) and keeps the cached view in
  /// step with them.
  template <class F>
  void edit(F&& f) {
    f(mut());
    sync();
  }

  /// Room for `more` rows beyond the size, to append without copying: claimed in place when the
  /// buffer has it and no other copy appended here first, else one copy with the room.
  void make_room(std::size_t more) {
    if (claim(more)) return;
    std::vector<T>& v = mut();
    if (v.capacity() < v.size() + more) {
      std::vector<T> q;
      q.reserve(grown(v.size() + more));
      q.assign(std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
      v.swap(q);
    }
    sync();
  }

  bool operator==(const Column& o) const { return p_ == o.p_ ? size_ == o.size_ : std::ranges::equal(span(), o.span()); }
  bool operator==(const std::vector<T>& o) const { return std::ranges::equal(span(), o); }
  /// True when both share one buffer (no copy made).
  [[nodiscard]] bool shares(const Column& o) const { return p_ == o.p_; }

 private:
  // Capacity for n rows with some room to grow (copies made to append are appended to again).
  static std::size_t grown(std::size_t n) { return n + n / 64 + 16; }

  // Whether `n` more rows may be written in place into a shared buffer (claiming them).
  bool claim(std::size_t n) {
    if (p_.use_count() == 1) return false;  // unshared: the vector is ours to grow
    if (size_ + n <= room_) return true;
    if (p_->v.capacity() < size_ + n) return false;
    std::size_t expected = std::max(room_, size_);
    if (!p_->tail.compare_exchange_strong(expected, size_ + n)) return false;
    room_ = size_ + n;
    assert(p_->v.size() == size_);
    return true;
  }

  // The rows as a vector this Column alone owns (copied when shared; rows that a copy now gone
  // appended past this Column's size dropped).
  std::vector<T>& mut() {
    if (p_.use_count() > 1) {
      // Plain pages, with room to append: copies are made by variants while the chain is in use,
      // where huge-page faults (the kernel compacting memory) cost more than they save (measured:
      // ten changes to a 1,000,000-site chain took twice as long with huge pages).
      std::vector<T> q;
      q.reserve(grown(size_));
      q.assign(data_, data_ + size_);
      p_ = std::make_shared<Block>(std::move(q));
    } else if (p_->v.size() != size_) {
      p_->v.erase(p_->v.begin() + static_cast<std::ptrdiff_t>(size_), p_->v.end());
      p_->tail.store(size_, std::memory_order_relaxed);  // alone: nobody else reads it
    }
    room_ = 0;
    return p_->v;
  }
  std::vector<T>& unshared() {
    std::vector<T>& v = mut();
    sync();
    return v;
  }
  void sync() {
    data_ = p_->v.data();
    size_ = p_->v.size();
  }
  // Rows appended while the buffer was ours alone do not move the tail (it would cost an atomic
  // store per row); sharing it raises the tail past them. Never lowers it (a claim may stand).
  void raise_tail() {
    std::size_t t = p_->tail.load(std::memory_order_relaxed);
    while (t < size_ && !p_->tail.compare_exchange_weak(t, size_)) {
    }
  }
  void reset() {
    p_ = std::make_shared<Block>();
    data_ = nullptr;
    size_ = 0;
    room_ = 0;
  }

  std::shared_ptr<Block> p_;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t room_ = 0;  ///< end of the rows claimed in a shared buffer (0: none)
};

}  // namespace chainnet::model
