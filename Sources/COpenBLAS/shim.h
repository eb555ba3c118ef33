// OpenBLAS's CBLAS interface (Debian installs cblas.h under /usr/include/x86_64-linux-gnu).
#include <cblas.h>

// The instruction-set extensions of this CPU that OpenBLAS's kernel sets use, as a bit mask:
// 1 AVX, 2 AVX2 and FMA, 4 AVX-512 F, DQ, BW and VL (the SkylakeX kernels' set). 0 off x86-64.
static inline unsigned infom_cpu_instruction_sets(void) {
    unsigned sets = 0;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx")) sets |= 1;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) sets |= 2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")) sets |= 4;
#endif
    return sets;
}

// LAPACK's dgelsd (minimum-norm least squares through the SVD, as numpy's and JAX's lstsq), which
// libopenblas exports with the Fortran calling convention: column-major arrays, every argument by
// pointer. Declared here because Debian's OpenBLAS headers declare only CBLAS.
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b, const int *ldb,
             double *s, const double *rcond, int *rank, double *work, const int *lwork, int *iwork, int *info);
