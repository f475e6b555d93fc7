// Disruption propagation: a period-by-period simulation of orders, BOM-limited production,
// stocks, proportional rationing, substitution and lead times (docs/models.md, "Propagation").
//
// Build a Propagation once per chain and horizon (it computes the normal orders and the
// undisrupted baseline), then run any number of shocks against it, each with a Workspace of its
// own (one per thread). When the baseline is stationary (the usual case: normal orders can be
// met period after period), a run only simulates the holdings whose state departs from the
// baseline, so its work grows with the part of the chain the shock reaches; otherwise every
// holding is simulated every period. Both give the same numbers.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "chainnet/flow/normal_plan.hpp"
#include "chainnet/model/chain.hpp"
#include "chainnet/stress/shock.hpp"

namespace chainnet::stress {

struct PropagationOptions {
  std::uint32_t horizon = 26;  ///< periods simulated, t = 0 .. horizon - 1 (>= 1)
  bool incremental = true;     ///< false: simulate every holding every period (for checks)
  flow::NormalPlanOptions normal_plan;  ///< how the normal plan is made when none is given
};

/// What one run lost over the horizon. Units are the chain's quantity units; values its currency.
struct ShockOutcome {
  double lost_units = 0;          ///< unmet final demand, all markets and periods
  double lost_value = 0;          ///< the same weighted by product value
  double excess_lost_units = 0;   ///< lost_units minus the undisrupted baseline's
  double excess_lost_value = 0;   ///< lost_value minus the undisrupted baseline's
  std::vector<double> excess_value_by_period;  ///< per period
  std::int32_t first_loss_period = -1;  ///< first period with excess loss; -1 when none
  std::int32_t worst_period = -1;       ///< period of the largest excess loss; -1 when none
  /// First period from which no excess loss occurs to the end of the horizon; -1 when there
  /// was no loss, or when the loss lasts to the last period (then recovered is false).
  std::int32_t recovery_period = -1;
  bool recovered = true;
  std::uint32_t reach = 0;  ///< distinct holdings simulated (all of them when not incremental)
};

/// Per-period detail of one run, for reports (costs O(horizon x holdings) memory).
struct Trace {
  std::vector<double> served;      ///< [t * demand_holdings().size() + i]
  std::vector<double> production;  ///< [t * makes + m]
  std::vector<double> stock;       ///< [t * holdings + h], at the end of period t
  std::vector<double> shipped;     ///< [t * supplies + e], sent in period t
};

class Propagation {
 public:
  /// Per-thread scratch state of runs. Create with workspace(); reusable across runs.
  class Workspace {
   public:
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;
    ~Workspace();

   private:
    friend class Propagation;
    struct State;
    explicit Workspace(std::unique_ptr<State> s);
    std::unique_ptr<State> s_;
  };

  /// Takes normal orders, production plans and sales from the normal plan (flow/normal_plan.hpp;
  /// computed here when not given, shared otherwise), then the period-0 pipelines and the
  /// baseline. O(holdings + supplies + recipe entries) for a stationary baseline, O(horizon x
  /// that) otherwise, plus the normal plan's own cost. Throws InvalidInput when horizon is 0 or
  /// the plan does not fit the chain.
  Propagation(const model::Chain& chain, PropagationOptions options = {});
  Propagation(const model::Chain& chain, std::shared_ptr<const flow::NormalPlan> plan, PropagationOptions options = {});

  [[nodiscard]] Workspace workspace() const;

  /// Simulates `shock` over the horizon. Hits outside the horizon do nothing. Site hits also
  /// close transit through their sites: the supplies routed through them move onto detours
  /// (with_transit), unless the shock says that is done. Thread-safe for distinct workspaces.
  /// Fills `trace` when given.
  ShockOutcome run(const Shock& shock, Workspace& ws, Trace* trace = nullptr) const;

  /// `shock` with the supplies routed through its failed sites (as intermediate stops) moved
  /// onto the lanes that remain: delay hits, lost supply hits and reroute notes (shock.hpp).
  /// Costs nothing for sites no route can pass through.
  [[nodiscard]] Shock with_transit(const Shock& shock) const;

  /// Supplies' routes over lanes and their detours, loaded with the normal plan's flows
  /// (nullptr when the chain has no lanes).
  [[nodiscard]] const routing::SupplyRouting* routing() const { return routing_.get(); }

