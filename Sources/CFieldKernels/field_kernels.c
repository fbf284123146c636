// The kernels are header-only (static inline); this file gives SwiftPM a C source to build.
#include "field_kernels.h"
