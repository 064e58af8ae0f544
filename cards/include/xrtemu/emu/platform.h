// The card description's former home.  It lives in the cards/ leaf library
// now (xrtemu/cards/platform.h); code written against emu::platform_desc
// keeps compiling through these names.  New code uses cards:: directly.
#pragma once

#include "xrtemu/cards/platform.h"

namespace xrtemu::emu {

using cards::bank_desc;
using cards::bank_kind;
using cards::load_platform;
using cards::parse_bank_kind;
using cards::platform_desc;
using cards::to_string;

} // namespace xrtemu::emu
