/// A verifying key made ready for many verifications: its points checked once, e(α, β)
/// computed once, and -γ, -δ with their Miller-loop lines precomputed, so a verification is
/// one multi-scalar combination of the inputs and one 3-pair multi-pairing.
public struct PreparedVerifyingKey: Sendable {
    public let key: VerifyingKey
    /// e(α, β) after the final exponentiation.
    public let alphaBeta: Fp12
    let negativeGamma: G2Prepared
    let negativeDelta: G2Prepared

    /// Checks every point of the key (on curve, in the subgroup) and precomputes.
    public init(_ key: VerifyingKey) throws {
        try Self.check(key.alpha1, "alpha")
        try Self.check(key.beta2, "beta")
        try Self.check(key.gamma2, "gamma")
        try Self.check(key.delta2, "delta")
        for (i, p) in key.ic.enumerated() { try Self.check(p, "IC[\(i)]") }
        self.key = key
        alphaBeta = Pairing.pairing(key.alpha1, key.beta2)
        negativeGamma = G2Prepared(-key.gamma2)
        negativeDelta = G2Prepared(-key.delta2)
    }

    static func check<C>(_ p: AffinePoint<C>, _ name: String) throws {
        guard p.isOnCurve else { throw Groth16Error.invalidKeyPoint(element: name, reason: "not on the curve") }
        guard p.isInPrimeOrderSubgroup else { throw Groth16Error.invalidKeyPoint(element: name, reason: "not in the subgroup") }
    }
}
