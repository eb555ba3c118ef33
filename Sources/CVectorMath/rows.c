// Row kernels of affine layers and convolutions: writing a bias into every row of an output and
// adding the rows of a gradient onto a bias gradient.
#include "CVectorMath.h"
#include "vector_clones.h"

INFOM_VECTOR_CLONES
void infom_broadcast_rows(float* out, const float* row, long rows, long width) {
    for (long r = 0; r < rows; r++) {
        float* target = out + r * width;
        for (long j = 0; j < width; j++) target[j] = row[j];
    }
}

// Columns are summed in blocks held in a local array, so that each block's partial sums stay in
// registers; every column still adds its rows one after another in row order.
INFOM_VECTOR_CLONES
void infom_add_row_sums(float* sums, const float* g, long rows, long width) {
    enum { block = 64 };
    float partial[block];
    for (long j0 = 0; j0 < width; j0 += block) {
        long w = width - j0 < block ? width - j0 : block;
        for (long j = 0; j < w; j++) partial[j] = sums[j0 + j];
        for (long r = 0; r < rows; r++) {
            const float* source = g + r * width + j0;
            for (long j = 0; j < w; j++) partial[j] += source[j];
        }
        for (long j = 0; j < w; j++) sums[j0 + j] = partial[j];
    }
}
