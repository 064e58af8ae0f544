#include "xrtemu/vpp/xo_file.h"

#include <cstring>
#include <fstream>

namespace xrtemu::vpp {

namespace {
constexpr char magic[8] = {'X', 'R', 'T', 'E', 'M', 'U', 'X', 'O'};
constexpr uint32_t version = 1;

template <typename T> void put(std::ostream& o, T v) { o.write(reinterpret_cast<const char*>(&v), sizeof v); }
template <typename T> T get(std::istream& i)
{
  T v{};
  i.read(reinterpret_cast<char*>(&v), sizeof v);
  return v;
}
} // namespace

void write_xo(const xo_file& xo, const std::string& path)
{
  nlohmann::json j = {{"target", xo.target}, {"platform", xo.platform}, {"kernels", xo.kernels},
                      {"objects", nlohmann::json::array()}};
  for (auto& o : xo.objects)
    j["objects"].push_back({{"name", o.name}, {"size", o.bytes.size()}});
  if (!xo.link_flags.empty())
    j["link_flags"] = xo.link_flags;
  if (!xo.sw_emu_objects.empty()) {
    j["sw_emu_objects"] = nlohmann::json::array();
    for (auto& o : xo.sw_emu_objects)
      j["sw_emu_objects"].push_back({{"name", o.name}, {"size", o.bytes.size()}});
  }
  auto text = j.dump(1);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw error(path + ": cannot open for writing");
  out.write(magic, sizeof magic);
  put<uint32_t>(out, version);
  put<uint64_t>(out, text.size());
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  for (auto* set : {&xo.objects, &xo.sw_emu_objects})
    for (auto& o : *set)
      out.write(o.bytes.data(), static_cast<std::streamsize>(o.bytes.size()));
  if (!out.flush())
    throw error(path + ": write failed");
}

xo_file read_xo(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw error(path + ": cannot open");
  char m[sizeof magic];
  in.read(m, sizeof m);
  if (!in || std::memcmp(m, magic, sizeof magic) != 0)
    throw error(path + ": not an xrtemu .xo (made by `xrtemu compile`)");
  if (auto v = get<uint32_t>(in); v != version)
    throw error(path + ": .xo format version " + std::to_string(v) + " is not supported");
  auto len = get<uint64_t>(in);
  std::string text(len, '\0');
  in.read(text.data(), static_cast<std::streamsize>(len));
  if (!in)
    throw error(path + ": truncated .xo header");
  xo_file xo;
  try {
    auto j = nlohmann::json::parse(text);
    xo.target = j.value("target", "hw");
    xo.platform = j.value("platform", "");
    xo.kernels = j.at("kernels").get<std::vector<kernel_desc>>();
    xo.link_flags = j.value("link_flags", std::vector<std::string>{});
    auto objects = [&](const char* key, std::vector<xo_object>& into) {
      if (!j.contains(key))
        return;
      for (auto& jo : j.at(key)) {
        xo_object o;
        o.name = jo.at("name").get<std::string>();
        o.bytes.resize(jo.at("size").get<size_t>());
        in.read(o.bytes.data(), static_cast<std::streamsize>(o.bytes.size()));
        if (!in)
          throw error(path + ": truncated object " + o.name);
        into.push_back(std::move(o));
      }
    };
    if (!j.contains("objects"))
      throw error(path + ": bad .xo header: no objects");
    objects("objects", xo.objects);
    objects("sw_emu_objects", xo.sw_emu_objects);
  }
  catch (const nlohmann::json::exception& e) {
    throw error(path + ": bad .xo header: " + e.what());
  }
  return xo;
}

} // namespace xrtemu::vpp
