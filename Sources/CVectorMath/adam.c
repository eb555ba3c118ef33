// Adam's element-wise step and its test for parameters no gradient has reached. Contraction into fused multiply-adds is off, so that every clone
// rounds each operation as the Swift expression of `Adam` does and results do not depend on
// the CPU.
#include "CVectorMath.h"
#include "vector_clones.h"

#include <stdint.h>

#pragma STDC FP_CONTRACT OFF

INFOM_VECTOR_CLONES
void infom_adam_update(float* w, const float* g, float* m, float* v, long n, float beta1, float beta2,
                       float learning_rate, float epsilon, float correction1, float correction2) {
    const float keep1 = 1 - beta1, keep2 = 1 - beta2;
    for (long i = 0; i < n; i++) {
        float mi = beta1 * m[i] + keep1 * g[i];
        float vi = beta2 * v[i] + keep2 * g[i] * g[i];
        m[i] = mi;
        v[i] = vi;
        float m_hat = mi / correction1, v_hat = vi / correction2;
        w[i] -= learning_rate * (m_hat / (__builtin_elementwise_sqrt(v_hat) + epsilon));
    }
}

INFOM_VECTOR_CLONES
int infom_all_zero(const float* x, long n) {
    const uint32_t* bits = (const uint32_t*)x;
    for (long start = 0; start < n; start += 4096) {
        long end = start + 4096 < n ? start + 4096 : n;
        uint32_t any = 0;
        for (long i = start; i < end; i++) any |= bits[i] & 0x7fffffffu;
        if (any) return 0;
    }
    return 1;
}
