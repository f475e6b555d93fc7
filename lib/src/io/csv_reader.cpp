#include "io/csv_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "chainnet/error.hpp"
#include "io/text.hpp"

namespace chainnet::io {
namespace {

constexpr std::size_t kBlock = 4u << 20;

class File {
 public:
  explicit File(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
  }
  ~File() { ::close(fd_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  std::size_t read(char* dst, std::size_t n, const std::string& path) {
    std::size_t got = 0;
    while (got < n) {
      const ssize_t r = ::read(fd_, dst + got, n - got);
      if (r < 0) {
        if (errno == EINTR) continue;
        throw IoError("cannot read '" + path + "': " + std::strerror(errno));
      }
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
    }
    return got;
  }

 private:
  int fd_;
};

}  // namespace

bool read_csv(const std::string& path, const std::function<bool(const CsvRow&)>& on_row,
              const std::function<void(std::uint32_t, std::uint32_t, std::string)>& on_error, CsvFormat* format) {
  File file(path);
  std::vector<char> buf(kBlock);
  std::size_t begin = 0, end = 0;
  bool eof = false;
  std::uint32_t line = 1;
  CsvRow row;
  std::string scratch;  // unescaped text of quoted fields with doubled quotes
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // scratch ranges per field
  std::vector<int> in_scratch;

  auto refill = [&]() {
    if (begin > 0) {
      std::memmove(buf.data(), buf.data() + begin, end - begin);
      end -= begin;
      begin = 0;
    }
    if (end == buf.size()) buf.resize(buf.size() * 2);
    const std::size_t got = file.read(buf.data() + end, buf.size() - end, path);
    end += got;
    eof = got == 0;
  };

  refill();
  // Spreadsheet programs save a UTF-8 byte-order mark first, and in many locales separate fields
  // with ';'. Skip the mark; take ';' when the header line has ';' and no ',' outside quotes.
  if (end - begin >= 3 && static_cast<unsigned char>(buf[0]) == 0xEF && static_cast<unsigned char>(buf[1]) == 0xBB &&
      static_cast<unsigned char>(buf[2]) == 0xBF)
    begin = 3;
  char sep = ',';
  {
    bool quoted = false, comma = false, semicolon = false;
    for (std::size_t i = begin; i < end && (quoted || buf[i] != '\n'); ++i) {
      if (buf[i] == '"') quoted = !quoted;
      else if (!quoted && buf[i] == ',') comma = true;
      else if (!quoted && buf[i] == ';') semicolon = true;
    }
    if (semicolon && !comma) sep = ';';
  }
  if (format) format->separator = sep;
  // Header columns left empty at the end (a trailing separator on every line, as spreadsheets
  // write) are dropped from the header and, when empty there too, from every row.
  std::size_t header_size = 0, trailing_empty = 0;
  bool header_seen = false;
  while (true) {
    // Parse one record starting at `begin`; if the block ends inside it, refill and start over.
    std::size_t p = begin;
    std::uint32_t lines_in_record = 0;
    row.fields.clear();
    spans.clear();
    in_scratch.clear();
    scratch.clear();
    bool complete = false;
    bool bad_quote = false;
    while (true) {
      // one field; spaces before an opening quote are allowed (common in hand-written files)
      {
        std::size_t w = p;
        while (w < end && (buf[w] == ' ' || buf[w] == '\t')) ++w;
        if (w < end && buf[w] == '"') p = w;
      }
      if (p < end && buf[p] == '"') {
        std::size_t q = p + 1;
        const std::size_t start = scratch.size();
        bool closed = false;
        while (q < end) {
          if (buf[q] == '"') {
            if (q + 1 < end && buf[q + 1] == '"') {
              scratch.push_back('"');
              q += 2;
              continue;
            }
            if (q + 1 == end && !eof) break;  // cannot tell yet
            closed = true;
            ++q;
            break;
          }
          if (buf[q] == '\n') ++lines_in_record;
          scratch.push_back(buf[q]);
          ++q;
        }
        if (!closed) {
          if (!eof) break;  // need more data
          bad_quote = true;
          p = end;
          complete = true;
          break;
        }
        spans.push_back({start, scratch.size()});
        in_scratch.push_back(1);
        row.fields.emplace_back();
        // skip to the separator
        while (q < end && buf[q] != sep && buf[q] != '\n') ++q;
        p = q;
      } else {
        std::size_t q = p;
        while (q < end && buf[q] != sep && buf[q] != '\n') ++q;
        if (q == end && !eof) break;  // need more data
        row.fields.push_back(trim(std::string_view(buf.data() + p, q - p)));
        in_scratch.push_back(0);
        spans.push_back({0, 0});
        p = q;
      }
      if (p < end && buf[p] == sep) {
        ++p;
        continue;
      }
      if (p < end && buf[p] == '\n') ++p;
      complete = true;
      break;
    }
    if (!complete) {
      if (eof) break;
      refill();
      continue;
    }
    for (std::size_t i = 0; i < row.fields.size(); ++i)
      if (in_scratch[i])
        row.fields[i] = std::string_view(scratch.data() + spans[i].first,
                                         spans[i].second - spans[i].first);
    row.line = line;
    if (bad_quote) {
      on_error(line, static_cast<std::uint32_t>(row.fields.size() + 1),
               "unterminated quoted field");
      return true;
    }
    begin = p;
    line += 1 + lines_in_record;
    const bool blank = row.fields.size() == 1 && row.fields[0].empty() && !in_scratch[0];
    if (!blank && !header_seen) {
      header_seen = true;
      header_size = row.fields.size();
      while (trailing_empty + 1 < header_size && row.fields[header_size - 1 - trailing_empty].empty() &&
             !in_scratch[header_size - 1 - trailing_empty])
        ++trailing_empty;
      if (format) format->trailing_separators = trailing_empty > 0;
    }
    if (!blank && trailing_empty > 0 && row.fields.size() == header_size) {
      bool empty = true;
      for (std::size_t i = header_size - trailing_empty; i < header_size; ++i) empty = empty && row.fields[i].empty();
      if (empty) row.fields.resize(header_size - trailing_empty);
    }
    if (!blank && !on_row(row)) return false;
    if (begin >= end) {
      if (eof) break;
      refill();
      if (begin >= end && eof) break;
    }
  }
  return true;
}

std::size_t estimate_csv_rows(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size == 0) return 0;
  try {
    // Rows at the start and at the end of a file often differ in length (ids grow): sample both.
    constexpr std::size_t kSample = 128u << 10;
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buf(std::min<std::size_t>(size, kSample));
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::size_t got = static_cast<std::size_t>(in.gcount());
    auto lines = static_cast<std::size_t>(std::count(buf.begin(), buf.begin() + got, '\n'));
    if (size > 2 * kSample) {
      in.seekg(static_cast<std::streamoff>(size - kSample));
      in.read(buf.data(), static_cast<std::streamsize>(kSample));
      const auto tail = static_cast<std::size_t>(in.gcount());
      lines += static_cast<std::size_t>(std::count(buf.begin(), buf.begin() + tail, '\n'));
      got += tail;
    }
    if (lines == 0) return 1;
    return static_cast<std::size_t>(static_cast<double>(size) / (static_cast<double>(got) / lines) * 1.02) + 16;
  } catch (const IoError&) {
    return 0;
  }
}

}  // namespace chainnet::io
