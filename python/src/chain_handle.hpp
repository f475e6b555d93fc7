// The chain object shared by the binding files: a loaded chain and its load warnings.
#pragma once

#include <vector>

#include "chainnet/error.hpp"
#include "chainnet/model/chain.hpp"

namespace chainnet::python {

struct PyChain {
  model::Chain chain;
  std::vector<Diagnostic> warnings;
};

}  // namespace chainnet::python
