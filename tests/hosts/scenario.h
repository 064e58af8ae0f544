// What the scenario hosts share: checks that print the failing condition, an
// expected-error helper, and a main that runs one named scenario per process
// (<program> <scenario> <xclbin dir>) and prints SCENARIO PASSED/FAILED.
#pragma once

#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

namespace scenario {

#define EXPECT(cond)                                                           \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::cout << "EXPECT failed: " #cond " (line " << __LINE__ << ")\n";    \
      throw std::runtime_error("expectation failed");                          \
    }                                                                          \
  } while (0)

// Runs f, which must throw; prints the message so the test can check it.
template <typename F>
void expect_error(const std::string& label, F f)
{
  try {
    f();
  }
  catch (const std::exception& e) {
    std::cout << label << " error: " << e.what() << "\n";
    return;
  }
  std::cout << label << ": no exception\n";
  throw std::runtime_error("no exception for " + label);
}

using table = std::map<std::string, std::function<void()>>;

inline int main(int argc, char** argv, const table& scenarios, std::string& dir)
{
  if (argc < 2 || !scenarios.count(argv[1])) {
    std::cerr << "usage: " << argv[0] << " <scenario> [xclbin dir]\nscenarios:";
    for (auto& [n, f] : scenarios) std::cerr << ' ' << n;
    std::cerr << "\n";
    return 2;
  }
  dir = argc > 2 ? argv[2] : ".";
  try {
    scenarios.at(argv[1])();
    std::cout << "SCENARIO PASSED\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "exception: " << e.what() << "\nSCENARIO FAILED\n";
    return 1;
  }
}

} // namespace scenario
