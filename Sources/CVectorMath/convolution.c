// Direct stride-1 convolution of one NHWC image at a time: the products run over a zero-padded
// copy of the image in registers, 8 output pixels by 16 features, so small channel counts (an
// IMPALA encoder's 16 and 32) reach the FMA units instead of the memory bus that packing an
// im2col patch matrix for a gemm would keep busy.
#include <string.h>

#include "CVectorMath.h"
#include "vector_clones.h"

typedef float v16 __attribute__((vector_size(64)));
typedef int v16i __attribute__((vector_size(64)));

#define PIXELS INFOM_CONVOLUTION_PIXELS
#define LANES INFOM_CONVOLUTION_LANES

// Unaligned loads and stores of 16 floats (macros: a function passing vectors would fix their ABI
// to the baseline clone's).
#define load16(p) ({ v16 loaded_; memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define store16(p, v) do { const v16 stored_ = (v); memcpy((p), &stored_, sizeof stored_); } while (0)

INFOM_VECTOR_CLONES
void infom_convolution_pad(const float* restrict x, long height, long width, long channels, long top, long left,
                           long padded_height, long padded_width, int rectify, float* restrict out) {
    const long row = padded_width * channels, n = width * channels;
    for (long y = 0; y < padded_height; y++) {
        float* restrict target = out + y * row;
        const long source_row = y - top;
        if (source_row < 0 || source_row >= height) {
            memset(target, 0, (size_t)row * sizeof(float));
            continue;
        }
        memset(target, 0, (size_t)(left * channels) * sizeof(float));
        const float* restrict source = x + source_row * n;
        float* restrict inside = target + left * channels;
        if (rectify) {
            infom_copy_rectified(inside, source, n);
        } else {
            memcpy(inside, source, (size_t)n * sizeof(float));
        }
        memset(inside + n, 0, (size_t)(row - left * channels - n) * sizeof(float));
    }
}

// The kernels' bodies are inlined into a switch over the channel and block counts of IMPALA's
// layers, so that there the offsets of the 8 pixels and the kernel's strides are constants.
#define INLINE static inline __attribute__((always_inline))
#define SPECIALISE(call, channels, blocks)                                               \
    do {                                                                                 \
        if ((blocks) == 1 && (channels) == 9) call(9, 1);                               \
        else if ((blocks) == 1 && (channels) == 16) call(16, 1);                        \
        else if ((blocks) == 1 && (channels) == 32) call(32, 1);                        \
        else if ((blocks) == 2 && (channels) == 9) call(9, 2);                          \
        else if ((blocks) == 2 && (channels) == 16) call(16, 2);                        \
        else if ((blocks) == 2 && (channels) == 32) call(32, 2);                        \
        else call(channels, blocks);                                                     \
    } while (0)

// Output pixels [x0, x0 + PIXELS) of one row, for `tiles` (1 or 2) blocks of LANES features at
// once: each broadcast input value feeds one FMA per block.
INLINE void convolution_tile(const float* base, long padded_width, long channels, const float* weights, long stride,
                             long kernel_height, long kernel_width, int tiles, v16 sum[2][PIXELS]) {
    for (int t = 0; t < tiles; t++) {
        for (int p = 0; p < PIXELS; p++) sum[t][p] = (v16){0};
    }
    for (long i = 0; i < kernel_height; i++) {
        for (long j = 0; j < kernel_width; j++) {
            const float* source = base + (i * padded_width + j) * channels;
            const float* w = weights + (i * kernel_width + j) * channels * stride;
            for (long c = 0; c < channels; c++) {
                const v16 w0 = load16(w + c * stride);
                const v16 w1 = tiles > 1 ? load16(w + c * stride + LANES) : w0;
                for (int p = 0; p < PIXELS; p++) {
                    const float x = source[p * channels + c];
                    sum[0][p] += x * w0;
                    if (tiles > 1) sum[1][p] += x * w1;
                }
            }
        }
    }
}

// Writes `pixels` pixels of one block's sums from output element `at` on (see infom_convolution_image).
INLINE void convolution_store(const v16 sum[PIXELS], long pixels, long at, long features, long valid, const float* bias,
                              const float* mask, int accumulate, float* out) {
    const v16 offset = bias ? load16(bias) : (v16){0};
    for (long p = 0; p < pixels; p++, at += features) {
        float* target = out + at;
        v16 value = sum[p];
        if (valid == LANES) {
            if (mask) value = (v16)((v16i)value & (load16(mask + at) > 0));
            store16(target, accumulate ? load16(target) + value : offset + value);
            continue;
        }
        for (long f = 0; f < valid; f++) {
            const float v = mask && !(mask[at + f] > 0) ? 0 : value[f];
            target[f] = accumulate ? target[f] + v : offset[f] + v;
        }
    }
}

