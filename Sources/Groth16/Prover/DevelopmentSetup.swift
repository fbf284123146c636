/// Groth16 keys from one party's randomness: **for tests and development only**. Whoever runs
/// this learns the toxic waste (τ, α, β, γ, δ) for a moment and could forge proofs; production
/// keys come from the multi-party ceremony (Ceremony/, `settlement-agent setup`). The keys have
/// snarkjs's layout (including the H query on the odd points of the 2n domain), so the same
/// prover and verifier serve both.
public enum DevelopmentSetup {
    /// Keys for `r1cs` from fresh libsodium randomness.
    public static func insecureKeys(for r1cs: R1CS) -> ProvingKey {
        let toxic = (tau: Fr.random(), alpha: Fr.random(), beta: Fr.random(), gamma: Fr.random(), delta: Fr.random())
        return insecureKeys(for: r1cs, tau: toxic.tau, alpha: toxic.alpha, beta: toxic.beta, gamma: toxic.gamma, delta: toxic.delta)
    }

    /// Keys for `r1cs` from the given toxic waste (reproducible tests).
    public static func insecureKeys(for r1cs: R1CS, tau: Fr, alpha: Fr, beta: Fr, gamma: Fr, delta: Fr) -> ProvingKey {
        let m = r1cs.constraints.count
        let nPublic = r1cs.numPublic
        let nVars = r1cs.numWires
        var log2n = 0
        while (1 << log2n) < m + nPublic + 1 { log2n += 1 }
        let n = 1 << log2n

        let lagrange = lagrangeAt(tau, log2Size: log2n)
        var u = [Fr](repeating: .zero, count: nVars)
        var v = [Fr](repeating: .zero, count: nVars)
        var w = [Fr](repeating: .zero, count: nVars)
        var coefficients: [ProvingKey.Coefficient] = []
        for (i, c) in r1cs.constraints.enumerated() {
            for t in c.a.terms {
                u[t.wire] += t.coefficient * lagrange[i]
                coefficients.append(.init(matrix: .a, constraint: UInt32(i), signal: UInt32(t.wire), value: t.coefficient))
            }
            for t in c.b.terms {
                v[t.wire] += t.coefficient * lagrange[i]
                coefficients.append(.init(matrix: .b, constraint: UInt32(i), signal: UInt32(t.wire), value: t.coefficient))
            }
            for t in c.c.terms { w[t.wire] += t.coefficient * lagrange[i] }
        }
        // The extra rows that keep the public signals' A polynomials independent.
        for j in 0...nPublic {
            u[j] += lagrange[m + j]
            coefficients.append(.init(matrix: .a, constraint: UInt32(m + j), signal: UInt32(j), value: .one))
        }

        let gammaInverse = gamma.inverse()!, deltaInverse = delta.inverse()!
        let combined = (0..<nVars).map { beta * u[$0] + alpha * v[$0] + w[$0] }
        // H_i = L^(2n)_(2i+1)(τ) / δ.
        let wide = lagrangeAt(tau, log2Size: log2n + 1)
        let hScalars = (0..<n).map { wide[2 * $0 + 1] * deltaInverse }

        let g1 = FixedBaseTable(G1Affine.generator)
        let g2 = FixedBaseTable(G2Affine.generator)
        let ic = g1.multiply((0...nPublic).map { combined[$0] * gammaInverse })
        let cQuery = g1.multiply(((nPublic + 1)..<nVars).map { combined[$0] * deltaInverse })
        return ProvingKey(
            numVariables: nVars, numPublic: nPublic, domainSize: n,
            alpha1: g1.multiply(alpha).affine, beta1: g1.multiply(beta).affine, beta2: g2.multiply(beta).affine,
            gamma2: g2.multiply(gamma).affine, delta1: g1.multiply(delta).affine, delta2: g2.multiply(delta).affine,
            ic: ic, coefficients: coefficients, a: g1.multiply(u), b1: g1.multiply(v), b2: g2.multiply(v),
            c: cQuery, h: g1.multiply(hScalars))
    }

    /// L_i(τ) for the 2^k-point domain: (τ^n - 1)/n · ω^i / (τ - ω^i).
    static func lagrangeAt(_ tau: Fr, log2Size k: Int) -> [Fr] {
        let n = 1 << k
        let omega = Fr.rootOfUnity(log2Order: k)
        var powers = [Fr](repeating: .one, count: n)
        for i in 1..<max(n, 1) { powers[i] = powers[i - 1] * omega }
        var denominators = powers.map { tau - $0 }
        Fr.batchInvert(&denominators)
        let zOverN = (tau.powVartime(UInt64(n)) - .one) * Fr(UInt64(n)).inverse()!
        return (0..<n).map { zOverN * powers[$0] * denominators[$0] }
    }
}
