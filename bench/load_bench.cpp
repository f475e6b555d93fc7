// Load benchmark: times load_scenario on a (generated) scenario and reports rows per second,
// bytes of peak memory per supply row, and the Chain's own size. Run by bench/run_load.sh.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "chainnet/io/scenario.hpp"
#include "chainnet/model/summary.hpp"

namespace {

std::size_t count_rows(const std::filesystem::path& dir) {
  std::size_t rows = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".csv") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) ++rows;
  }
  return rows;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: load_bench SCENARIO.yaml\n");
    return 2;
  }
  const std::string path = argv[1];
  const std::size_t rows = count_rows(std::filesystem::path(path).parent_path());
  auto t0 = std::chrono::steady_clock::now();
  const auto loaded = chainnet::io::load_scenario(path);
  const double load_s = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  const auto summary = chainnet::model::summarize(loaded.chain);
  const double info_s = seconds_since(t0);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double peak = static_cast<double>(ru.ru_maxrss) * 1024.0;
  const double supplies = loaded.chain.supplies().size();
  std::printf("rows %zu  load %.2f s  (%.2f M rows/s on one core)  summarize %.2f s\n", rows, load_s,
              rows / load_s / 1e6, info_s);
  std::printf("supplies %.0f  peak RSS %.0f MB  = %.0f bytes per supply row;  chain %.0f MB\n",
              supplies, peak / 1e6, peak / supplies, loaded.chain.memory_bytes() / 1e6);
  std::printf("check: sites %u max_tier %u\n", summary.sites, summary.tiers.max_tier);
  const auto& c = loaded.chain;
  std::printf("holdings %u  makes %u  lanes %u  recipe entries %zu\n", c.holdings().size(),
              c.makes().size(), c.lanes().size(), c.makes().recipe.items.size());
  return 0;
}
