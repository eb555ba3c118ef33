// One clone per x86-64 level on Linux (resolved once through an ifunc); plain code elsewhere.
#ifndef INFOM_VECTOR_CLONES_H
#define INFOM_VECTOR_CLONES_H

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define INFOM_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define INFOM_VECTOR_CLONES
#endif

#endif
