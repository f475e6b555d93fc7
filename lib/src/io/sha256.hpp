// SHA-256 (FIPS 180-4) of a byte string, for run manifests: a scenario's content hash that any
// `sha256sum` reproduces.
#pragma once

#include <string>
#include <string_view>

namespace chainnet::io {

/// Lower-case hex digest of `data`. O(size).
std::string sha256_hex(std::string_view data);

}  // namespace chainnet::io
