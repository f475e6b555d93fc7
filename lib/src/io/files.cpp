#include "chainnet/io/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "chainnet/error.hpp"

namespace chainnet::io {
void write_file_atomic(const std::string& path, std::string_view content) {
  AtomicFile f(path);
  f.write(content);
  f.commit();
}

void FileSet::commit() {
  // Write every file to its temporary first; rename only when all are complete. An exception
  // on the way destroys the AtomicFiles, which remove their temporaries.
  std::vector<AtomicFile> files;
  files.reserve(files_.size());
  for (const Entry& e : files_) {
    files.emplace_back(e.path);
    files.back().write(e.content);
    files.back().close();
  }
  for (AtomicFile& f : files) f.commit();
}

std::vector<std::string> FileSet::paths() const {
  std::vector<std::string> out;
  for (const Entry& e : files_) out.push_back(e.path);
  return out;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  std::error_code ec;
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw IoError("cannot create folder '" + target.parent_path().string() + "': " + ec.message());
  }
  tmp_ = path_ + ".tmp-XXXXXX";  // mkstemp's template: it replaces the six X with a unique suffix
  fd_ = ::mkstemp(tmp_.data());
  if (fd_ < 0) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
  ::fchmod(fd_, 0644);
}

AtomicFile::AtomicFile(AtomicFile&& o) noexcept
    : path_(std::move(o.path_)), tmp_(std::move(o.tmp_)), buf_(std::move(o.buf_)), fd_(o.fd_), done_(o.done_) {
  o.fd_ = -1;
  o.done_ = true;
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!done_) ::unlink(tmp_.c_str());
}

void AtomicFile::write_all(std::string_view s) {
  std::size_t done = 0;
  while (done < s.size()) {
    const ssize_t w = ::write(fd_, s.data() + done, s.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
    done += static_cast<std::size_t>(w);
  }
}

void AtomicFile::flush() {
  write_all(buf_);
  buf_.clear();
}

void AtomicFile::write_through(std::string_view s) {
  flush();
  write_all(s);
}

void AtomicFile::close() {
  if (fd_ < 0) return;
  flush();
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
}

void AtomicFile::commit() {
  close();
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
    throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
  done_ = true;
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace chainnet::io