INLINE void convolution_image(const float* padded, long padded_width, long channels, const float* kernel,
                              long kernel_height, long kernel_width, long blocks, long height, long width,
                              long features, const float* bias, const float* mask, int accumulate, float* out) {
    const long stride = blocks * LANES;
    for (long block = 0; block < blocks;) {
        const int tiles = blocks - block >= 2 ? 2 : 1;
        for (long y = 0; y < height; y++) {
            for (long x0 = 0; x0 < width; x0 += PIXELS) {
                v16 sum[2][PIXELS];
                const float* base = padded + (y * padded_width + x0) * channels;
                if (tiles == 2) {
                    convolution_tile(base, padded_width, channels, kernel + block * LANES, stride, kernel_height, kernel_width, 2, sum);
                } else {
                    convolution_tile(base, padded_width, channels, kernel + block * LANES, stride, kernel_height, kernel_width, 1, sum);
                }
                const long pixels = width - x0 < PIXELS ? width - x0 : PIXELS;
                for (int t = 0; t < tiles; t++) {
                    const long first = (block + t) * LANES;
                    const long valid = features - first < LANES ? features - first : LANES;
                    convolution_store(sum[t], pixels, (y * width + x0) * features + first, features, valid,
                                      bias ? bias + first : 0, mask, accumulate, out);
                }
            }
        }
        block += tiles;
    }
}

// Kernel-gradient rows c0 .. c0 + rows of one (i, j), for `tiles` (1 or 2) blocks of features.
INLINE void kernel_gradient_rows(const float* padded, long padded_width, long channels, const float* gradient,
                                 long height, long width, long i, long j, long c0, int rows, int tiles, long stride,
                                 float* out) {
    v16 sum[2][PIXELS];
    for (int t = 0; t < tiles; t++) {
        for (int r = 0; r < rows; r++) sum[t][r] = load16(out + (c0 + r) * stride + t * LANES);
    }
    for (long y = 0; y < height; y++) {
        const float* source = padded + ((y + i) * padded_width + j) * channels + c0;
        const float* upstream = gradient + y * width * stride;
        for (long x = 0; x < width; x++) {
            const v16 g0 = load16(upstream + x * stride);
            const v16 g1 = tiles > 1 ? load16(upstream + x * stride + LANES) : g0;
            const float* s = source + x * channels;
            for (int r = 0; r < rows; r++) {
                sum[0][r] += s[r] * g0;
                if (tiles > 1) sum[1][r] += s[r] * g1;
            }
        }
    }
    for (int t = 0; t < tiles; t++) {
        for (int r = 0; r < rows; r++) store16(out + (c0 + r) * stride + t * LANES, sum[t][r]);
    }
}

INLINE void convolution_kernel_gradient(const float* padded, long padded_width, long channels, const float* gradient,
                                        long height, long width, long kernel_height, long kernel_width, long blocks,
                                        float* kernel) {
    const long stride = blocks * LANES;
    for (long block = 0; block < blocks;) {
        const int tiles = blocks - block >= 2 ? 2 : 1;
        for (long i = 0; i < kernel_height; i++) {
            for (long j = 0; j < kernel_width; j++) {
                float* rows = kernel + (i * kernel_width + j) * channels * stride + block * LANES;
                const float* upstream = gradient + block * LANES;
                long c0 = 0;
                for (; c0 + PIXELS <= channels; c0 += PIXELS) {
                    if (tiles == 2) {
                        kernel_gradient_rows(padded, padded_width, channels, upstream, height, width, i, j, c0, PIXELS, 2, stride, rows);
                    } else {
                        kernel_gradient_rows(padded, padded_width, channels, upstream, height, width, i, j, c0, PIXELS, 1, stride, rows);
                    }
                }
                for (; c0 < channels; c0++) {
                    if (tiles == 2) {
                        kernel_gradient_rows(padded, padded_width, channels, upstream, height, width, i, j, c0, 1, 2, stride, rows);
                    } else {
                        kernel_gradient_rows(padded, padded_width, channels, upstream, height, width, i, j, c0, 1, 1, stride, rows);
                    }
                }
            }
        }
        block += tiles;
    }
}

INFOM_VECTOR_CLONES
void infom_convolution_image(const float* padded, long padded_width, long channels, const float* kernel,
                             long kernel_height, long kernel_width, long blocks, long height, long width,
                             long features, const float* bias, const float* mask, int accumulate, float* out) {
#define IMAGE(c, b)                                                                                            \
    convolution_image(padded, padded_width, c, kernel, kernel_height, kernel_width, b, height, width, features, \
                      bias, mask, accumulate, out)
    SPECIALISE(IMAGE, channels, blocks);
#undef IMAGE
}

INFOM_VECTOR_CLONES
void infom_convolution_kernel_gradient(const float* padded, long padded_width, long channels, const float* gradient,
                                       long height, long width, long kernel_height, long kernel_width, long blocks,
                                       float* kernel) {
#define GRADIENT(c, b) \
    convolution_kernel_gradient(padded, padded_width, c, gradient, height, width, kernel_height, kernel_width, b, kernel)
    SPECIALISE(GRADIENT, channels, blocks);
#undef GRADIENT
}
