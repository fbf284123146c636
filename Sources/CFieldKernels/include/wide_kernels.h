// Double-width ("lazy reduction") kernels: 256 x 256 -> 512-bit products and a separate
// Montgomery reduction, so sums of products are reduced once instead of once per product.
// Used for Fp2 multiplication (Karatsuba with two reductions instead of three).
//
// Preconditions (checked by the Swift callers, not here): the modulus m is below 2^254, so
// operands up to 2m (unreduced sums of two reduced values) fit in 256 bits and every product
// of two such operands, and every value passed to fk_redc, is below m * 2^256.
#ifndef WIDE_KERNELS_H
#define WIDE_KERNELS_H
#include "field_kernels.h"

typedef struct { uint64_t w0, w1, w2, w3, w4, w5, w6, w7; } fk_wide;

/// The unreduced sum x + y (no carry out: x, y < 2^255).
FK_INLINE fk_limbs fk_add_unreduced(fk_limbs x, fk_limbs y) {
    unsigned long long c0, c1, c2, c3;
    fk_limbs r;
    r.l0 = __builtin_addcll(x.l0, y.l0, 0, &c0);
    r.l1 = __builtin_addcll(x.l1, y.l1, c0, &c1);
    r.l2 = __builtin_addcll(x.l2, y.l2, c1, &c2);
    r.l3 = __builtin_addcll(x.l3, y.l3, c2, &c3);
    return r;
}

/// One row of the schoolbook product: (acc + v * y) with acc four words, result five words.
#define FK_ROW(v, y, a0, a1, a2, a3, out0, out1, out2, out3, out4) do { \
    fk_u128 t_;                                                          \
    t_ = (fk_u128)(v) * (y).l0 + (a0);                          out0 = (uint64_t)t_; \
    t_ = (fk_u128)(v) * (y).l1 + (a1) + (uint64_t)(t_ >> 64);  out1 = (uint64_t)t_; \
    t_ = (fk_u128)(v) * (y).l2 + (a2) + (uint64_t)(t_ >> 64);  out2 = (uint64_t)t_; \
    t_ = (fk_u128)(v) * (y).l3 + (a3) + (uint64_t)(t_ >> 64);  out3 = (uint64_t)t_; \
    out4 = (uint64_t)(t_ >> 64);                                         \
} while (0)

/// The full 512-bit product x * y.
FK_INLINE fk_wide fk_mul_wide(fk_limbs x, fk_limbs y) {
    fk_wide r;
    uint64_t h;
    FK_ROW(x.l0, y, 0, 0, 0, 0, r.w0, r.w1, r.w2, r.w3, r.w4);
    FK_ROW(x.l1, y, r.w1, r.w2, r.w3, r.w4, r.w1, r.w2, r.w3, r.w4, r.w5);
    FK_ROW(x.l2, y, r.w2, r.w3, r.w4, r.w5, r.w2, r.w3, r.w4, r.w5, r.w6);
    FK_ROW(x.l3, y, r.w3, r.w4, r.w5, r.w6, r.w3, r.w4, r.w5, r.w6, h);
    r.w7 = h;
    return r;
}

/// x + y over 512 bits (the caller guarantees no overflow).
FK_INLINE fk_wide fk_wide_add(fk_wide x, fk_wide y) {
    unsigned long long c0, c1, c2, c3, c4, c5, c6, c7;
    fk_wide r;
    r.w0 = __builtin_addcll(x.w0, y.w0, 0, &c0);
    r.w1 = __builtin_addcll(x.w1, y.w1, c0, &c1);
    r.w2 = __builtin_addcll(x.w2, y.w2, c1, &c2);
    r.w3 = __builtin_addcll(x.w3, y.w3, c2, &c3);
    r.w4 = __builtin_addcll(x.w4, y.w4, c3, &c4);
    r.w5 = __builtin_addcll(x.w5, y.w5, c4, &c5);
    r.w6 = __builtin_addcll(x.w6, y.w6, c5, &c6);
    r.w7 = __builtin_addcll(x.w7, y.w7, c6, &c7);
    return r;
}

/// x - y over 512 bits; *borrow is set when x < y (the result then wrapped modulo 2^512).
FK_INLINE fk_wide fk_wide_sub(fk_wide x, fk_wide y, uint64_t *borrow) {
    unsigned long long b0, b1, b2, b3, b4, b5, b6, b7;
    fk_wide r;
    r.w0 = __builtin_subcll(x.w0, y.w0, 0, &b0);
    r.w1 = __builtin_subcll(x.w1, y.w1, b0, &b1);
    r.w2 = __builtin_subcll(x.w2, y.w2, b1, &b2);
    r.w3 = __builtin_subcll(x.w3, y.w3, b2, &b3);
    r.w4 = __builtin_subcll(x.w4, y.w4, b3, &b4);
    r.w5 = __builtin_subcll(x.w5, y.w5, b4, &b5);
    r.w6 = __builtin_subcll(x.w6, y.w6, b5, &b6);
    r.w7 = __builtin_subcll(x.w7, y.w7, b6, &b7);
    *borrow = b7;
    return r;
}

