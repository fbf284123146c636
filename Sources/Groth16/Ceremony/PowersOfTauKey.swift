/// The secrets of one phase-1 contribution (the toxic waste): τ, α, β.
struct PowersOfTauSecrets {
    var tau: Fr
    var alpha: Fr
    var beta: Fr

    /// Overwrites the secrets with zeros (sodium_memzero).
    mutating func wipe() {
        secureZero(value: &tau)
        secureZero(value: &alpha)
        secureZero(value: &beta)
    }
}

extension KnowledgeProof {
    /// A proof of knowledge of `secret` for a G1 point drawn from `rng` and the G2 point
    /// `g2SP(g1S, g1SX)` derived from it (snarkjs `calculatePubKey`).
    static func create(secret: Fr, rng: inout ChaChaGenerator,
                       g2SP: (G1Affine, G1Affine) -> G2Affine) -> KnowledgeProof {
        let g1S = G1Affine.sample(&rng)
        let g1SX = g1S.multipliedVartime(by: secret)
        let g2SPX = g2SP(g1S, g1SX).multipliedVartime(by: secret)
        return KnowledgeProof(g1S: g1S, g1SX: g1SX, g2SPX: g2SPX)
    }
}

extension PowersOfTauPublicKey {
    /// Draws τ, α, β and their proofs of knowledge from `rng`, in snarkjs's order
    /// (`createPTauKey`), each proof bound to `challenge`.
    static func create(challenge: [UInt8], rng: inout ChaChaGenerator) -> (PowersOfTauSecrets, PowersOfTauPublicKey) {
        let tau = Fr.sample(&rng)
        let alpha = Fr.sample(&rng)
        let beta = Fr.sample(&rng)
        func proof(_ secret: Fr, _ personalization: UInt8) -> KnowledgeProof {
            KnowledgeProof.create(secret: secret, rng: &rng) {
                CeremonyRandomness.phase1G2Point(personalization: personalization, challenge: challenge, g1S: $0, g1SX: $1)
            }
        }
        let key = PowersOfTauPublicKey(tau: proof(tau, 0), alpha: proof(alpha, 1), beta: proof(beta, 2))
        return (PowersOfTauSecrets(tau: tau, alpha: alpha, beta: beta), key)
    }

    /// The nine points in snarkjs's uncompressed encoding (six G1, then three G2), as hashed
    /// into the response.
    var uncompressedBytes: [UInt8] {
        [tau.g1S, tau.g1SX, alpha.g1S, alpha.g1SX, beta.g1S, beta.g1SX].flatMap(\.uncompressedBytes)
            + [tau.g2SPX, alpha.g2SPX, beta.g2SPX].flatMap(\.uncompressedBytes)
    }
}
