#include "etc/ap_utils.h"
