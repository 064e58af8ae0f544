// coreutil's xrt.ini reader.  libxrt_coreutil exports these lookups (they
// back xrt_core::config::get_*), so the shim reads the same [Runtime] and
// [Debug] keys users already set, from the same file, with coreutil's own
// search rules (XRT_INI_PATH, then xrt.ini beside the executable / in cwd).
// Keys are "Section.key", e.g. "Runtime.ert_polling".
#pragma once

#include <string>

namespace xrt_core::config::detail {

bool get_bool_value(const char* key, bool default_value);
unsigned int get_uint_value(const char* key, unsigned int default_value);
std::string get_string_value(const char* key, const std::string& default_value);

} // namespace xrt_core::config::detail
