#include "chainnet/io/survival_report.hpp"

#include <cstdio>

#include "chainnet/io/files.hpp"

namespace chainnet::io {
namespace {

std::string text_number(double x) {
  if (std::isinf(x)) return "inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

}  // namespace

void write_survival_json(JsonWriter& w, const model::Chain& c, const stress::Survival& r, double ttr_given) {
  w.begin_object();
  w.field("ttr", ttr_given).field("baseline_tts", r.baseline_tts).field("max_impact", r.max_impact);
  w.field("at_risk", r.at_risk);
  w.key("lp").begin_object();
  w.field("rows", r.stats.rows).field("columns", r.stats.columns).field("solves", r.stats.solves);
  w.field("from_baseline", r.stats.from_baseline).field("iterations", r.stats.iterations);
  w.end_object();
  w.key("sites").begin_array();
  for (const stress::SiteSurvival& s : r.sites) {
    w.begin_object();
    w.field("site", c.site_id(s.site)).field("tts", s.tts).field("ttr", s.ttr);
    w.field("performance_impact", s.performance_impact).field("rei", s.rei).field("at_risk", s.at_risk);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::vector<std::pair<std::string, std::string>> survival_csv(const model::Chain& c, const stress::Survival& r) {
  std::string o = "site,lat,lon,tts,ttr,performance_impact,rei,at_risk\n";
  for (const stress::SiteSurvival& s : r.sites) {
    append_csv_field(o, c.site_id(s.site));
    append_site_coordinates(o, c, s.site);
    o += "," + (std::isinf(s.tts) ? std::string() : format_number(s.tts)) + "," + format_number(s.ttr) + "," +
         format_number(s.performance_impact) + "," + format_number(s.rei) + "," + (s.at_risk ? "true" : "false") + "\n";
  }
  return {{"survival.csv", std::move(o)}};
}

std::string format_survival_text(const model::Chain& c, const stress::Survival& r, std::size_t top) {
  const std::string& cur = c.units().currency;
  const std::string& per = c.units().time;
  std::string o = "time to survive and performance impact of " + std::to_string(r.sites.size()) + " sites (" +
                  std::to_string(r.at_risk) + " at risk: time to survive < time to recover)\n";
  o += "  with nothing failed, demand is met for " +
       (std::isinf(r.baseline_tts) ? std::string("ever") : text_number(r.baseline_tts) + " " + per + "s") + "\n";
  o += "  site  tts (" + per + "s)  ttr (" + per + "s)  performance impact (" + cur + ")  rei (share)\n";
  for (std::size_t i = 0; i < r.sites.size() && i < top; ++i) {
    const stress::SiteSurvival& s = r.sites[i];
    o += "  " + std::string(c.site_id(s.site)) + "  " + text_number(s.tts) + "  " + text_number(s.ttr) + "  " +
         text_number(s.performance_impact) + "  " + text_number(s.rei) + (s.at_risk ? "  AT RISK" : "") + "\n";
  }
  o += "  " + std::to_string(r.stats.solves) + " LPs (" + std::to_string(r.stats.rows) + " rows x " +
       std::to_string(r.stats.columns) + " columns), " + std::to_string(r.stats.iterations) + " simplex iterations, " +
       std::to_string(r.stats.from_baseline) + " answers from the nothing-failed optimum\n";
  return o;
}

}  // namespace chainnet::io
