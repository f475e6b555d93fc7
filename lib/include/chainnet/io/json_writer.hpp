// A small streaming JSON writer: objects, arrays, strings, numbers (shortest round-trip form,
// non-finite numbers as null). Pretty-printed with two-space indents when asked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chainnet::io {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// The key of the next value inside an object.
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(double x);  ///< NaN and infinities are written as null
  JsonWriter& value(std::int64_t x);
  JsonWriter& value(std::uint64_t x);
  JsonWriter& value(std::uint32_t x) { return value(static_cast<std::uint64_t>(x)); }
  JsonWriter& value(int x) { return value(static_cast<std::int64_t>(x)); }
  JsonWriter& value(bool b);
  JsonWriter& null();

  /// key(k).value(v)
  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  /// Inserts already formatted JSON as the next value.
  JsonWriter& raw(std::string_view json);

  [[nodiscard]] const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void newline();
  std::string out_;
  struct Level {
    bool array;
    bool empty;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
  bool pretty_;
};

/// Appends `s` to `out` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

/// Results: the shortest text of x rounded to 15 significant digits ("12", "0.1", "1e+300";
/// 118.00000000000001 is written "118"). Every output of chainnet writes numbers this way.
std::string format_number(double x);
/// Model data (scenario files, variants): the shortest text that reads back as the same double.
std::string format_number_exact(double x);

}  // namespace chainnet::io
