// The shell partition file: what xbutil validate reads from a .xsabin (the
// logic UUID in PARTITION_METADATA's device tree) comes back as written, and
// damaged files fail with the file and section named.
#include "xrtemu/xclbin/axlf.h"
#include "xrtemu/xclbin/partition.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace xrtemu::xclbin;

namespace {
std::string tmp_file(const std::string& name, const std::vector<uint8_t>& bytes)
{
  auto path = (std::filesystem::temp_directory_path() / ("xrtemu_partition_" + name)).string();
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
  return path;
}

std::string error_of(const std::string& path)
{
  try {
    read_partition_ids(path);
  }
  catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
} // namespace

TEST_CASE("partition.xsabin carries the shell's UUIDs", "[xclbin][partition]")
{
  partition_ids ids{"0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"};
  auto image = write_partition_xsabin("xilinx_u250_gen3x16_xdma_4_1_202210_1", ids);
  REQUIRE(std::memcmp(image.data(), "xclbin2", 8) == 0);
  auto path = tmp_file("ok.xsabin", image);
  auto back = read_partition_ids(path);
  CHECK(back.logic_uuid == ids.logic_uuid);
  CHECK(back.interface_uuid == ids.interface_uuid);

  // The section is a device tree whose first string property named
  // logic_uuid holds the value, as XRT's flat walk over the tokens finds it.
  auto fdt = section(image.data(), image.size(), 20 /* PARTITION_METADATA */);
  REQUIRE(fdt.size() > 40);
  CHECK(fdt[0] == 0xd0);
  CHECK(fdt[3] == 0xed);
  std::string text(fdt.begin(), fdt.end());
  CHECK(text.find(ids.logic_uuid + '\0') != std::string::npos);
  CHECK(text.find(std::string("logic_uuid") + '\0') != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("damaged partition files name the file and section", "[xclbin][partition]")
{
  auto image = write_partition_xsabin("v", {"0123456789abcdef0123456789abcdef", ""});
  const uint8_t magic[] = {0xd0, 0x0d, 0xfe, 0xed};
  auto at = std::search(image.begin(), image.end(), std::begin(magic), std::end(magic));
  REQUIRE(at != image.end());
  auto broken = image;
  broken[at - image.begin()] = 0;   // device tree magic
  auto path = tmp_file("bad.xsabin", broken);
  CHECK_THAT(error_of(path), Catch::Contains(path) && Catch::Contains("PARTITION_METADATA") &&
                                 Catch::Contains("not a flattened device tree"));
  std::filesystem::remove(path);
  CHECK_THAT(error_of("/nonexistent/partition.xsabin"), Catch::Contains("cannot open"));
}

TEST_CASE("every truncation and every flipped byte of a partition file is read or refused cleanly",
          "[xclbin][partition]")
{
  auto image = write_partition_xsabin("xilinx_u250_gen3x16_xdma_4_1_202210_1",
                                      {"0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"});
  auto outcome = [](const std::vector<uint8_t>& bytes) {
    try {
      parse_partition_ids(bytes.data(), bytes.size(), "damaged.xsabin");
      return std::string("read");
    }
    catch (const format_error& e) {
      return std::string(e.what()).rfind("damaged.xsabin: ", 0) == 0 ? std::string("refused")
                                                                       : std::string("no file name: ") + e.what();
    }
  };
  for (size_t n = 0; n < image.size(); ++n) {
    INFO("truncated to " << n << " bytes");
    auto r = outcome(std::vector<uint8_t>(image.begin(), image.begin() + static_cast<std::ptrdiff_t>(n)));
    CHECK((r == "refused" || r == "read"));
  }
  for (size_t i = 0; i < image.size(); ++i) {
    INFO("byte " << i << " flipped");
    auto bytes = image;
    bytes[i] ^= 0xff;
    auto r = outcome(bytes);
    CHECK((r == "refused" || r == "read"));
  }
}
