#include "chainnet/error.hpp"

#include <algorithm>
#include <tuple>

namespace chainnet {

std::string Diagnostic::to_string() const {
  std::string s = file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  if (!s.empty()) s += ": ";
  s += severity == Severity::error ? "error: " : "warning: ";
  s += message;
  return s;
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  const bool ra = !a.root_cause, rb = !b.root_cause;
  return std::tie(ra, a.file, a.line, a.column, a.message) < std::tie(rb, b.file, b.line, b.column, b.message);
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += '\n';
    s += d.to_string();
  }
  return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::size_t ScenarioError::error_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                                [](const Diagnostic& d) {
                                                  return d.severity == Severity::error;
                                                }));
}

}  // namespace chainnet
