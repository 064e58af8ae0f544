// Broken images give format_error naming the file, the section and the fault.
#include "sample_design.h"
#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>
#include <xclbin.h>

#include <cstring>

using namespace xrtemu::xclbin;
using Catch::Matchers::Contains;

namespace {

std::vector<uint8_t> valid_image() { return write(test::sample_design()); }

axlf_section_header* find_header(std::vector<uint8_t>& img, uint32_t kind)
{
  auto* top = reinterpret_cast<axlf*>(img.data());
  for (uint32_t i = 0; i < top->m_header.m_numSections; ++i) {
    auto* h = reinterpret_cast<axlf_section_header*>(
        img.data() + offsetof(axlf, m_sections) + i * sizeof(axlf_section_header));
    if (h->m_sectionKind == kind)
      return h;
  }
  return nullptr;
}

std::string error_of(const std::vector<uint8_t>& img)
{
  try {
    read(img.data(), img.size(), "broken.xclbin");
  }
  catch (const format_error& e) {
    return e.what();
  }
  return "<no error>";
}

} // namespace

TEST_CASE("bad magic", "[xclbin][malformed]")
{
  auto img = valid_image();
  img[0] = 'X';
  auto msg = error_of(img);
  CHECK_THAT(msg, Contains("broken.xclbin") && Contains("magic"));
}

TEST_CASE("shorter than the header", "[xclbin][malformed]")
{
  auto img = valid_image();
  img.resize(100);
  CHECK_THAT(error_of(img), Contains("broken.xclbin") && Contains("truncated"));
}

TEST_CASE("header length beyond the data", "[xclbin][malformed]")
{
  auto img = valid_image();
  img.resize(img.size() - 64);      // file cut, header still claims full length
  CHECK_THAT(error_of(img), Contains("broken.xclbin") && Contains("truncated"));
}

TEST_CASE("section past the end", "[xclbin][malformed]")
{
  auto img = valid_image();
  auto* h = find_header(img, IP_LAYOUT);
  REQUIRE(h);
  h->m_sectionSize = img.size();
  CHECK_THAT(error_of(img), Contains("broken.xclbin") && Contains("IP_LAYOUT") &&
                                Contains("runs past end of file"));

  // A huge offset must not wrap around.
  img = valid_image();
  h = find_header(img, MEM_TOPOLOGY);
  h->m_sectionOffset = ~uint64_t(0) - 4;
  CHECK_THAT(error_of(img), Contains("MEM_TOPOLOGY") && Contains("runs past end of file"));
}

TEST_CASE("absurd section count", "[xclbin][malformed]")
{
  auto img = valid_image();
  reinterpret_cast<axlf*>(img.data())->m_header.m_numSections = 5000;
  CHECK_THAT(error_of(img), Contains("broken.xclbin") && Contains("section header table"));
}

TEST_CASE("missing IP_LAYOUT", "[xclbin][malformed]")
{
  auto img = valid_image();
  find_header(img, IP_LAYOUT)->m_sectionKind = 9999;   // hide it as an unknown kind
  CHECK_THAT(error_of(img), Contains("broken.xclbin") && Contains("missing section IP_LAYOUT"));
}

TEST_CASE("missing MEM_TOPOLOGY and EMBEDDED_METADATA", "[xclbin][malformed]")
{
  auto img = valid_image();
  find_header(img, MEM_TOPOLOGY)->m_sectionKind = 9999;
  find_header(img, ASK_GROUP_TOPOLOGY)->m_sectionKind = 9999;   // else it stands in, as in XRT
  CHECK_THAT(error_of(img), Contains("missing section MEM_TOPOLOGY"));

  img = valid_image();
  find_header(img, EMBEDDED_METADATA)->m_sectionKind = 9999;
  CHECK_THAT(error_of(img), Contains("missing section EMBEDDED_METADATA"));
}

TEST_CASE("IP_LAYOUT count larger than the section", "[xclbin][malformed]")
{
  auto img = valid_image();
  auto* h = find_header(img, IP_LAYOUT);
  int32_t count = 1000;
  std::memcpy(img.data() + h->m_sectionOffset, &count, sizeof count);
  CHECK_THAT(error_of(img), Contains("section IP_LAYOUT") && Contains("1000 entries"));
}

TEST_CASE("malformed XML", "[xclbin][malformed]")
{
  auto img = valid_image();
  auto* h = find_header(img, EMBEDDED_METADATA);
  std::memcpy(img.data() + h->m_sectionOffset, "<pro", 4);   // breaks "<?xml"
  img[h->m_sectionOffset + 10] = '<';
  CHECK_THAT(error_of(img), Contains("section EMBEDDED_METADATA"));
}

TEST_CASE("missing file", "[xclbin][malformed]")
{
  const std::string path = "/nonexistent/dir/none.xclbin";
  try {
    read_file(path);
    FAIL("no error");
  }
  catch (const format_error& e) {
    CHECK_THAT(std::string(e.what()), Contains(path));
  }
}
