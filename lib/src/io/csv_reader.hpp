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

/// How a file was written (spreadsheet programs differ from hand-written files).
struct CsvFormat {
  char separator = ',';              ///< ';' when the header line has ';' and no ','
  bool trailing_separators = false;  ///< the header ended with empty columns (dropped)
};

/// Calls `on_row` for every record of the file, the header first. Blank lines are skipped. A
/// UTF-8 byte-order mark is skipped; the separator is ';' when the header line has ';' and no ','
/// (outside quotes), else ','. Empty columns at the end of the header (trailing separators) are
/// dropped, and from each row when empty there. Returns false when on_row returns false (stop
/// early). Throws IoError when the file cannot be read, and reports an unterminated quote through
/// `on_error(line, column, message)`. `format`, when given, receives what was detected.
bool read_csv(const std::string& path, const std::function<bool(const CsvRow&)>& on_row,
              const std::function<void(std::uint32_t, std::uint32_t, std::string)>& on_error,
              CsvFormat* format = nullptr);

/// A quick guess of the number of data rows (from the size of the file and the length of the
/// rows in its first 256 KiB), for reserving memory; 0 when the file cannot be read.
std::size_t estimate_csv_rows(const std::string& path);

}  // namespace chainnet::io