  [[nodiscard]] const model::Chain& chain() const { return *chain_; }
  [[nodiscard]] std::uint32_t horizon() const { return horizon_; }
  /// True when the undisrupted chain repeats the same period forever (runs are incremental).
  [[nodiscard]] bool stationary() const { return stationary_; }
  /// Holdings with final demand, in id order (the rows of Trace::served).
  [[nodiscard]] const std::vector<HoldingId>& demand_holdings() const { return demand_holdings_; }
  /// Final demand value of one period (sum of demand x value).
  [[nodiscard]] double demand_value_per_period() const { return demand_value_; }
  /// Baseline: units and value lost per period without any disruption.
  [[nodiscard]] const std::vector<double>& baseline_lost_units() const { return base_lost_units_; }
  [[nodiscard]] const std::vector<double>& baseline_lost_value() const { return base_lost_value_; }
  /// Baseline served demand in period t of demand holding i.
  [[nodiscard]] double baseline_served(std::uint32_t t, std::size_t i) const;
  /// Per supply: what is in transit at period 0 (shipped in each of the lead_time periods before).
  [[nodiscard]] const std::vector<double>& pipeline_start() const { return pipe_init_; }
  /// Normal orders per supply (units per period) and production plan per line.
  [[nodiscard]] const std::vector<double>& normal_orders() const { return order_; }
  [[nodiscard]] const std::vector<double>& production_plan() const { return plan_; }
  /// Supplies that close a cycle of supplies of one product: they carry no normal orders.
  [[nodiscard]] std::uint32_t cycle_supplies() const { return cycle_supplies_; }
  /// The normal plan the runs start from.
  [[nodiscard]] const flow::NormalPlan& normal_plan() const { return *normal_; }
  [[nodiscard]] const std::shared_ptr<const flow::NormalPlan>& shared_normal_plan() const { return normal_; }

 private:
  void compute_order();
  void take_orders();
  void compute_baseline();
  void step(Workspace::State& ws, std::uint32_t t, bool full, bool zero_lead) const;
  void process(Workspace::State& ws, HoldingId h, std::uint32_t t, bool zero_lead) const;
  void pull_substitutes(Workspace::State& ws, HoldingId h, std::uint32_t t, bool zero_lead) const;
  void record(Workspace::State& ws, std::uint32_t t, Trace& trace) const;
  void reset(Workspace::State& ws) const;
  void fill_pipelines(Workspace::State& ws) const;

  const model::Chain* chain_;
  std::shared_ptr<const flow::NormalPlan> normal_;
  std::unique_ptr<routing::SupplyRouting> routing_;
  std::uint32_t horizon_;
  bool incremental_;
  bool stationary_ = false;

  std::vector<HoldingId> order_topo_;     ///< holdings, sellers and inputs first
  std::vector<std::uint32_t> rank_;       ///< position in order_topo_
  std::vector<std::uint8_t> cycle_;       ///< per supply: closes a cycle (inert)
  std::uint32_t cycle_supplies_ = 0;
  std::vector<std::uint32_t> pipe_first_; ///< per supply + 1: its pipeline slots (lead + 1, or 0)

  std::vector<double> order_;     ///< per supply: normal order
  std::vector<double> plan_;      ///< per make: normal production
  std::vector<double> sales_;     ///< per holding: final demand the normal plan serves
  std::vector<double> request_;   ///< per holding: sales + orders received + recipe needs
  std::vector<double> pipe_init_; ///< per supply: shipments in the pipelines at period 0

  // The baseline period (stationary case): what every holding does when nothing is disrupted.
  std::vector<double> ship0_;      ///< per supply
  std::vector<double> make0_;      ///< per make
  std::vector<double> reserve0_;   ///< per recipe entry
  std::vector<double> served0_;    ///< per holding
  std::vector<std::uint8_t> short0_;  ///< per holding: baseline fill below 1

  std::vector<HoldingId> demand_holdings_;
  std::vector<std::uint32_t> demand_index_;  ///< per holding: index in demand_holdings_ or ~0
  std::vector<double> base_served_;          ///< [t * demand holdings + i] (non-stationary), or one period
  double demand_value_ = 0;
  std::vector<double> base_lost_units_, base_lost_value_;
};

}  // namespace chainnet::stress
