// One output cell of a max-pool: the maximum of each channel over the window and the cell that
// holds it first in row-major window order.
#include "CVectorMath.h"
#include "vector_clones.h"

INFOM_VECTOR_CLONES
void infom_max_pool_cell(const float* x, const long* offsets, long cells, long channels, float* restrict out,
                         unsigned char* restrict winner) {
    long first = 0;
    while (offsets[first] < 0) first++;
    for (long k = 0; k < channels; k++) {
        out[k] = -__builtin_inff();
        winner[k] = (unsigned char)first;
    }
    for (long cell = first; cell < cells; cell++) {
        if (offsets[cell] < 0) continue;
        const float* restrict row = x + offsets[cell];
        const unsigned char index = (unsigned char)cell;
        for (long k = 0; k < channels; k++) {
            const int larger = row[k] > out[k];
            out[k] = larger ? row[k] : out[k];
            winner[k] = larger ? index : winner[k];
        }
    }
}