/// x - y mod m * 2^256 for x, y < m * 2^256: adds m to the upper half when the subtraction
/// borrows (branch-free), so the result stays a valid input of fk_redc.
FK_INLINE fk_wide fk_wide_sub_mod(fk_wide x, fk_wide y, fk_limbs m) {
    uint64_t borrow;
    fk_wide r = fk_wide_sub(x, y, &borrow);
    uint64_t mask = 0 - borrow;
    unsigned long long c0, c1, c2, c3;
    r.w4 = __builtin_addcll(r.w4, m.l0 & mask, 0, &c0);
    r.w5 = __builtin_addcll(r.w5, m.l1 & mask, c0, &c1);
    r.w6 = __builtin_addcll(r.w6, m.l2 & mask, c1, &c2);
    r.w7 = __builtin_addcll(r.w7, m.l3 & mask, c2, &c3);
    return r;
}

/// One Montgomery reduction round: adds q * m * 2^(64 i) with q chosen to clear word i.
/// `extra` carries the overflow of the top word touched into the next round.
#define FK_REDC_ROUND(t0, t1, t2, t3, t4, extra) do {                  \
    uint64_t q_ = (t0) * inv;                                            \
    fk_u128 s_;                                                          \
    s_ = (fk_u128)q_ * m.l0 + (t0);                                      \
    s_ = (fk_u128)q_ * m.l1 + (t1) + (uint64_t)(s_ >> 64); (t1) = (uint64_t)s_; \
    s_ = (fk_u128)q_ * m.l2 + (t2) + (uint64_t)(s_ >> 64); (t2) = (uint64_t)s_; \
    s_ = (fk_u128)q_ * m.l3 + (t3) + (uint64_t)(s_ >> 64); (t3) = (uint64_t)s_; \
    s_ = (fk_u128)(t4) + (uint64_t)(s_ >> 64) + (extra);                 \
    (t4) = (uint64_t)s_; (extra) = (uint64_t)(s_ >> 64);                 \
} while (0)

/// Montgomery reduction t / 2^256 mod m of a 512-bit t < m * 2^256, fully reduced (< m).
FK_INLINE fk_limbs fk_redc(fk_wide t, fk_limbs m, uint64_t inv) {
    uint64_t extra = 0;
    FK_REDC_ROUND(t.w0, t.w1, t.w2, t.w3, t.w4, extra);
    FK_REDC_ROUND(t.w1, t.w2, t.w3, t.w4, t.w5, extra);
    FK_REDC_ROUND(t.w2, t.w3, t.w4, t.w5, t.w6, extra);
    FK_REDC_ROUND(t.w3, t.w4, t.w5, t.w6, t.w7, extra);
    // t < m 2^256 gives a result below 2m < 2^256, so the final extra is zero.
    fk_limbs r = { t.w4, t.w5, t.w6, t.w7 };
    return fk_reduce_once(r, m);
}

/// The product of a0 + a1 u and b0 + b1 u in Fp[u] / (u^2 + 1), Montgomery form: Karatsuba on
/// 512-bit products with two reductions, (a0 b0 - a1 b1) and ((a0 + a1)(b0 + b1) - a0 b0 - a1 b1).
typedef struct { fk_limbs c0, c1; } fk_pair;

FK_INLINE fk_pair fk_fp2_mul(fk_limbs a0, fk_limbs a1, fk_limbs b0, fk_limbs b1, fk_limbs m, uint64_t inv) {
    fk_wide t0 = fk_mul_wide(a0, b0);
    fk_wide t1 = fk_mul_wide(a1, b1);
    fk_wide t2 = fk_mul_wide(fk_add_unreduced(a0, a1), fk_add_unreduced(b0, b1));
    uint64_t unused;
    // a0 b1 + a1 b0 = t2 - t0 - t1 >= 0 and < 2 m^2.
    fk_wide im = fk_wide_sub(fk_wide_sub(t2, t0, &unused), t1, &unused);
    fk_wide re = fk_wide_sub_mod(t0, t1, m);
    fk_pair r = { fk_redc(re, m, inv), fk_redc(im, m, inv) };
    return r;
}

/// The square of a0 + a1 u in Fp[u] / (u^2 + 1): ((a0 + a1)(a0 - a1), 2 a0 a1), each factor
/// left unreduced (below 2m) and each product reduced once.
FK_INLINE fk_pair fk_fp2_square(fk_limbs a0, fk_limbs a1, fk_limbs m, uint64_t inv) {
    unsigned long long b0, b1, b2, b3;
    fk_limbs negA1;   /* m - a1, in (0, m] since a1 < m */
    negA1.l0 = __builtin_subcll(m.l0, a1.l0, 0, &b0);
    negA1.l1 = __builtin_subcll(m.l1, a1.l1, b0, &b1);
    negA1.l2 = __builtin_subcll(m.l2, a1.l2, b1, &b2);
    negA1.l3 = __builtin_subcll(m.l3, a1.l3, b2, &b3);
    fk_wide re = fk_mul_wide(fk_add_unreduced(a0, a1), fk_add_unreduced(a0, negA1));
    fk_wide im = fk_mul_wide(fk_add_unreduced(a0, a0), a1);
    fk_pair r = { fk_redc(re, m, inv), fk_redc(im, m, inv) };
    return r;
}

#endif
