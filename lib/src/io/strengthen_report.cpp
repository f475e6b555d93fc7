#include "chainnet/io/strengthen_report.hpp"

#include <cmath>
#include <cstdio>

#include "io/text.hpp"

namespace chainnet::io {
namespace {

std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string o = "\"";
  for (char ch : s) o += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return o + "\"";
}

std::string money(double x) {
  char buf[64];
  if (!std::isfinite(x)) return "-";
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

}  // namespace

void write_strengthen_json(JsonWriter& w, const strengthen::StrengthenResult& r,
                           std::span<const strengthen::Candidate> c) {
  w.begin_object();
  w.field("objective", std::string(to_string(r.objective)));
  w.field("unit", r.unit);
  w.field("method", std::string(to_string(r.method)));
  w.field("budget", r.budget);
  w.field("before", r.before);
  w.field("after", r.after);
  w.field("total_cost", r.total_cost);
  w.field("proof", r.proof);
  w.field("evaluations", r.evaluations);
  w.field("plain_evaluations", r.plain_evaluations);
  w.field("admissible", r.admissible);
  w.field("mip_objective", r.mip_objective);
  w.field("lp_bound", r.lp_bound);
  w.field("bound_kind", r.bound_kind);
  w.field("search_disagrees", r.search_disagrees);
  w.key("failure_lps").begin_object();
  w.field("solves", r.lp_solves);
  w.field("settled_by_duals", r.lp_settled);
  w.field("iterations", r.lp_iterations);
  w.end_object();
  w.field("mip_rows", r.mip_rows);
  w.field("mip_columns", r.mip_columns);
  w.field("mip_binaries", r.mip_binaries);
  w.key("chosen").begin_array();
  for (const strengthen::PlanStep& s : r.steps) {
    w.begin_object();
    w.field("id", c[s.candidate].id);
    w.field("kind", std::string(to_string(c[s.candidate].kind)));
    w.field("cost", c[s.candidate].cost);
    w.field("gain", s.gain);
    w.field("objective_after", s.objective_after);
    w.field("cost_so_far", s.cost_so_far);
    w.end_object();
  }
  w.end_array();
  w.key("frontier").begin_array();
  for (const strengthen::FrontierPoint& f : r.frontier) {
    w.begin_object();
    w.field("budget", f.budget);
    w.field("objective", f.objective);
    w.field("cost", f.cost);
    w.key("chosen").begin_array();
    for (std::uint32_t i : f.chosen) w.value(c[i].id);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("candidates").begin_array();
  for (std::size_t i = 0; i < c.size(); ++i) {
    w.begin_object();
    w.field("id", c[i].id);
    w.field("kind", std::string(to_string(c[i].kind)));
    w.field("cost", c[i].cost);
    if (!c[i].group.empty()) w.field("group", c[i].group);
    if (c[i].required >= 0) w.field("requires", c[static_cast<std::size_t>(c[i].required)].id);
    w.field("chosen", std::find(r.chosen.begin(), r.chosen.end(), i) != r.chosen.end());
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::string format_strengthen_text(const strengthen::StrengthenResult& r, std::span<const strengthen::Candidate> c) {
  std::string o;
  o += "strengthen: objective " + std::string(to_string(r.objective)) + " (" + r.unit + "), budget " + money(r.budget) +
       ", " + std::to_string(c.size()) + " candidates\n";
  if (r.steps.empty()) {
    o += "  recommendation: buy nothing: no candidate within the budget lowers the objective (" + money(r.before) + ")\n";
  } else {
    const double cut = r.before > 0 ? 100.0 * (r.before - r.after) / r.before : 0.0;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.1f", cut);
    o += "  recommendation: buy " + std::to_string(r.steps.size()) + " action" + (r.steps.size() == 1 ? "" : "s") +
         " for " + money(r.total_cost) + "; the objective falls from " + money(r.before) + " to " + money(r.after) +
         " (-" + buf + " %)\n";
    o += "  step  candidate  kind  cost  cost so far  gain  objective after\n";
    for (std::size_t k = 0; k < r.steps.size(); ++k) {
      const strengthen::PlanStep& s = r.steps[k];
      const strengthen::Candidate& x = c[s.candidate];
      o += "  " + std::to_string(k + 1) + "  " + x.id + "  " + std::string(to_string(x.kind)) + "  " + money(x.cost) + "  " +
           money(s.cost_so_far) + "  " + money(s.gain) + "  " + money(s.objective_after) + "\n";
    }
  }
  o += "  budget frontier (budget: best objective, its cost)\n";
  for (const strengthen::FrontierPoint& f : r.frontier) {
    o += "    " + money(f.budget) + ": " + money(f.objective) + " for " + money(f.cost);
    if (f.chosen.size() > 8) {
      o += "  [" + std::to_string(f.chosen.size()) + " actions: strengthen_frontier.csv]";
    } else if (!f.chosen.empty()) {
      o += "  [";
      for (std::size_t k = 0; k < f.chosen.size(); ++k) o += (k ? ", " : "") + c[f.chosen[k]].id;
      o += "]";
    }
    o += "\n";
  }
  o += "  " + std::string(to_string(r.method)) + ": " + r.proof + "\n";
  if (!std::isnan(r.search_disagrees))
    o += "  note: the search's LPs valued the portfolio at " + money(r.search_disagrees) +
         "; the analysis re-run on the strengthened chain gives " + money(r.after) + ", which is reported\n";
  return o;
}

std::vector<std::pair<std::string, std::string>> strengthen_csv(const strengthen::StrengthenResult& r,
                                                                std::span<const strengthen::Candidate> c) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string a = "step,candidate,kind,cost,cost_so_far,gain,objective_after\n";
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const strengthen::PlanStep& s = r.steps[k];
    a += std::to_string(k + 1) + "," + csv_cell(c[s.candidate].id) + "," + std::string(to_string(c[s.candidate].kind)) + "," +
         format_number(c[s.candidate].cost) + "," + format_number(s.cost_so_far) + "," + format_number(s.gain) + "," +
         format_number(s.objective_after) + "\n";
  }
  out.emplace_back("strengthen_actions.csv", a);
  std::string f = "budget,objective,cost,candidate\n";
  for (const strengthen::FrontierPoint& p : r.frontier) {
    if (p.chosen.empty()) f += format_number(p.budget) + "," + format_number(p.objective) + "," + format_number(p.cost) + ",\n";
    for (std::uint32_t i : p.chosen)
      f += format_number(p.budget) + "," + format_number(p.objective) + "," + format_number(p.cost) + "," + csv_cell(c[i].id) + "\n";
  }
  out.emplace_back("strengthen_frontier.csv", f);
  std::string k = "candidate,kind,cost,group,requires,chosen\n";
  for (std::size_t i = 0; i < c.size(); ++i)
    k += csv_cell(c[i].id) + "," + std::string(to_string(c[i].kind)) + "," + format_number(c[i].cost) + "," + csv_cell(c[i].group) +
         "," + (c[i].required >= 0 ? csv_cell(c[static_cast<std::size_t>(c[i].required)].id) : std::string()) + "," +
         (std::find(r.chosen.begin(), r.chosen.end(), i) != r.chosen.end() ? "true" : "false") + "\n";
  out.emplace_back("strengthen_candidates.csv", k);
  return out;
}

}  // namespace chainnet::io
