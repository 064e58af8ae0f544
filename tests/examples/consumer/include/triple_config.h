// Found through xrtemu_add_kernel(INCLUDE_DIRS include); TRIPLE_FACTOR comes
// from DEFINITIONS.
#pragma once
constexpr int triple_factor = TRIPLE_FACTOR;
