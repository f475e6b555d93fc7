// A streaming CSV reader (RFC 4180: quotes, doubled quotes, CRLF). Reads the file in blocks, so
// memory stays at one block whatever the file's size; the fields handed to the callback are
// views that live until the callback returns.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace chainnet::io {

struct CsvRow {
  std::uint32_t line = 0;                 ///< physical line where the record starts (1-based)
  std::vector<std::string_view> fields;   ///< trimmed unless quoted
};

/// Calls `on_row` for every record of the file, the header first. Blank lines are skipped.
/// Returns false when on_row returns false (stop early). Throws IoError when the file cannot be
/// read, and reports an unterminated quote through `on_error(line, column, message)`.
bool read_csv(const std::string& path, const std::function<bool(const CsvRow&)>& on_row,
              const std::function<void(std::uint32_t, std::uint32_t, std::string)>& on_error);

/// A quick guess of the number of data rows (from the size of the file and the length of the
/// rows in its first 256 KiB), for reserving memory; 0 when the file cannot be read.
std::size_t estimate_csv_rows(const std::string& path);

}  // namespace chainnet::io
