// cn.strengthen: the mitigation planner (the same plan and JSON as `chainnet strengthen`).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "chain_handle.hpp"
#include "chainnet/error.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/io/region_report.hpp"
#include "chainnet/io/strengthen_report.hpp"
#include "chainnet/strengthen/region_profile.hpp"
#include "chainnet/strengthen/candidates.hpp"
#include "chainnet/strengthen/planner.hpp"

namespace py = pybind11;

namespace chainnet::python {

void bind_strengthen(py::module_& m) {
  m.def("_strengthen", [](const std::shared_ptr<PyChain>& chain, double budget, const std::string& objective,
                          const std::string& method, std::uint32_t runs, std::uint32_t steps, bool suggest,
                          std::size_t max_suggested, bool warm_start) {
    strengthen::StrengthenOptions o;
    const auto obj = strengthen::parse_objective(objective);
    if (!obj) throw InvalidInput("unknown objective '" + objective + "' (expected at_risk, pi, expected_loss, cvar95 or spof)");
    const auto meth = strengthen::parse_method(method);
    if (!meth) throw InvalidInput("unknown method '" + method + "' (expected auto, exact or greedy)");
    o.budget = budget;
    o.objective = *obj;
    o.method = *meth;
    o.montecarlo_runs = runs;
    o.frontier_steps = steps;
    o.warm_start = warm_start;
    std::string json, text;
    std::vector<std::pair<std::string, std::string>> tables;
    {
      py::gil_scoped_release release;
      const model::Chain c = suggest ? strengthen::with_suggested_candidates(chain->chain, max_suggested) : chain->chain;
      const auto candidates = strengthen::resolve_candidates(c);
      if (candidates.empty()) throw InvalidInput("no candidates (give a 'candidates' section, or suggest=True)");
      const strengthen::StrengthenResult r = strengthen::strengthen(c, candidates, o);
      io::JsonWriter w;
      io::write_strengthen_json(w, r, candidates);
      json = w.take();
      text = io::format_strengthen_text(r, candidates);
      tables = io::strengthen_csv(r, candidates);
    }
    return py::make_tuple(json, text, tables);
  });
  m.def("_region_profile", [](const std::shared_ptr<PyChain>& chain, const std::string& region) {
    std::string json, text;
    std::vector<std::pair<std::string, std::string>> tables;
    {
      py::gil_scoped_release release;
      const strengthen::RegionProfile r = strengthen::region_profile(chain->chain, region);
      io::JsonWriter w;
      io::write_region_json(w, chain->chain, r);
      json = w.take();
      text = io::format_region_text(chain->chain, r);
      tables = io::region_csv(chain->chain, r);
    }
    return py::make_tuple(json, text, tables);
  });
  m.def("_apply_portfolio", [](const std::shared_ptr<PyChain>& chain, const std::vector<std::string>& ids, bool suggest,
                               std::size_t max_suggested) {
    auto p = std::make_shared<PyChain>();
    {
      py::gil_scoped_release release;
      const model::Chain c = suggest ? strengthen::with_suggested_candidates(chain->chain, max_suggested) : chain->chain;
      const auto candidates = strengthen::resolve_candidates(c);
      std::vector<char> chosen(candidates.size(), 0);
      for (const std::string& id : ids) {
        const auto it = std::find_if(candidates.begin(), candidates.end(), [&](const auto& c) { return c.id == id; });
        if (it == candidates.end()) throw InvalidInput("no candidate '" + id + "'");
        chosen[static_cast<std::size_t>(it - candidates.begin())] = 1;
      }
      p->chain = strengthen::apply_portfolio(c, candidates, chosen);
    }
    return p;
  });
}

}  // namespace chainnet::python
