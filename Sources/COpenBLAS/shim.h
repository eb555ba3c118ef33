// OpenBLAS's CBLAS interface (Debian installs cblas.h under /usr/include/x86_64-linux-gnu).
#include <cblas.h>
