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

/// r = x - m if x >= m else x (x < 2m).
FK_INLINE fk_limbs fk_reduce_once(fk_limbs x, fk_limbs m) {
    fk_u128 d;
    uint64_t b;
    fk_limbs r;
    d = (fk_u128)x.l0 - m.l0;     r.l0 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    d = (fk_u128)x.l1 - m.l1 - b; r.l1 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    d = (fk_u128)x.l2 - m.l2 - b; r.l2 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    d = (fk_u128)x.l3 - m.l3 - b; r.l3 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    return b ? x : r;
}

/// (x + y) mod m.
FK_INLINE fk_limbs fk_add(fk_limbs x, fk_limbs y, fk_limbs m) {
    fk_u128 s;
    fk_limbs r;
    s = (fk_u128)x.l0 + y.l0;             r.l0 = (uint64_t)s;
    s = (fk_u128)x.l1 + y.l1 + (s >> 64); r.l1 = (uint64_t)s;
    s = (fk_u128)x.l2 + y.l2 + (s >> 64); r.l2 = (uint64_t)s;
    s = (fk_u128)x.l3 + y.l3 + (s >> 64); r.l3 = (uint64_t)s;
    return fk_reduce_once(r, m);
}

/// (x - y) mod m.
FK_INLINE fk_limbs fk_sub(fk_limbs x, fk_limbs y, fk_limbs m) {
    fk_u128 d;
    uint64_t b;
    fk_limbs r;
    d = (fk_u128)x.l0 - y.l0;     r.l0 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    d = (fk_u128)x.l1 - y.l1 - b; r.l1 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    d = (fk_u128)x.l2 - y.l2 - b; r.l2 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    d = (fk_u128)x.l3 - y.l3 - b; r.l3 = (uint64_t)d; b = (uint64_t)(d >> 64) & 1;
    if (b) {
        fk_u128 s;
        s = (fk_u128)r.l0 + m.l0;             r.l0 = (uint64_t)s;
        s = (fk_u128)r.l1 + m.l1 + (s >> 64); r.l1 = (uint64_t)s;
        s = (fk_u128)r.l2 + m.l2 + (s >> 64); r.l2 = (uint64_t)s;
        r.l3 = r.l3 + m.l3 + (uint64_t)(s >> 64);
    }
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

#endif
