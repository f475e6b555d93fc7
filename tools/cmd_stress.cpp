// chainnet stress | sweep | montecarlo | survival FILE [...]: the stress tests.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>

#include "chainnet/error.hpp"
#include "chainnet/io/files.hpp"
#include "chainnet/io/stress_report.hpp"
#include "chainnet/io/survival_report.hpp"
#include "chainnet/stress/best_response.hpp"
#include "cli.hpp"
#include "exit_codes.hpp"

namespace chainnet::cli {
namespace {

void write_outputs(const CommonOptions& common, const std::string& dir, const char* json_name, const io::JsonWriter& w,
                   const io::CsvFiles& csv, const std::string& text) {
  if (!dir.empty()) {
    io::FileSet files;
    const std::filesystem::path d(dir);
    files.add((d / json_name).string(), w.str());
    for (const auto& [name, content] : csv) files.add((d / name).string(), content);
    files.commit();
  }
  if (common.json) out(w.str());
  else out(text + (dir.empty() ? "" : "wrote " + dir + "/" + json_name + " and CSV tables\n"));
}

// A progress line on stderr when it is a terminal, shown once the work has taken 0.5 s, with
// the time left estimated from the pace so far.
std::function<void(std::size_t, std::size_t)> progress_line(const CommonOptions& common, const char* what,
                                                            const char* unit) {
  if (common.quiet || !::isatty(2)) return {};
  const auto t0 = std::chrono::steady_clock::now();
  auto shown = std::make_shared<bool>(false);
  return [=](std::size_t done, std::size_t total) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (secs < 0.5 && !*shown) return;
    *shown = true;
    std::string left;
    if (done > 0 && done < total) left = ", about " + std::to_string(static_cast<long>(secs * (total - done) / done + 0.5)) + " s left";
    std::fprintf(stderr, "\r%s: %3d%% (%zu of %zu %s)%s    ", what, static_cast<int>(total ? 100 * done / total : 100), done,
                 total, unit, left.c_str());
    if (done == total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  };
}

std::uint32_t horizon_of(const model::Chain& c, std::uint32_t given) { return given ? given : c.settings().horizon; }

// --stock kept|lost: what a failure does to the stock a failed site holds (docs/models.md, "The
// operating model"); the same in stress, sweep and survival.
void add_stock_option(CLI::App* sub, std::string& stock) {
  sub->add_option("--stock", stock, "what a failed site's stock does: kept (it can still ship it) or lost (destroyed with it)")
      ->check(CLI::IsMember({"kept", "lost"}))
      ->capture_default_str();
}

void add_markets_flag(CLI::App* sub, bool& include) {
  sub->add_flag("--include-markets", include, "fail markets too (they are demand, not failure candidates, by default)");
}

}  // namespace

void setup_stress(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::vector<std::string> disruptions;
    std::string site, dir;
    double loss = 1.0;
    std::uint32_t start = 0, duration = 0, horizon = 0;
    bool all_sites = false;
    std::string stock = "kept";
    std::string response = "propagation";
    std::string engine = "clp";
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "stress", "simulate a disruption period by period: lost demand, worst period, recovery", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        const stress::Propagation p(c, {horizon_of(c, o.horizon)});
        warn_normal_plan(o.common, o.file, c, p.normal_plan());
        stress::StressOptions so;
        so.all_holdings = o.all_sites;
        so.engine = o.engine == "glpk" ? stress::ResponseEngine::glpk : stress::ResponseEngine::clp;
        io::JsonWriter w;
        io::CsvFiles csv;
        std::string text;
        if (!o.site.empty() || !o.disruptions.empty()) {
          stress::Shock shock;
          std::string label;
          if (!o.disruptions.empty()) shock = stress::disruption_shock(p, o.disruptions, &label);
          if (!o.site.empty()) {
            std::string site_label;
            stress::Shock site = stress::site_shock(c, o.site, o.loss, o.start, o.duration, &site_label);
            for (stress::Hit& h : site.hits) h.destroys_stock = o.stock == "lost";
            shock.add(site);
            label += (label.empty() ? "" : "+") + site_label;
          }
          const stress::StressResult res = o.response == "optimal" ? stress::best_response(p, shock, label, so)
                                                                   : stress::stress_test(p, shock, label, so);
          io::write_stress_json(w, c, res);
          csv = io::stress_csv(c, res);
          text = io::format_stress_text(c, res);
        } else {
          const auto all = stress::stress_each_disruption(p, so, o.response == "optimal");
          if (all.empty()) throw InvalidInput("the scenario defines no disruptions: give --disruption ID or --site ID");
          const stress::StressResult& worst = stress::worst_of(all);
          io::write_stress_json(w, c, worst, &all);
          csv = io::stress_csv(c, worst, &all);
          text = io::format_stress_text(c, worst, &all);
        }
        write_outputs(o.common, o.dir, "stress.json", w, csv, text);
        return int{kOk};
      });
  sub->add_option("--disruption", o->disruptions, "a disruption of the scenario by id (repeat: they act together)");
  sub->add_option("--site", o->site, "an ad-hoc failure of this site");
  sub->add_option("--loss", o->loss, "capacity loss of --site, in (0, 1]")->capture_default_str()->check(CLI::Range(1e-12, 1.0));
  sub->add_option("--start", o->start, "first period --site is down")->capture_default_str();
  sub->add_option("--duration", o->duration, "periods --site is down (default: its time to recover)")->check(CLI::PositiveNumber);
  sub->add_option("--horizon", o->horizon, "periods simulated (default: settings.horizon)")->check(CLI::PositiveNumber);
  sub->add_flag("--all-sites", o->all_sites, "site timeline of every holding, not only of those the disruption changes");
  add_stock_option(sub, o->stock);
  sub->add_option("--response", o->response,
                  "how the chain answers: propagation (orders by the normal plan, rationing, substitution) or optimal "
                  "(the best response over the horizon, a linear program: the lower bound)")
      ->check(CLI::IsMember({"propagation", "optimal"}))
      ->capture_default_str();
  sub->add_option("--lp-engine", o->engine, "LP engine of --response optimal: clp (COIN-OR) or glpk")
      ->check(CLI::IsMember({"clp", "glpk"}))
      ->capture_default_str();
  sub->add_option("-o,--output", o->dir, "write stress.json and CSV timelines here");
  sub->footer(
      "Without --disruption or --site, every scenario disruption runs on its own and the worst is shown in full.\n"
      "Examples:\n  chainnet stress scenarios/default.yaml --disruption separator_fire\n"
      "  chainnet stress scenarios/default.yaml --site cell_fujian --loss 0.5 --start 2 --duration 6 --json");
}

