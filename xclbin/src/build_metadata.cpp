// BUILD_METADATA: a small JSON document in the shape Vitis writes.  Stock
// `xclbinutil --info` takes its kernel, argument and CU report from
// build_metadata.xclbin.user_regions[].kernels[], and its platform block
// from build_metadata.platform, so both are filled in.
#include "detail.h"
#include "ptree_build.h"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <ctime>
#include <sstream>

namespace pt = boost::property_tree;

namespace xrtemu::xclbin::detail {

namespace {

pt::ptree generated_by()
{
  // xclbinutil prints time_stamp verbatim; use the ctime-like form Vitis uses.
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[64];
  std::strftime(stamp, sizeof stamp, "%a %b %e %H:%M:%S %Y", &utc);

  pt::ptree g;
  g.put("name", "xrtemu");
  g.put("version", "0.1.0");
  g.put("cl", "0");
  g.put("time_stamp", stamp);
  g.put("options", "");
  return g;
}

pt::ptree kernel_json(const design& d, const kernel& k)
{
  pt::ptree kj;
  kj.put("name", k.name);

  pt::ptree ports;
  for (auto& p : k.ports) {
    pt::ptree pj;
    pj.put("name", p.name);
    pj.put("mode", p.mode);
    pj.put("range", hex(p.range));
    pj.put("data_width", std::to_string(p.data_width));
    pj.put("port_type", p.port_type);
    pj.put("base", "0x0");
    append(ports, std::move(pj));
  }
  attach(kj, "ports", std::move(ports));

  pt::ptree args;
  for (size_t i = 0; i < k.args.size(); ++i) {
    auto& a = k.args[i];
    pt::ptree aj;
    aj.put("name", a.name);
    aj.put("address_qualifier", std::to_string(a.address_qualifier));
    aj.put("id", std::to_string(i));
    aj.put("port", a.port);
    aj.put("size", hex(a.size));
    aj.put("offset", hex(a.offset));
    aj.put("host_offset", hex(a.host_offset));
    aj.put("host_size", hex(a.host_size));
    aj.put("type", a.type);
    append(args, std::move(aj));
  }
  attach(kj, "arguments", std::move(args));

  pt::ptree insts;
  for (auto& inst : d.instances) {
    if (inst.kernel != k.name)
      continue;
    pt::ptree ij;
    ij.put("name", inst.name);
    append(insts, std::move(ij));
  }
  attach(kj, "instances", std::move(insts));
  return kj;
}

} // namespace

std::string make_build_metadata(const design& d)
{
  pt::ptree platform;
  platform.put("vendor", "xilinx");
  platform.put("board_id", "xrtemu");
  platform.put("name", d.platform_vbnv);
  platform.put("version_major", "1");
  platform.put("version_minor", "0");
  platform.put("description", "xrtemu emulated platform");
  attach(platform, "generated_by", generated_by());
  platform.put("board.name", "xrtemu");
  platform.put("board.vendor", "xilinx");
  platform.put("board.part", "xrtemu-emulated");

  pt::ptree kernels;
  for (auto& k : d.kernels)
    append(kernels, kernel_json(d, k));

  pt::ptree region;
  region.put("name", "OCL_REGION_0");
  region.put("type", "clc_region");
  region.put("instance_path", "");
  region.put("base_address", "");
  attach(region, "kernels", std::move(kernels));
  pt::ptree regions;
  append(regions, std::move(region));

  pt::ptree xclbin;
  attach(xclbin, "generated_by", generated_by());
  attach(xclbin, "user_regions", std::move(regions));

  pt::ptree root;
  attach(root, "build_metadata.platform", std::move(platform));
  attach(root, "build_metadata.xclbin", std::move(xclbin));

  std::ostringstream os;
  pt::write_json(os, root, true);
  return os.str();
}

} // namespace xrtemu::xclbin::detail
