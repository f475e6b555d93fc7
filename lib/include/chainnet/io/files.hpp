// Writing output files so that a reader never sees a half-written one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chainnet::io {

/// Writes `content` to `path` through a temporary file in the same folder and a rename, so that
/// the file is either the old one or the complete new one. Creates missing parent folders.
/// Throws IoError on failure (the temporary file is removed).
void write_file_atomic(const std::string& path, std::string_view content);

/// A set of files written together: all are first written to temporaries, then renamed in one
/// pass; if any write fails, none is renamed and IoError is thrown.
class FileSet {
 public:
  void add(std::string path, std::string content) {
    files_.push_back({std::move(path), std::move(content)});
  }
  void commit();
  [[nodiscard]] std::vector<std::string> paths() const;

 private:
  struct Entry {
    std::string path;
    std::string content;
  };
  std::vector<Entry> files_;
};

/// A file written through a temporary and renamed into place by commit(). Writes are buffered;
/// an AtomicFile destroyed without commit() removes its temporary and leaves `path` untouched.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  AtomicFile(AtomicFile&& other) noexcept;
  void write(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= (1u << 20)) flush();
  }
  /// Writes the buffer, then `s` straight to the file (no copy): for large pieces.
  void write_through(std::string_view s);
  /// The buffer, for appending directly; call maybe_flush() after.
  std::string& buffer() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= (1u << 20)) flush();
  }
  /// Flushes and closes the temporary (still not visible under `path`).
  void close();
  /// Renames the temporary to `path`.
  void commit();
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  void flush();
  void write_all(std::string_view s);  ///< every byte of s to the temporary, retrying short writes
  std::string path_;
  std::string tmp_;
  std::string buf_;
  int fd_ = -1;
  bool done_ = false;
};

/// Appends one CSV field, quoted when it holds a comma, quote or newline.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace chainnet::io

namespace chainnet::model {
class Chain;
}

namespace chainnet::io {

/// Appends ",LAT,LON" of site s (degrees; empty fields when the site has no coordinates): every
/// per-site table carries them, so that any table can be put on a map.
void append_site_coordinates(std::string& out, const model::Chain& chain, std::uint32_t site);

}  // namespace chainnet::io
