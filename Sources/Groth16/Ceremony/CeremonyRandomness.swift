// Where ceremony secrets come from, exactly as snarkjs derives them, so that a beacon
// contribution can be recomputed by anyone and a proof of knowledge checked by anyone.

enum CeremonyRandomness {
    /// The generator of a participant's contribution: BLAKE2b-512 of 64 bytes from libsodium's
    /// CSPRNG followed by the UTF-8 entropy text, its first 32 bytes as the ChaCha seed (snarkjs
    /// `getRandomRng`). The random bytes and the digest are wiped before returning.
    static func contributionGenerator(entropy: String) -> ChaChaGenerator {
        var random = secureRandomBytes(64)
        let hasher = Blake2b512()
        hasher.update(random)
        hasher.update(Array(entropy.utf8))
        var digest = hasher.finalize()
        let rng = ChaChaGenerator(seedBytes: digest)
        secureZero(&random)
        secureZero(&digest)
        return rng
    }

    /// The generator of a beacon contribution: SHA-256 applied 2^numIterationsExp times to the
    /// beacon value (as snarkjs `rngFromBeaconParams`; the value must be 32 bytes after the
    /// first round, which SHA-256 guarantees), the result read as eight big-endian seed words.
    static func beaconGenerator(beaconHash: [UInt8], numIterationsExp: Int) -> ChaChaGenerator {
        precondition((0...63).contains(numIterationsExp), "numIterationsExp must be in 0...63")
        var hash = beaconHash
        var remaining = UInt64(1) << UInt64(numIterationsExp)
        if remaining > 0 {
            hash = sha256(hash)
            remaining -= 1
        }
        sha256Iterate(&hash, count: remaining)
        return ChaChaGenerator(seedBytes: hash)
    }

    /// snarkjs `hashToG2`: the G2 point drawn from a ChaCha generator seeded with the first 32
    /// bytes of `hash` (big-endian words).
    static func hashToG2(_ hash: [UInt8]) -> G2Affine {
        var rng = ChaChaGenerator(seedBytes: hash)
        return G2Affine.sample(&rng)
    }

    /// snarkjs `getG2sp`: the G2 point a phase-1 proof of knowledge is bound to, derived from
    /// the personalisation byte (0 τ, 1 α, 2 β), the challenge hash and the G1 pair.
    static func phase1G2Point(personalization: UInt8, challenge: [UInt8], g1S: G1Affine, g1SX: G1Affine) -> G2Affine {
        let hasher = Blake2b512()
        hasher.update([personalization])
        hasher.update(challenge)
        hasher.update(g1S.uncompressedBytes)
        hasher.update(g1SX.uncompressedBytes)
        return hashToG2(hasher.finalize())
    }
}
