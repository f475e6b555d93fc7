// Errors raised by chainnet. Outcomes of algorithms (infeasible, unreachable, ...) are values in
// result structs; exceptions are for input that cannot be used. The CLI maps each class to an
// exit code in one table (tools/exit_codes.hpp).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace chainnet {

/// Base class of every error chainnet throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Severity of one diagnostic found while reading a scenario.
enum class Severity : std::uint8_t { error, warning };

/// One problem found in a scenario, with its position.
/// `line` and `column` are 1-based; 0 means "not known" (for example a whole-file problem).
/// For CSV tables `line` is the physical line (the header is line 1) and `column` the 1-based
/// field number.
struct Diagnostic {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  Severity severity = Severity::error;
  std::string message;
  /// A table's structure is wrong (its header, separator, field counts, or the file itself):
  /// what follows from it (ids not found, missing rows) is noise until it is fixed, so root
  /// causes are listed first.
  bool root_cause = false;

  /// `FILE:LINE:COLUMN: error: MESSAGE` (or `warning:`); positions left out when unknown.
  [[nodiscard]] std::string to_string() const;
};

/// Orders diagnostics root causes first, then by file, line, column and message (the order they
/// are reported in).
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

/// A scenario that cannot be loaded. Carries every error found (not only the first), sorted by
/// position, plus the warnings seen on the way. what() is the full report, one line each.
class ScenarioError : public Error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// Number of diagnostics with severity error.
  [[nodiscard]] std::size_t error_count() const;

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// A bad argument to a library call (an unknown site id given on the command line, k = 0, ...).
class InvalidInput : public Error {
 public:
  using Error::Error;
};

/// A file that cannot be opened, read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace chainnet
