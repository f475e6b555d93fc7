// cn.compare: chains side by side (the same comparison and JSON as `chainnet compare`).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/compare/compare.hpp"
#include "chainnet/io/compare_report.hpp"
#include "chainnet/io/json_writer.hpp"

namespace py = pybind11;

namespace chainnet::python {

void bind_compare(py::module_& m) {
  m.def("_compare", [](const std::vector<std::shared_ptr<PyChain>>& chains, const std::vector<std::string>& names,
                       const std::vector<std::string>& analyses, std::uint32_t runs, std::size_t top) {
    std::vector<const model::Chain*> ptrs;
    for (const auto& c : chains) ptrs.push_back(&c->chain);
    compare::CompareOptions o;
    o.analyses = analyses;
    o.montecarlo_runs = runs;
    o.top = top;
    std::string json, text;
    std::vector<std::pair<std::string, std::string>> tables;
    {
      py::gil_scoped_release release;
      const compare::Comparison c = compare::compare(ptrs, names, o);
      io::JsonWriter w;
      io::write_compare_json(w, c);
      json = w.take();
      text = io::format_compare_text(c);
      tables = io::compare_csv(c, ptrs);
    }
    return py::make_tuple(json, text, tables);
  });
  m.def("_variants_lineup", [](const std::shared_ptr<PyChain>& scenario, const std::vector<std::string>& ids) {
    compare::Lineup l;
    {
      py::gil_scoped_release release;
      l = compare::variants_lineup(scenario->chain, ids);
    }
    py::list chains;
    for (std::size_t i = 0; i < l.chains.size(); ++i) {
      auto p = std::make_shared<PyChain>();
      p->chain = std::move(l.chains[i]);
      if (i == 0) p->warnings = scenario->warnings;
      chains.append(p);
    }
    return py::make_tuple(chains, l.names);
  });
}

}  // namespace chainnet::python
