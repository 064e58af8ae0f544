// The fault spec grammar (docs/faults.md): "kind:key=value:...,kind:..."
// into a list of faults, every mistake reported with where the spec came
// from, the fault's position and text, and what is wrong with it.
#include "fault_injection.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace xrtemu::shim::faults {

namespace {

[[noreturn]] void bad(const std::string& source, size_t n, const std::string& token, const std::string& what)
{
  throw std::invalid_argument(source + ": fault " + std::to_string(n) + " '" + token + "': " + what);
}

// Splits on `sep` outside [...] (bank tags such as HBM[0:31]).
std::vector<std::string> split(const std::string& s, char sep)
{
  std::vector<std::string> out(1);
  int depth = 0;
  for (char c : s) {
    if (c == '[')
      ++depth;
    else if (c == ']' && depth > 0)
      --depth;
    if (c == sep && depth == 0)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

std::string trim(const std::string& s)
{
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
    --e;
  return s.substr(b, e - b);
}

const char* keys_of(kind k)
{
  switch (k) {
  case kind::hang:
  case kind::error: return "cu, kernel, after, count, device";
  case kind::dma: return "dir, bank, after, count, device";
  case kind::ecc: return "bank, ce, ue, addr, device";
  case kind::offline: return "after, device";
  }
  return "";
}

bool takes(kind k, const std::string& key)
{
  std::string list = std::string(", ") + keys_of(k) + ",";
  return list.find(", " + key + ",") != std::string::npos;
}

uint64_t number(const std::string& source, size_t n, const std::string& token, const std::string& key,
                const std::string& v, int base)
{
  char* end = nullptr;
  errno = 0;
  auto x = std::strtoull(v.c_str(), &end, base);
  if (v.empty() || *end || errno || v[0] == '-')
    bad(source, n, token, key + "='" + v + "' is not a number");
  return x;
}

} // namespace

std::vector<fault> parse(const std::string& spec, const std::string& source)
{
  std::vector<fault> out;
  if (trim(spec).empty())
    return out;
  size_t n = 0;
  for (auto& raw : split(spec, ',')) {
    ++n;
    auto token = trim(raw);
    if (token.empty())
      bad(source, n, token, "empty fault (two commas, or one at an end)");
    auto parts = split(token, ':');
    fault f;
    f.text = token;
    auto name = trim(parts[0]);
    if (name == "hang") f.what = kind::hang;
    else if (name == "error") f.what = kind::error;
    else if (name == "dma") f.what = kind::dma;
    else if (name == "ecc") f.what = kind::ecc;
    else if (name == "offline") f.what = kind::offline;
    else
      bad(source, n, token, "unknown fault kind '" + name + "' (expected hang, error, dma, ecc or offline)");
    for (size_t i = 1; i < parts.size(); ++i) {
      auto kv = trim(parts[i]);
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0)
        bad(source, n, token, "'" + kv + "' is not key=value");
      auto key = trim(kv.substr(0, eq)), value = trim(kv.substr(eq + 1));
      if (!takes(f.what, key))
        bad(source, n, token, "unknown key '" + key + "' (" + name + " takes " + keys_of(f.what) + ")");
      if (value.empty())
        bad(source, n, token, "key '" + key + "' has no value");
      if (key == "cu") f.cu = value;
      else if (key == "kernel") f.kernel = value;
      else if (key == "bank") f.bank = value;
      else if (key == "after") f.after = number(source, n, token, key, value, 10);
      else if (key == "device") f.device = static_cast<int>(number(source, n, token, key, value, 10));
      else if (key == "ce") f.ce = number(source, n, token, key, value, 10);
      else if (key == "ue") f.ue = number(source, n, token, key, value, 10);
      else if (key == "addr") f.addr = number(source, n, token, key, value, 0);
      else if (key == "count") {
        if (value == "all")
          f.count = 0;
        else if ((f.count = number(source, n, token, key, value, 10)) == 0)
          bad(source, n, token, "count=0 would never fire (use a number of events, or count=all)");
      }
      else if (key == "dir") {
        if (value == "to_device") f.dir = 1;
        else if (value == "from_device") f.dir = 0;
        else if (value == "any") f.dir = -1;
        else
          bad(source, n, token, "dir='" + value + "' (expected to_device, from_device or any)");
      }
    }
    if (f.what == kind::ecc) {
      if (f.bank.empty())
        bad(source, n, token, "ecc needs bank=<tag>, e.g. bank=DDR[0]");
      if (!f.ce && !f.ue)
        bad(source, n, token, "ecc needs ce=<n> and/or ue=<n> (errors to count)");
    }
    if (f.what == kind::offline)
      f.count = 1;
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace xrtemu::shim::faults
