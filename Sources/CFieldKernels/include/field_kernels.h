// Montgomery arithmetic kernels for 4 x 64-bit limbs on unsigned __int128.
//
// Swift inlines these `static inline` functions; clang emits the add-with-carry chains that
// Swift's overflow-reporting arithmetic does not (measured: 25 ns vs 30.5 ns per Fp multiply,
// see doc/BENCHMARKS.md). The modulus is passed as arguments so one kernel serves Fp and Fr;
// the Swift callers pass compile-time constants, which the optimiser folds in.
//
// Preconditions (checked by the Swift callers' types, not here): inputs are < m, and the top
// limb of the modulus is below 2^62, so the "no-carry" CIOS variant is exact.
#ifndef FIELD_KERNELS_H
#define FIELD_KERNELS_H
#include <stdint.h>

typedef struct { uint64_t l0, l1, l2, l3; } fk_limbs;
typedef unsigned __int128 fk_u128;

#define FK_INLINE static inline __attribute__((always_inline))

/// r = x - m if x >= m else x (x < 2m). Branch-free: a data-dependent branch here is
/// mispredicted about half the time on random field elements, which costs more than the
/// subtraction itself.
FK_INLINE fk_limbs fk_reduce_once(fk_limbs x, fk_limbs m) {
    unsigned long long b0, b1, b2, b3;
    fk_limbs d;
    d.l0 = __builtin_subcll(x.l0, m.l0, 0, &b0);
    d.l1 = __builtin_subcll(x.l1, m.l1, b0, &b1);
    d.l2 = __builtin_subcll(x.l2, m.l2, b1, &b2);
    d.l3 = __builtin_subcll(x.l3, m.l3, b2, &b3);
    uint64_t keep = 0 - (uint64_t)b3;   /* all ones when x < m */
    fk_limbs r = { (x.l0 & keep) | (d.l0 & ~keep), (x.l1 & keep) | (d.l1 & ~keep),
                   (x.l2 & keep) | (d.l2 & ~keep), (x.l3 & keep) | (d.l3 & ~keep) };
    return r;
}

/// (x + y) mod m. With m < 2^255 the sum cannot carry out of 256 bits.
FK_INLINE fk_limbs fk_add(fk_limbs x, fk_limbs y, fk_limbs m) {
    unsigned long long c0, c1, c2, c3;
    fk_limbs r;
    r.l0 = __builtin_addcll(x.l0, y.l0, 0, &c0);
    r.l1 = __builtin_addcll(x.l1, y.l1, c0, &c1);
    r.l2 = __builtin_addcll(x.l2, y.l2, c1, &c2);
    r.l3 = __builtin_addcll(x.l3, y.l3, c2, &c3);
    return fk_reduce_once(r, m);
}

/// (x - y) mod m, branch-free: m is added back under a mask when the subtraction borrows.
FK_INLINE fk_limbs fk_sub(fk_limbs x, fk_limbs y, fk_limbs m) {
    unsigned long long b0, b1, b2, b3, c0, c1, c2, c3;
    fk_limbs d;
    d.l0 = __builtin_subcll(x.l0, y.l0, 0, &b0);
    d.l1 = __builtin_subcll(x.l1, y.l1, b0, &b1);
    d.l2 = __builtin_subcll(x.l2, y.l2, b1, &b2);
    d.l3 = __builtin_subcll(x.l3, y.l3, b2, &b3);
    uint64_t mask = 0 - (uint64_t)b3;
    fk_limbs r;
    r.l0 = __builtin_addcll(d.l0, m.l0 & mask, 0, &c0);
    r.l1 = __builtin_addcll(d.l1, m.l1 & mask, c0, &c1);
    r.l2 = __builtin_addcll(d.l2, m.l2 & mask, c1, &c2);
    r.l3 = __builtin_addcll(d.l3, m.l3 & mask, c2, &c3);
    return r;
}

/// x / 2 mod m for odd m: add m when x is odd (the sum stays below 2^256), then shift right.
FK_INLINE fk_limbs fk_halve(fk_limbs x, fk_limbs m) {
    uint64_t mask = 0 - (x.l0 & 1);
    fk_u128 s;
    s = (fk_u128)x.l0 + (m.l0 & mask);             x.l0 = (uint64_t)s;
    s = (fk_u128)x.l1 + (m.l1 & mask) + (s >> 64); x.l1 = (uint64_t)s;
    s = (fk_u128)x.l2 + (m.l2 & mask) + (s >> 64); x.l2 = (uint64_t)s;
    x.l3 = x.l3 + (m.l3 & mask) + (uint64_t)(s >> 64);
    fk_limbs r = { (x.l0 >> 1) | (x.l1 << 63), (x.l1 >> 1) | (x.l2 << 63), (x.l2 >> 1) | (x.l3 << 63), x.l3 >> 1 };
    return r;
}

/// One CIOS round: t = (t + v * y + q * m) / 2^64 with q chosen so the low word cancels.
FK_INLINE void fk_mont_round(uint64_t v, fk_limbs y, fk_limbs m, uint64_t inv,
                             uint64_t *t0, uint64_t *t1, uint64_t *t2, uint64_t *t3) {
    fk_u128 a = (fk_u128)v * y.l0 + *t0;
    uint64_t q = (uint64_t)a * inv;
    fk_u128 c = (fk_u128)q * m.l0 + (uint64_t)a;
    a = (fk_u128)v * y.l1 + *t1 + (uint64_t)(a >> 64);
    c = (fk_u128)q * m.l1 + (uint64_t)a + (uint64_t)(c >> 64);
    *t0 = (uint64_t)c;
    a = (fk_u128)v * y.l2 + *t2 + (uint64_t)(a >> 64);
    c = (fk_u128)q * m.l2 + (uint64_t)a + (uint64_t)(c >> 64);
    *t1 = (uint64_t)c;
    a = (fk_u128)v * y.l3 + *t3 + (uint64_t)(a >> 64);
    c = (fk_u128)q * m.l3 + (uint64_t)a + (uint64_t)(c >> 64);
    *t2 = (uint64_t)c;
    *t3 = (uint64_t)(a >> 64) + (uint64_t)(c >> 64);
}

/// Montgomery product x * y / 2^256 mod m, with inv = -m^-1 mod 2^64.
FK_INLINE fk_limbs fk_mont_mul(fk_limbs x, fk_limbs y, fk_limbs m, uint64_t inv) {
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    fk_mont_round(x.l0, y, m, inv, &t0, &t1, &t2, &t3);
    fk_mont_round(x.l1, y, m, inv, &t0, &t1, &t2, &t3);
    fk_mont_round(x.l2, y, m, inv, &t0, &t1, &t2, &t3);
    fk_mont_round(x.l3, y, m, inv, &t0, &t1, &t2, &t3);
    fk_limbs r = { t0, t1, t2, t3 };
    return fk_reduce_once(r, m);
}

// The double-width kernels build on the ones above.
#include "wide_kernels.h"

#endif
