// cn.report: report.html of a chain (the same page as `chainnet report`).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/run/job.hpp"

namespace py = pybind11;

namespace chainnet::python {

void bind_report(py::module_& m) {
  m.def("_report", [](const PyChain& pc, const std::string& path, const std::vector<std::string>& analyses,
                      const std::optional<double>& budget, const std::string& objective) {
    py::gil_scoped_release release;
    run::ReportRequest request;
    request.analyses = analyses;
    request.budget_given = budget.has_value();
    request.budget = budget.value_or(-1);
    request.objective = objective;
    run::JobOutput job = run::run_report(pc.chain, "", request);
    io::FileSet files;
    files.add(path, std::move(job.report_html));
    files.commit();
    return job.results_json;
  });
}

}  // namespace chainnet::python
