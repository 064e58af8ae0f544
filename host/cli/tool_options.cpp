#include "commands.h"

#include <filesystem>
#include <iostream>

namespace po = boost::program_options;

namespace xrtemu::cli {

bool parse_tool_options(const std::vector<std::string>& args, const po::options_description& opts,
                        const std::string& command, const std::string& usage, po::variables_map& vm, bool strict)
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
  for (auto& u : po::collect_unrecognized(parsed.options, po::exclude_positional)) {
    if (strict)
      throw std::runtime_error("unrecognised option '" + u + "' (v++ --help lists the options)");
    std::cerr << "xrtemu " << command << ": option " << u << " ignored (no effect in the emulator)\n";
  }
  return true;
}

std::string temps_dir_for(const std::string& output, const vpp_context& cx)
{
  auto stem = std::filesystem::path(output).filename().string() + ".temps";
  if (!cx.temp_dir.empty())
    return (std::filesystem::path(cx.temp_dir) / stem).string();
  return output + ".temps";
}

} // namespace xrtemu::cli
