// What a chain loses structurally when sites fail or a buyer loses an input, under AND/OR
// semantics, computed incrementally from the intact chain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "chainnet/model/chain.hpp"

namespace chainnet::weak {

/// Options shared by the structural (reachability) analyses.
struct StructuralOptions {
  /// Count stock on hand as a way to have a product. Off by default: stock is a finite buffer
  /// that the stress tests account for period by period; the structural questions ask whether the
  /// chain can make and deliver the product at all.
  bool count_stock = false;
};

/// The intact chain's availability with a derivation for each available holding, and a
/// workspace-based query "which holdings are lost when these fail".
///
/// Availability is model::structural_availability's: a holding is available when its site is up
/// and (it is grounded: a production line with no inputs and capacity > 0, or stock > 0 when
/// counted) or it has a line with capacity > 0 whose every input is available at the site (AND)
/// or some supply with capacity > 0 from an available holding of its product (OR).
///
/// The intact fixpoint is computed once, recording for each available holding its *witness* (the
/// support that first made it available) and its *rank* (the order it became available in). A
/// failure can only take away holdings whose witness chain reaches a failed one; those are
/// examined in rank order, and one that still has a support of lower rank that survives is kept
/// at once. The few left (supports of higher rank, through cycles of mutual supply) are settled
/// by a forward fixpoint confined to them. So a query costs time in proportion to what it loses
/// plus its boundary, not to the chain; the result is exact (tests compare it with
/// structural_availability recomputed from scratch).
class StructuralLoss {
 public:
  explicit StructuralLoss(const model::Chain& chain, StructuralOptions options = {});

  /// Per-thread scratch space (O(holdings + lines) memory, reused across queries).
  class Workspace {
   public:
    explicit Workspace(const StructuralLoss& loss);

   private:
    friend class StructuralLoss;
    std::vector<std::uint32_t> stamp_;       // per holding: == epoch_ when touched by this query
    std::vector<std::uint8_t> state_;        // per holding, valid when touched
    std::vector<std::uint32_t> make_stamp_;  // per line: == epoch_ when missing_ is valid
    std::vector<std::uint32_t> missing_;     // per line: inputs not (yet) available
    std::vector<std::uint64_t> heap_;        // (rank << 32 | holding), a binary min-heap
    std::vector<model::HoldingId> tentative_;
    std::vector<model::HoldingId> queue_;
    std::uint32_t epoch_ = 0;
  };

  /// Holdings available in the intact chain (1 = available), one byte per holding.
  [[nodiscard]] const std::vector<std::uint8_t>& available() const { return available_; }
  [[nodiscard]] const model::Chain& chain() const { return chain_; }
  [[nodiscard]] const StructuralOptions& options() const { return options_; }

  /// The holdings available in the intact chain that are not when every site in `down` fails
  /// (no stock, production or pass-through there; the failed sites' own holdings included).
  /// Appends to `lost` (cleared first), in no particular order. Complexity: as described above.
  void lost_when_sites_fail(std::span<const model::SiteId> down, Workspace& ws,
                            std::vector<model::HoldingId>& lost) const;

  /// The holdings lost when holding `cut` alone becomes unavailable (a buyer loses an input, or a
  /// site loses one product); `cut` itself is included when it was available.
  void lost_when_holding_cut(model::HoldingId cut, Workspace& ws, std::vector<model::HoldingId>& lost) const;

  /// Runs body(i, workspace, lost) for i in [0, count) in parallel (oneTBB), each thread with its
  /// own workspace and `lost` buffer; body calls one of the queries above and reads `lost`.
  using QueryBody = std::function<void(std::size_t, Workspace&, std::vector<model::HoldingId>&)>;
  void parallel_queries(std::size_t count, const QueryBody& body) const;

 private:
  void run_query(Workspace& ws, std::vector<model::HoldingId>& lost) const;
  void push_dependents(model::HoldingId h, Workspace& ws) const;

  const model::Chain& chain_;
  StructuralOptions options_;
  std::vector<std::uint8_t> available_;
  std::vector<std::uint32_t> rank_;  // order of availability (kInvalidId when unavailable)
  model::Csr dependents_;            // holdings whose witness uses holding h
};

}  // namespace chainnet::weak
