// Declarations shared by the binding files: one bind_<area>() per area of the library.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "chainnet/model/column.hpp"

namespace chainnet::python {

/// A numpy copy of a vector.
template <class T>
pybind11::array_t<T> array(const std::vector<T>& v) {
  pybind11::array_t<T> a(static_cast<pybind11::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

/// A numpy copy of a chain column.
template <class T>
pybind11::array_t<T> array(const model::Column<T>& c) {
  pybind11::array_t<T> a(static_cast<pybind11::ssize_t>(c.size()));
  std::copy(c.begin(), c.end(), a.mutable_data());
  return a;
}

/// A list of n Python strings, get(i) giving the i-th as UTF-8.
template <class F>
pybind11::list strings(std::size_t n, F&& get) {
  pybind11::list out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view s = get(i);
    out[i] = pybind11::reinterpret_steal<pybind11::object>(
        PyUnicode_DecodeUTF8(s.data(), static_cast<pybind11::ssize_t>(s.size()), "replace"));
  }
  return out;
}

void bind_model(pybind11::module_& m);
void bind_routing(pybind11::module_& m);
void bind_flow(pybind11::module_& m);
void bind_criticality(pybind11::module_& m);
void bind_stress(pybind11::module_& m);
void bind_compare(pybind11::module_& m);
void bind_strengthen(pybind11::module_& m);
void bind_report(pybind11::module_& m);

}  // namespace chainnet::python
