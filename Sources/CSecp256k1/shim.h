#ifndef CSECP256K1_SHIM_H
#define CSECP256K1_SHIM_H
// Debian's libsecp256k1-dev: the core API and the recovery module (recoverable ECDSA,
// Ethereum's v/yParity).
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#endif
