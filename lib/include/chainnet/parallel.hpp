// The one place where the number of worker threads is set.
#pragma once

#include <memory>

namespace chainnet {

/// Limits every parallel algorithm of chainnet to `threads` worker threads while the object
/// lives (0 = all cores). Create one at the entry point (CLI main, a Python call); results never
/// depend on the number chosen.
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Number of worker threads parallel algorithms may use now.
int max_threads();

}  // namespace chainnet
