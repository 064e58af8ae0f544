// Exception types coreutil catches by name.  C++ matches exception types by
// their type_info name across shared objects, so declaring classes with the
// same qualified name and base chain as coreutil's lets coreutil's catch
// clauses see what the shim throws.  Layout: only std:: bases plus, for
// no_such_key, one key value (checked in tests/abi).
#pragma once

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>

namespace xrt_core {

// Carries an errno-style code, like the driver's ioctl failures do.
class system_error : public std::system_error
{
public:
  system_error(int ec, const std::error_category& cat, const std::string& msg = "")
    : std::system_error(std::abs(ec), cat, msg) {}
  explicit system_error(int ec, const std::string& msg = "")
    : system_error(ec, std::system_category(), msg) {}
  int get_code() const { return code().value(); }
};

class generic_error : public system_error
{
public:
  explicit generic_error(int ec, const std::string& msg = "")
    : system_error(std::abs(ec), std::generic_category(), msg) {}
};

class error : public generic_error
{
public:
  explicit error(int ec, const std::string& msg = "") : generic_error(ec, msg) {}
  explicit error(const std::string& msg) : generic_error(EINVAL, msg) {}
};

} // namespace xrt_core
