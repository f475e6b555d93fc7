// Column<T>: a vector shared between copies until one of them writes (copy on write). The tables
// of a Chain hold their columns this way, so a variant that changes one column of a table (a
// capacity, a lead time, the supplies' rows) copies that column and shares all the others.
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
  using const_iterator = typename std::vector<T>::const_iterator;
  using iterator = typename std::vector<T>::iterator;

  Column() : p_(std::make_shared<std::vector<T>>()) {}
  Column(std::vector<T>&& v) : p_(std::make_shared<std::vector<T>>(std::move(v))) {}  // NOLINT: implicit
  Column(const std::vector<T>& v) : p_(std::make_shared<std::vector<T>>(v)) {}        // NOLINT: implicit
  Column(std::initializer_list<T> v) : p_(std::make_shared<std::vector<T>>(v)) {}
  Column& operator=(std::vector<T>&& v) {
    p_ = std::make_shared<std::vector<T>>(std::move(v));
    return *this;
  }
  Column& operator=(const std::vector<T>& v) {
    p_ = std::make_shared<std::vector<T>>(v);
    return *this;
  }

  // Reading: never copies.
  [[nodiscard]] const std::vector<T>& vec() const { return *p_; }
  operator const std::vector<T>&() const { return *p_; }  // NOLINT: implicit, for const vector& parameters
  operator std::span<const T>() const { return {p_->data(), p_->size()}; }  // NOLINT
  [[nodiscard]] std::size_t size() const { return p_->size(); }
  [[nodiscard]] bool empty() const { return p_->empty(); }
  [[nodiscard]] const T* data() const { return p_->data(); }
  const T& operator[](std::size_t i) const { return (*p_)[i]; }
  [[nodiscard]] const T& front() const { return p_->front(); }
  [[nodiscard]] const T& back() const { return p_->back(); }
  [[nodiscard]] const_iterator begin() const { return p_->cbegin(); }
  [[nodiscard]] const_iterator end() const { return p_->cend(); }
  [[nodiscard]] const_iterator cbegin() const { return p_->cbegin(); }
  [[nodiscard]] const_iterator cend() const { return p_->cend(); }
  [[nodiscard]] std::size_t capacity() const { return p_->capacity(); }

  /// The vector for writing: copied first when another Column shares it.
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
  /// Unshared, with room for `more` items beyond its size (one copy, however it was shared).
  std::vector<T>& make_room(std::size_t more) {
    if (p_.use_count() > 1 || p_->capacity() < p_->size() + more) {
      auto q = std::make_shared<std::vector<T>>();
      reserve_huge(*q, p_->size() + more);
      q->assign(p_->begin(), p_->end());
      p_ = std::move(q);
    }
    return *p_;
  }
  T& operator[](std::size_t i) { return mut()[i]; }
  T* data() { return mut().data(); }
  iterator begin() { return mut().begin(); }
  iterator end() { return mut().end(); }
  T& front() { return mut().front(); }
  T& back() { return mut().back(); }
  void push_back(const T& x) { mut().push_back(x); }
  void push_back(T&& x) { mut().push_back(std::move(x)); }
  template <class... A>
  T& emplace_back(A&&... a) {
    return mut().emplace_back(std::forward<A>(a)...);
  }
  void resize(std::size_t n) { mut().resize(n); }
  void resize(std::size_t n, const T& x) { mut().resize(n, x); }
  void assign(std::size_t n, const T& x) { mut().assign(n, x); }
  template <class It>
  void assign(It a, It b) {
    mut().assign(a, b);
  }
  void reserve(std::size_t n) { mut().reserve(n); }
  void clear() { mut().clear(); }
  void shrink_to_fit() { mut().shrink_to_fit(); }
  template <class It>
  iterator insert(const_iterator at, It a, It b) {
    const auto k = at - p_->cbegin();
    auto& v = mut();
    return v.insert(v.begin() + k, a, b);
  }

  bool operator==(const Column& o) const { return p_ == o.p_ || *p_ == *o.p_; }
  bool operator==(const std::vector<T>& o) const { return *p_ == o; }
  /// True when both share one vector (no copy made).
  [[nodiscard]] bool shares(const Column& o) const { return p_ == o.p_; }

 private:
  std::shared_ptr<std::vector<T>> p_;
};

}  // namespace chainnet::model
