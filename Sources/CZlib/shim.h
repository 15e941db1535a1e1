// zlib's C interface (Debian: zlib1g-dev installs it as <zlib.h>): the Datasets target
// unpacks `.gz` files with it.
#include <zlib.h>
