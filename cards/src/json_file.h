// Reading one JSON file of the cards library: errors name the file.
#pragma once

#include "xrtemu/cards/platform.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace xrtemu::cards {

// `what` names the file's role in the "cannot read" message.
template <typename Json = nlohmann::json>
Json read_json_file(const std::string& path, const std::string& what)
{
  std::ifstream in(path);
  if (!in)
    throw error(path + ": cannot read " + what);
  try {
    Json j;
    in >> j;
    return j;
  }
  // parse_error, and out_of_range for a number too large for a double
  // (1E400): both are bad files, not program errors (found by fuzz/).
  catch (const nlohmann::json::exception& e) {
    throw error(path + ": not valid JSON: " + e.what());
  }
}

} // namespace xrtemu::cards
