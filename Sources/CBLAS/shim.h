// OpenBLAS's C interface (Debian: libopenblas-dev installs it as <cblas.h>): its types and
// names only. The library itself is not linked: Torchlet loads it at run time, after choosing
// its CPU kernel (see OpenBLAS.swift).
#include <cblas.h>
