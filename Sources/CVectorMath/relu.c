// ReLU and its gradient over runs of values (the graph's relu op on Float, and the rectified
// copies of the direct convolution's padded images).
#include "CVectorMath.h"
#include "vector_clones.h"

INFOM_VECTOR_CLONES
void infom_copy_rectified(float* restrict out, const float* restrict x, long n) {
    for (long i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : 0;
}

INFOM_VECTOR_CLONES
void infom_add_where_positive(float* restrict out, const float* restrict x, const float* restrict mask, long n) {
    for (long i = 0; i < n; i++) out[i] += mask[i] > 0 ? x[i] : 0;
}
