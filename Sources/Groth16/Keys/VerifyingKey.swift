/// A Groth16 verifying key: α in G1; β, γ, δ in G2; and the bases IC_0...IC_n of the public
/// inputs (IC_0 for the constant wire). The check is
/// e(A, B) = e(α, β) · e(IC_0 + Σ pub_i · IC_i, γ) · e(C, δ).
public struct VerifyingKey: Equatable, Hashable, Sendable {
    public var alpha1: G1Affine
    public var beta2: G2Affine
    public var gamma2: G2Affine
    public var delta2: G2Affine
    /// IC_0 ... IC_numPublic (snarkjs `IC`).
    public var ic: [G1Affine]

    public init(alpha1: G1Affine, beta2: G2Affine, gamma2: G2Affine, delta2: G2Affine, ic: [G1Affine]) {
        self.alpha1 = alpha1
        self.beta2 = beta2
        self.gamma2 = gamma2
        self.delta2 = delta2
        self.ic = ic
    }

    /// The number of public signals (outputs then inputs) the key expects.
    public var numPublic: Int { ic.count - 1 }
}
