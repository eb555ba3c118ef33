// OpenBLAS's CBLAS interface (Debian installs cblas.h under /usr/include/x86_64-linux-gnu).
#include <cblas.h>
#include <string.h>

// The OpenBLAS kernel set to request through OPENBLAS_CORETYPE when OpenBLAS's own CPU detection
// fell back to its generic x86-64 kernels ("Prescott", as on virtual CPUs whose model it does not
// know) on a CPU that has more: "SkylakeX" with AVX-512 F, DQ, BW and VL, "Haswell" with AVX2
// and FMA. NULL when detection found a specific core, or the CPU has neither. The string is static.
static inline const char *infom_openblas_better_core(void) {
    const char *detected = openblas_get_corename();
    if (detected == NULL || strcmp(detected, "Prescott") != 0) return NULL;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")) return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
    return NULL;
}

// LAPACK's dgelsd (minimum-norm least squares through the SVD, as numpy's and JAX's lstsq), which
// libopenblas exports with the Fortran calling convention: column-major arrays, every argument by
// pointer. Declared here because Debian's OpenBLAS headers declare only CBLAS.
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b, const int *ldb,
             double *s, const double *rcond, int *rank, double *work, const int *lwork, int *iwork, int *info);
