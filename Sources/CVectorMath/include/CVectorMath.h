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

/// Copies the `width` values of `row` into each of `rows` consecutive rows of `out` (a bias).
void infom_broadcast_rows(float* out, const float* row, long rows, long width);

/// sums[j] += Σ_r g[r·width + j] for `rows` rows, each column adding its rows in order (a bias
/// gradient; the same roundings as adding row after row).
void infom_add_row_sums(float* sums, const float* g, long rows, long width);

/// One max-pool output cell over `channels` channels: out[k] = max over the window's cells of
/// x[offsets[cell] + k] (cells with a negative offset are padding and never win; −∞ when no
/// value is larger), winner[k] = the first cell in order that holds it (the first in-image cell
/// when none is larger than −∞). At least one offset must be non-negative.
void infom_max_pool_cell(const float* x, const long* offsets, long cells, long channels, float* out,
                         unsigned char* winner);

/// out[i] = max(x[i], 0) for `n` values (ReLU; −0 and NaN give +0); the buffers must not overlap.
void infom_copy_rectified(float* out, const float* x, long n);

/// out[i] += x[i] where mask[i] > 0 (ReLU's gradient); the buffers must not overlap.
void infom_add_where_positive(float* out, const float* x, const float* mask, long n);

/// Output pixels and features one register block of the direct convolution covers: rows of the
/// padded image must extend `INFOM_CONVOLUTION_PIXELS` − 1 pixels past the last output, and
/// packed kernels hold features in blocks of `INFOM_CONVOLUTION_LANES`.
#define INFOM_CONVOLUTION_PIXELS 8
#define INFOM_CONVOLUTION_LANES 16

/// Copies one [height, width, channels] image into `out` as [padded_height, padded_width,
/// channels] with `top` rows and `left` columns of zeros before it and zeros after it (of
/// max(x, 0) when `rectify`, −0 and NaN giving +0).
void infom_convolution_pad(const float* x, long height, long width, long channels, long top, long left,
                           long padded_height, long padded_width, int rectify, float* out);

/// One image of a stride-1 convolution over a padded image (from `infom_convolution_pad`):
/// s[y, x, f] = Σ_{i, j, c} padded[y + i, x + j, c] · kernel[i, j, c, f], the kernel packed as
/// [kernel_height, kernel_width, channels, blocks · LANES] (features zero-padded). Writes
/// out[y, x, f] = bias[f] + s (bias, padded to the blocks, may be NULL for zeros), or with
/// `accumulate` out += s, or where `mask` (shaped like out) is given, out += s only where
/// mask > 0. `out` is [height, width, features].
void infom_convolution_image(const float* padded, long padded_width, long channels, const float* kernel,
                             long kernel_height, long kernel_width, long blocks, long height, long width,
                             long features, const float* bias, const float* mask, int accumulate, float* out);

/// kernel[i, j, c, f] += Σ_{y, x} padded[y + i, x + j, c] · gradient[y, x, f] for one image, each
/// entry adding its pixels in row-major order; `gradient` is [height, width, blocks · LANES] and
/// `kernel` [kernel_height, kernel_width, channels, blocks · LANES].
void infom_convolution_kernel_gradient(const float* padded, long padded_width, long channels, const float* gradient,
                                       long height, long width, long kernel_height, long kernel_width, long blocks,
                                       float* kernel);

#ifdef __cplusplus
}
#endif

#endif
