// The one table from outcomes to exit codes of the `chainnet` command.
#pragma once

namespace chainnet::cli {

enum ExitCode : int {
  kOk = 0,
  kInternalError = 1,  ///< a bug or an unexpected failure: please report it
  kBadInput = 2,       ///< scenario errors, bad arguments, unreadable or unwritable files
  kOutOfMemory = 3,
};

}  // namespace chainnet::cli