void setup_sweep(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string dir;
    std::uint32_t duration = 0, horizon = 0, start = 0;
    double loss = 1.0;
    std::size_t top = 10;
    std::string stock = "kept";
    bool include_markets = false;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "sweep", "systemic importance: every site fails alone; share of final demand value lost", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        const stress::Propagation p(c, {horizon_of(c, o.horizon)});
        warn_normal_plan(o.common, o.file, c, p.normal_plan());
        stress::SweepOptions so;
        so.duration = o.duration ? o.duration : stress::ttr_periods(c.settings().ttr);
        so.loss = o.loss;
        so.start = o.start;
        so.stock_lost = o.stock == "lost";
        so.include_markets = o.include_markets;
        const stress::Sweep s = stress::systemic_sweep(p, so);
        io::JsonWriter w;
        io::write_sweep_json(w, c, s);
        write_outputs(o.common, o.dir, "sweep.json", w, io::sweep_csv(c, s), io::format_sweep_text(c, s, o.top));
        return int{kOk};
      });
  sub->add_option("--duration", o->duration, "periods each site is down (default: settings.ttr)")->check(CLI::PositiveNumber);
  sub->add_option("--loss", o->loss, "capacity loss, in (0, 1]")->capture_default_str()->check(CLI::Range(1e-12, 1.0));
  sub->add_option("--start", o->start, "first period down")->capture_default_str();
  sub->add_option("--horizon", o->horizon, "periods simulated (default: settings.horizon)")->check(CLI::PositiveNumber);
  sub->add_option("--top", o->top, "rows in the text summary")->capture_default_str();
  sub->add_option("-o,--output", o->dir, "write sweep.json and sweep.csv here");
  add_stock_option(sub, o->stock);
  add_markets_flag(sub, o->include_markets);
}

