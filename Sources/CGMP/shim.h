// GMP's public names (mpz_init, mpz_add, ...) are preprocessor macros for __gmpz_* symbols,
// which Swift cannot see. The shims below give Swift one callable name for each function the
// package uses.
#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H
#include <gmp.h>

static inline void cgmp_init(mpz_ptr x) { mpz_init(x); }
static inline void cgmp_clear(mpz_ptr x) { mpz_clear(x); }
static inline void cgmp_set(mpz_ptr r, mpz_srcptr a) { mpz_set(r, a); }
static inline void cgmp_set_ui(mpz_ptr r, unsigned long v) { mpz_set_ui(r, v); }
static inline int cgmp_set_str(mpz_ptr r, const char *s, int base) { return mpz_set_str(r, s, base); }
static inline char *cgmp_get_str(char *buf, int base, mpz_srcptr a) { return mpz_get_str(buf, base, a); }
static inline size_t cgmp_sizeinbase(mpz_srcptr a, int base) { return mpz_sizeinbase(a, base); }
static inline void cgmp_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
static inline void cgmp_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
static inline void cgmp_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
static inline void cgmp_neg(mpz_ptr r, mpz_srcptr a) { mpz_neg(r, a); }
static inline void cgmp_mod(mpz_ptr r, mpz_srcptr a, mpz_srcptr m) { mpz_mod(r, a, m); }
static inline void cgmp_fdiv_q(mpz_ptr q, mpz_srcptr n, mpz_srcptr d) { mpz_fdiv_q(q, n, d); }
static inline void cgmp_fdiv_q_2exp(mpz_ptr q, mpz_srcptr n, mp_bitcnt_t b) { mpz_fdiv_q_2exp(q, n, b); }
static inline void cgmp_mul_2exp(mpz_ptr r, mpz_srcptr a, mp_bitcnt_t b) { mpz_mul_2exp(r, a, b); }
static inline void cgmp_powm(mpz_ptr r, mpz_srcptr b, mpz_srcptr e, mpz_srcptr m) { mpz_powm(r, b, e, m); }
static inline int cgmp_invert(mpz_ptr r, mpz_srcptr a, mpz_srcptr m) { return mpz_invert(r, a, m); }
static inline int cgmp_legendre(mpz_srcptr a, mpz_srcptr p) { return mpz_legendre(a, p); }
static inline int cgmp_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
static inline int cgmp_cmp_ui(mpz_srcptr a, unsigned long b) { return mpz_cmp_ui(a, b); }
static inline int cgmp_sgn(mpz_srcptr a) { return mpz_sgn(a); }
static inline int cgmp_tstbit(mpz_srcptr a, mp_bitcnt_t i) { return mpz_tstbit(a, i); }
static inline size_t cgmp_sizeinbits(mpz_srcptr a) { return mpz_sgn(a) == 0 ? 0 : mpz_sizeinbase(a, 2); }
/// Imports `count` little-endian 64-bit words.
static inline void cgmp_import_u64le(mpz_ptr r, const unsigned long long *words, size_t count) {
    mpz_import(r, count, -1, sizeof(unsigned long long), 0, 0, words);
}
/// Exports the absolute value as little-endian 64-bit words into `words` (capacity `count`),
/// zero-filling the rest. Returns the number of words needed; nothing is written past `count`.
static inline size_t cgmp_export_u64le(unsigned long long *words, size_t count, mpz_srcptr a) {
    size_t needed = (mpz_sizeinbase(a, 2) + 63) / 64;
    if (mpz_sgn(a) == 0) needed = 0;
    for (size_t i = 0; i < count; i++) words[i] = 0;
    if (needed <= count && needed > 0) {
        size_t written = 0;
        mpz_export(words, &written, -1, sizeof(unsigned long long), 0, 0, a);
    }
    return needed;
}
#endif
