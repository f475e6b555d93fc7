// Column<T>: a vector shared between copies until one of them writes (copy on write). The tables
// of a Chain hold their columns this way, so a variant that changes one column of a table (a
// capacity, a lead time, the supplies' rows) copies that column and shares all the others.
//
// Reads go through a cached data pointer and size, as fast as a plain vector's: analyses index
// columns in their inner loops.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "chainnet/model/memory.hpp"

namespace chainnet::model {

template <class T>
class Column {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using const_iterator = const T*;
  using iterator = typename std::vector<T>::iterator;

  Column() : p_(std::make_shared<std::vector<T>>()) {}
  Column(std::vector<T>&& v) : p_(std::make_shared<std::vector<T>>(std::move(v))) { sync(); }  // NOLINT: implicit
  Column(const std::vector<T>& v) : p_(std::make_shared<std::vector<T>>(v)) { sync(); }        // NOLINT: implicit
  Column(std::initializer_list<T> v) : p_(std::make_shared<std::vector<T>>(v)) { sync(); }
  Column(const Column&) = default;
  Column& operator=(const Column&) = default;
  // A moved-from Column is empty (not null), so it stays usable.
  Column(Column&& o) noexcept : p_(std::move(o.p_)), data_(o.data_), size_(o.size_) { o.reset(); }
  Column& operator=(Column&& o) noexcept {
    if (this != &o) {
      p_ = std::move(o.p_);
      data_ = o.data_;
      size_ = o.size_;
      o.reset();
    }
    return *this;
  }
  Column& operator=(std::vector<T>&& v) {
    p_ = std::make_shared<std::vector<T>>(std::move(v));
    sync();
    return *this;
  }
  Column& operator=(const std::vector<T>& v) {
    p_ = std::make_shared<std::vector<T>>(v);
    sync();
    return *this;
  }

  // Reading: never copies.
  [[nodiscard]] const std::vector<T>& vec() const { return *p_; }
  operator const std::vector<T>&() const { return *p_; }  // NOLINT: implicit, for const vector& parameters
  operator std::span<const T>() const { return {data_, size_}; }  // NOLINT
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
  [[nodiscard]] std::size_t capacity() const { return p_->capacity(); }

  // Writing: the vector is copied first when another Column shares it.
  T& operator[](std::size_t i) { return unshared()[i]; }
  T* data() { return unshared().data(); }
  iterator begin() { return unshared().begin(); }
  iterator end() { return unshared().end(); }
  T& front() { return unshared().front(); }
  T& back() { return unshared().back(); }
  void push_back(const T& x) { edit([&](std::vector<T>& v) { v.push_back(x); }); }
  void push_back(T&& x) { edit([&](std::vector<T>& v) { v.push_back(std::move(x)); }); }
  template <class... A>
  void emplace_back(A&&... a) {
    edit([&](std::vector<T>& v) { v.emplace_back(std::forward<A>(a)...); });
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
  template <class It>
  void insert_at_end(It a, It b) {
    edit([&](std::vector<T>& v) { v.insert(v.end(), a, b); });
  }

  /// Runs f(vector&) on the unshared vector and keeps the cached view in step with it.
  template <class F>
  void edit(F&& f) {
    f(mut());
    sync();
  }

  /// Unshared, with room for `more` items beyond its size (one copy, however it was shared).
  void make_room(std::size_t more) {
    if (p_.use_count() > 1 || p_->capacity() < p_->size() + more) {
      auto q = std::make_shared<std::vector<T>>();
      reserve_huge(*q, p_->size() + more);
      q->assign(p_->begin(), p_->end());
      p_ = std::move(q);
      sync();
    }
  }

  bool operator==(const Column& o) const { return p_ == o.p_ || *p_ == *o.p_; }
  bool operator==(const std::vector<T>& o) const { return *p_ == o; }
  /// True when both share one vector (no copy made).
  [[nodiscard]] bool shares(const Column& o) const { return p_ == o.p_; }

 private:
  std::vector<T>& mut() {
    if (p_.use_count() > 1) {
      // A large copy asks for huge pages: first-touching it page by page costs more than the copy.
      auto q = std::make_shared<std::vector<T>>();
      reserve_huge(*q, p_->size());
      q->assign(p_->begin(), p_->end());
      p_ = std::move(q);
    }
    return *p_;
  }
  std::vector<T>& unshared() {
    std::vector<T>& v = mut();
    sync();
    return v;
  }
  void sync() {
    data_ = p_->data();
    size_ = p_->size();
  }
  void reset() {
    p_ = std::make_shared<std::vector<T>>();
    data_ = nullptr;
    size_ = 0;
  }

  std::shared_ptr<std::vector<T>> p_;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace chainnet::model