void setup_montecarlo(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string dir;
    std::uint32_t runs = 0, horizon = 0;
    std::uint64_t seed = 0;
    bool seed_given = false;
    std::size_t top = 10;
    bool include_markets = false;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "montecarlo", "random failures from the scenario's montecarlo events: loss distribution and site shares", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        if (!c.montecarlo().present) throw InvalidInput("the scenario has no montecarlo block");
        const stress::Propagation p(c, {horizon_of(c, o.horizon)});
        warn_normal_plan(o.common, o.file, c, p.normal_plan());
        stress::MonteCarloOptions mo;
        mo.runs = o.runs;
        mo.seed = o.seed;
        mo.seed_given = o.seed_given;
        mo.include_markets = o.include_markets;
        mo.progress = progress_line(o.common, "Monte Carlo", "runs");
        const stress::MonteCarloResult mc = stress::monte_carlo(p, c.montecarlo(), mo);
        io::JsonWriter w;
        io::write_montecarlo_json(w, c, mc);
        write_outputs(o.common, o.dir, "montecarlo.json", w, io::montecarlo_csv(c, mc), io::format_montecarlo_text(c, mc, o.top));
        return int{kOk};
      });
  sub->add_option("--runs", o->runs, "number of runs (default: montecarlo.runs)")->check(CLI::PositiveNumber);
  sub->add_option("--seed", o->seed, "random seed (default: montecarlo.seed)")->each([o](const std::string&) { o->seed_given = true; });
  sub->add_option("--horizon", o->horizon, "periods simulated (default: settings.horizon)")->check(CLI::PositiveNumber);
  sub->add_option("--top", o->top, "sites in the text summary")->capture_default_str();
  sub->add_option("-o,--output", o->dir, "write montecarlo.json, montecarlo_runs.csv and montecarlo_sites.csv here");
  add_markets_flag(sub, o->include_markets);
}

void setup_survival(CLI::App& app, Action& action) {
  struct Opts : ScenarioOptions {
    std::string dir;
    double ttr = NAN;
    std::vector<std::string> sites;
    std::size_t top = 10;
    std::string stock = "kept";
    bool include_markets = false;
  };
  auto o = std::make_shared<Opts>();
  auto* sub = add_scenario_command(
      app, action, "survival", "time to survive and performance impact of every site (linear programs), ranked by risk exposure", o,
      [](const Opts& o, const io::LoadResult& r) {
        const model::Chain& c = r.chain;
        stress::SurvivalOptions so;
        so.ttr = o.ttr;
        so.sites = stress::resolve_sites(c, o.sites);
        so.stock_lost = o.stock == "lost";
        so.include_markets = o.include_markets;
        so.progress = progress_line(o.common, "Survival", "sites");
        const stress::Survival s = stress::survival(c, so);
        io::JsonWriter w;
        io::write_survival_json(w, c, s, o.ttr);
        write_outputs(o.common, o.dir, "survival.json", w, io::survival_csv(c, s), io::format_survival_text(c, s, o.top));
        return int{kOk};
      });
  sub->add_option("--ttr", o->ttr, "time to recover of every site, periods (default: each site's ttr, else settings.ttr)")
      ->check(CLI::Range(0.0, 1e9));
  sub->add_option("--site", o->sites, "assess only this site (repeat for more; default: every site)");
  sub->add_option("--top", o->top, "rows in the text summary")->capture_default_str();
  sub->add_option("-o,--output", o->dir, "write survival.json and survival.csv here");
  add_stock_option(sub, o->stock);
  add_markets_flag(sub, o->include_markets);
  sub->footer(
      "Per site: performance impact = least demand value lost over its time to recover with the site down;\n"
      "time to survive = longest time all demand is met with the site down (null/inf: forever).\n"
      "Example:\n  chainnet survival scenarios/default.yaml --ttr 6 --json");
}

}  // namespace chainnet::cli
