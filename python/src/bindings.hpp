// Declarations shared by the binding files: one bind_<area>() per area of the library.
#pragma once

#include <pybind11/pybind11.h>

namespace chainnet::python {

void bind_model(pybind11::module_& m);
void bind_routing(pybind11::module_& m);
void bind_flow(pybind11::module_& m);
void bind_criticality(pybind11::module_& m);

}  // namespace chainnet::python
