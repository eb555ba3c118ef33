// zlib: CRC-32 for ZIP archives.
#include <zlib.h>
