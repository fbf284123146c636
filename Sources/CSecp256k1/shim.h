#ifndef CSECP256K1_SHIM_H
#define CSECP256K1_SHIM_H
// Debian's libsecp256k1-dev: the core API and the recovery module (recoverable ECDSA,
// Ethereum's v/yParity).
#include <secp256k1.h>
#include <secp256k1_recovery.h>

// The flag macros are expressions Swift does not import; these name the ones we use.
static inline secp256k1_context *csecp256k1_context_create_none(void) {
    return secp256k1_context_create(SECP256K1_CONTEXT_NONE);
}
static inline unsigned int csecp256k1_uncompressed_flag(void) { return SECP256K1_EC_UNCOMPRESSED; }
#endif
