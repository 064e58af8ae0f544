#include "commands.h"

#include <iostream>

namespace po = boost::program_options;

namespace xrtemu::cli {

bool parse_tool_options(const std::vector<std::string>& args, const po::options_description& opts,
                        const std::string& command, const std::string& usage, po::variables_map& vm)
{
  po::positional_options_description pos;
  pos.add("input-file", -1);
  auto parsed = po::command_line_parser(args).options(opts).positional(pos).allow_unregistered().run();
  po::store(parsed, vm);
  if (vm.count("help")) {
    std::cout << usage << opts;
    return false;
  }
  po::notify(vm);
  for (auto& u : po::collect_unrecognized(parsed.options, po::exclude_positional))
    std::cerr << "xrtemu " << command << ": option " << u << " ignored (no effect in the emulator)\n";
  return true;
}

} // namespace xrtemu::cli
