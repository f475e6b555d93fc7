// chainnet._core: the compiled half of the Python package. Algorithms live in the C++ library;
// this module converts arguments and results (columns as numpy arrays) and releases the GIL
// while the library works. The pandas layer is chainnet/__init__.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "chainnet/error.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "chainnet core (C++)";
  m.attr("__version__") = CHAINNET_VERSION;
  // C++ errors become Python ones: ScenarioError carries every diagnostic (chainnet.ScenarioError
  // is defined in Python so that it can be a ValueError with an `errors` list).
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const chainnet::ScenarioError& e) {
      py::list errors;
      for (const chainnet::Diagnostic& d : e.diagnostics()) {
        py::dict x;
        x["file"] = d.file;
        x["line"] = d.line;
        x["column"] = d.column;
        x["severity"] = d.severity == chainnet::Severity::error ? "error" : "warning";
        x["message"] = d.message;
        errors.append(x);
      }
      py::object cls = py::module_::import("chainnet._errors").attr("ScenarioError");
      py::object inst = cls(py::str(e.what()), errors);
      PyErr_SetObject(cls.ptr(), inst.ptr());
    } catch (const chainnet::InvalidInput& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const chainnet::IoError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    }
  });
  chainnet::python::bind_model(m);
  chainnet::python::bind_routing(m);
  chainnet::python::bind_flow(m);
  chainnet::python::bind_criticality(m);
  chainnet::python::bind_stress(m);
  chainnet::python::bind_compare(m);
  chainnet::python::bind_strengthen(m);
  chainnet::python::bind_report(m);
}
