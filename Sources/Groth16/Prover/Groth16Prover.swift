import Dispatch

/// Seconds spent in each stage of one proof, for logs and metrics.
public struct ProvingTimings: Sendable, Equatable {
    public var witnessEvaluation = 0.0
    public var polynomials = 0.0
    public var msmA = 0.0
    public var msmB = 0.0
    public var msmC = 0.0
    public var total = 0.0

    public init() {}

    /// The stages by name.
    public var stages: [String: Double] {
        ["evaluate": witnessEvaluation, "ntt": polynomials, "msm_a": msmA, "msm_b": msmB, "msm_c": msmC, "total": total]
    }
}

/// The blinding scalars of a proof. Fresh ones come from libsodium's CSPRNG; fixed ones are
/// for reproducible tests only.
public struct ProofRandomness: Sendable {
    public let r: Fr
    public let s: Fr

    public init(r: Fr, s: Fr) {
        self.r = r
        self.s = s
    }

    /// r, s from libsodium's CSPRNG.
    public static func fresh() -> ProofRandomness { ProofRandomness(r: .random(), s: .random()) }
}

/// A Groth16 prover bound to one snarkjs-compatible proving key. The key is checked and laid
/// out once (rows of A and B by constraint, the evaluation domain); each proof then costs
/// three inverse and three coset NTTs and four MSMs (A, B1 and C in G1, B2 in G2), all
/// multithreaded. Proofs verify with the key's snarkjs verification_key.json.
///
/// The quotient is evaluated, as snarkjs does, on the odd points of the 2n-th roots of unity
/// (the coset ω_2n·⟨ω_n⟩), where the vanishing polynomial is the constant -2, which the key's
/// H query absorbs.
public final class Groth16Prover: Sendable {
    public let key: ProvingKey
    let domain: EvaluationDomain
    let aRows: ConstraintRows
    let bRows: ConstraintRows

    public init(key: ProvingKey) throws {
        if let problem = key.shapeProblem { throw Groth16Error.inconsistentKey(problem) }
        let log2n = key.domainSize.trailingZeroBitCount
        guard log2n < Fr.twoAdicity else { throw Groth16Error.inconsistentKey("domain 2^\(log2n) is too large for Fr") }
        self.key = key
        domain = EvaluationDomain(log2Size: log2n, cosetShift: Fr.rootOfUnity(log2Order: log2n + 1))
        aRows = ConstraintRows(key.coefficients, matrix: .a, rows: key.domainSize)
        bRows = ConstraintRows(key.coefficients, matrix: .b, rows: key.domainSize)
    }

    /// The public signals of a witness (wires 1...numPublic), as public.json lists them.
    public func publicSignals(_ witness: Witness) -> [Fr] { Array(witness.values[1...key.numPublic]) }

    /// A proof for `witness`. The witness is not checked against the constraints (the key
    /// does not carry C); a witness that violates one gives a proof that does not verify.
    public func prove(_ witness: Witness, randomness: ProofRandomness = .fresh()) throws -> (proof: Proof, timings: ProvingTimings) {
        let w = witness.values
        guard w.count == key.numVariables else { throw Groth16Error.witnessLength(expected: key.numVariables, got: w.count) }
        guard w[0] == .one else { throw Groth16Error.constantWireNotOne }
        var timings = ProvingTimings()
        let start = DispatchTime.now().uptimeNanoseconds
        var mark = start
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { mark = now }
            return Double(now - mark) / 1e9
        }

        let n = key.domainSize
        var a = [Fr](repeating: .zero, count: n)
        var b = [Fr](repeating: .zero, count: n)
        var c = [Fr](repeating: .zero, count: n)
        w.withUnsafeBufferPointer { wp in
            a.withUnsafeMutableBufferPointer { aRows.evaluate(wp, into: $0) }
            b.withUnsafeMutableBufferPointer { bRows.evaluate(wp, into: $0) }
        }
        // The key stores no C: for a satisfying witness C·w = A·w ∘ B·w on every row.
        Self.combine(a, b, into: &c) { x, y, _ in x * y }
        timings.witnessEvaluation = lap()

        // Coefficients, then values on the odd coset; h = a·b - c there.
        toOddCoset(&a)
        toOddCoset(&b)
        toOddCoset(&c)
        Self.combine(a, b, into: &c) { x, y, z in x * y - z }
        let h = c
        a = []
        b = []
        c = []
        timings.polynomials = lap()

        let r = randomness.r, s = randomness.s
        // [A] = α + Σ w_i A_i + r δ
        let piA = (MSM.multiScalarMultiply(points: key.a, scalars: w) + key.alpha1
            + key.delta1.jacobian.multipliedVartime(by: r))
        timings.msmA = lap()
        // [B]_2 = β + Σ w_i B_i + s δ, and its G1 twin for C.
        let piB2 = MSM.multiScalarMultiply(points: key.b2, scalars: w) + key.beta2
            + key.delta2.jacobian.multipliedVartime(by: s)
        let piB1 = MSM.multiScalarMultiply(points: key.b1, scalars: w) + key.beta1
            + key.delta1.jacobian.multipliedVartime(by: s)
        timings.msmB = lap()
        // [C] = Σ_private w_i C_i + Σ h_j H_j + s[A] + r[B]_1 - rs δ
        let privateWitness = Array(w[(key.numPublic + 1)...])
        let piC = MSM.multiScalarMultiply(points: key.c, scalars: privateWitness)
            + MSM.multiScalarMultiply(points: key.h, scalars: h)
            + piA.multipliedVartime(by: s) + piB1.multipliedVartime(by: r)
            - key.delta1.jacobian.multipliedVartime(by: r * s)
        timings.msmC = lap()
        timings.total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let affine = G1Jacobian.batchNormalize([piA, piC])
        return (Proof(a: affine[0], b: piB2.affine, c: affine[1]), timings)
    }

    /// out[i] = f(x[i], y[i], out[i]) for every i, in parallel.
    @inline(__always)
    private static func combine(_ x: [Fr], _ y: [Fr], into out: inout [Fr], _ f: (Fr, Fr, Fr) -> Fr) {
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                out.withUnsafeMutableBufferPointer { op in
                    let o = SendablePointer(op.baseAddress!)
                    Parallelism.forEachChunk(count: op.count, minimumChunk: 1 << 12) { range in
                        for i in range { o[i] = f(xp[i], yp[i], o[i]) }
                    }
                }
            }
        }
    }

    /// Evaluations on the n-domain -> evaluations on the odd coset of the 2n-domain.
    private func toOddCoset(_ values: inout [Fr]) {
        domain.inverseNTT(&values)
        domain.cosetForwardNTT(&values)
    }
}
