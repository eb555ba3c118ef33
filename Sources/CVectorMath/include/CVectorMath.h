// Float32 elementwise kernels for the learning core's hottest loops, compiled once per x86-64
// instruction-set level (AVX-512, AVX2, baseline) and picked at load time for the CPU at hand.
#ifndef INFOM_CVECTORMATH_H
#define INFOM_CVECTORMATH_H

#ifdef __cplusplus
extern "C" {
#endif

/// y = GELU(x) (tanh form) for `n` values, keeping s = 1 − tanh(u), u = √(2/π)(x + 0.044715x³),
/// in `s` for the backward pass. tanh is accurate to about 1e-7.
void infom_gelu_forward(const float* x, float* y, float* s, long n);

/// dx += dy · GELU′(x) for `n` values, from the `s` that `infom_gelu_forward` kept.
void infom_gelu_backward(const float* x, const float* s, const float* dy, float* dx, long n);

/// x ← GELU(x) (tanh form) for `n` values, keeping nothing for a backward pass.
void infom_gelu_in_place(float* x, long n);

/// One Adam step on `n` parameters w with gradient g and moments m, v (updated in place):
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g·g; w ← w − lr·((m/c1)/(√(v/c2) + ε)), each
/// operation rounded on its own (no fused multiply-add), as `Adam` in Swift computes it.
void infom_adam_update(float* w, const float* g, float* m, float* v, long n, float beta1, float beta2,
                       float learning_rate, float epsilon, float correction1, float correction2);

/// 1 when all `n` values are +0 or −0 (a gradient no loss reached), else 0; NaN is not zero.
int infom_all_zero(const float* x, long n);

#ifdef __cplusplus
}
#endif

#endif
