/// Groth16 verification, compatible with snarkjs: accepts iff
/// e(A, B) = e(α, β) · e(IC_0 + Σ pub_i·IC_i, γ) · e(C, δ).
public enum Groth16Verifier {
    /// Whether `proof` verifies for `publicSignals` under the prepared key. Throws for a wrong
    /// number of signals or a proof point off its curve or outside its subgroup (malformed);
    /// returns false for a well-formed proof that does not verify.
    public static func verify(_ proof: Proof, publicSignals: [Fr], key: PreparedVerifyingKey) throws -> Bool {
        guard publicSignals.count == key.key.numPublic else {
            throw Groth16Error.publicInputCount(expected: key.key.numPublic, got: publicSignals.count)
        }
        try checkPoint(proof.a, "A")
        try checkPoint(proof.b, "B")
        try checkPoint(proof.c, "C")
        let ic = key.key.ic
        let vkX = ic.count > 1
            ? MSM.multiScalarMultiply(points: Array(ic[1...]), scalars: publicSignals) + ic[0]
            : ic[0].jacobian
        let f = Pairing.millerLoop(prepared: [
            (proof.a, G2Prepared(proof.b)), (vkX.affine, key.negativeGamma), (proof.c, key.negativeDelta),
        ])
        return Pairing.finalExponentiation(f) == key.alphaBeta
    }

    /// Verification with an unprepared key (prepares it first).
    public static func verify(_ proof: Proof, publicSignals: [Fr], key: VerifyingKey) throws -> Bool {
        try verify(proof, publicSignals: publicSignals, key: PreparedVerifyingKey(key))
    }

    static func checkPoint<C>(_ p: AffinePoint<C>, _ name: String) throws {
        guard p.isOnCurve else { throw Groth16Error.invalidProofPoint(element: name, reason: "not on the curve") }
        guard p.isInPrimeOrderSubgroup else { throw Groth16Error.invalidProofPoint(element: name, reason: "not in the subgroup") }
    }
}
