// GELU (tanh form) kernels. Every loop is branch-free and call-free so that it vectorizes at
// the width each clone is compiled for.
#include "CVectorMath.h"
#include "vector_clones.h"

#include <stdint.h>
#include <string.h>

static const float gelu_c = 0.79788456f;  // √(2/π)
static const float gelu_k = 0.044715f;

static inline float clampf(float x, float lo, float hi) {
    float y = x < lo ? lo : x;
    return y > hi ? hi : y;
}

// exp(x) within ~2 ulp on [-87, 88]: x = k·ln2 + r with |r| ≤ ln2/2 (ln2 split in two parts),
// exp(r) by a degree-6 Taylor polynomial, 2^k from the exponent bits. Rounding and 2^k use the
// 1.5·2²³ trick (adding it rounds to an integer in the low mantissa bits).
static inline float fast_exp(float x) {
    const float shifter = 12582912.0f;
    float clamped = clampf(x, -87.0f, 88.0f);
    float shifted = clamped * 1.44269504f + shifter;
    float k = shifted - shifter;
    float r = (clamped - k * 0.69314575f) - k * 1.4286068e-6f;
    float p = 1 + r * (1 + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 + r * (1.0f / 120 + r * (1.0f / 720))))));
    int32_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    int32_t exponent = (int32_t)((uint32_t)(bits - 0x4B400000 + 127) << 23);
    float scale;
    memcpy(&scale, &exponent, sizeof scale);
    return p * scale;
}

// 1 − tanh(x) = 2/(exp(2x) + 1), free of the cancellation of 1 − tanh near saturation; |x| is
// clamped to 15, where it is below float32's resolution of the result.
static inline float one_minus_tanh(float x) {
    return 2 / (fast_exp(2 * clampf(x, -15.0f, 15.0f)) + 1);
}

INFOM_VECTOR_CLONES
void infom_gelu_forward(const float* x, float* y, float* s, long n) {
    for (long i = 0; i < n; i++) {
        float v = x[i];
        float si = one_minus_tanh(gelu_c * (v + gelu_k * v * v * v));
        s[i] = si;
        y[i] = v * (1 - 0.5f * si);
    }
}

// GELU′(x) = (1 − s/2) + (x/2)·(1 − tanh²)·c(1 + 3kx²), with 1 − tanh² = s(2 − s).
INFOM_VECTOR_CLONES
void infom_gelu_backward(const float* x, const float* s, const float* dy, float* dx, long n) {
    for (long i = 0; i < n; i++) {
        float v = x[i], si = s[i];
        dx[i] += dy[i] * ((1 - 0.5f * si) + 0.5f * v * si * (2 - si) * gelu_c * (1 + 3 * gelu_k * v * v));
    }
}

INFOM_VECTOR_CLONES
void infom_gelu_in_place(float* x, long n) {
    for (long i = 0; i < n; i++) {
        float v = x[i];
        x[i] = v * (1 - 0.5f * one_minus_tanh(gelu_c * (v + gelu_k * v * v * v)));
    }
}
