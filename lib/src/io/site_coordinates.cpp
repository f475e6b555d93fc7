#include <cmath>

#include "chainnet/io/files.hpp"
#include "chainnet/io/json_writer.hpp"
#include "chainnet/model/chain.hpp"

namespace chainnet::io {

void append_site_coordinates(std::string& out, const model::Chain& chain, std::uint32_t site) {
  const double lat = chain.sites().lat[site], lon = chain.sites().lon[site];
  out += ',';
  if (std::isfinite(lat)) out += format_number(lat);
  out += ',';
  if (std::isfinite(lon)) out += format_number(lon);
}

}  // namespace chainnet::io
