/// The multiplicative subgroup {ω^0, ..., ω^(n-1)} of Fr* of size n = 2^k, on which the
/// number-theoretic transform evaluates and interpolates polynomials of degree < n, together
/// with a coset s·{ω^i} for evaluations off the subgroup (where the vanishing polynomial
/// Z(x) = x^n - 1 is a non-zero constant).
///
/// The twiddle factors are computed once per domain; every transform runs in place on
/// `Parallelism.threadCount` threads with no allocation. Build one domain per size and reuse it.
public struct EvaluationDomain: Sendable {
    /// k, with n = 2^k (0...28, the 2-adicity of r - 1).
    public let log2Size: Int
    /// n = 2^k.
    public let size: Int
    /// ω, a primitive n-th root of unity (`Fr.rootOfUnity(log2Order: k)`).
    public let generator: Fr
    /// ω^-1.
    public let generatorInverse: Fr
    /// 1 / n.
    public let sizeInverse: Fr
    /// s, the shift of the coset s·ω^i that the coset transforms evaluate on.
    public let cosetShift: Fr
    /// s^-1.
    public let cosetShiftInverse: Fr
    /// ω^j for j in 0..<n/2: the twiddle factors of the last butterfly stage. A stage of
    /// half-size m uses every (n / 2m)-th entry.
    let twiddles: [Fr]

    /// The domain of size 2^log2Size with coset shift `cosetShift` (default the multiplicative
    /// generator 5, as arkworks and gnark use; snarkjs's prover evaluates on the odd powers of the
    /// 2n-th root of unity instead, i.e. `cosetShift: Fr.rootOfUnity(log2Order: log2Size + 1)`).
    /// The shift must be non-zero; for a quotient by Z it must also lie outside the subgroup.
    public init(log2Size: Int, cosetShift: Fr = Fr.multiplicativeGenerator) {
        precondition(log2Size >= 0 && log2Size <= Fr.twoAdicity,
                     "EvaluationDomain: log2Size \(log2Size) outside 0...\(Fr.twoAdicity)")
        guard let shiftInverse = cosetShift.inverse() else {
            preconditionFailure("EvaluationDomain: the coset shift must be non-zero")
        }
        self.log2Size = log2Size
        size = 1 << log2Size
        generator = Fr.rootOfUnity(log2Order: log2Size)
        generatorInverse = generator.inverse()!
        sizeInverse = Fr(UInt64(size)).inverse()!
        self.cosetShift = cosetShift
        cosetShiftInverse = shiftInverse
        twiddles = Self.powers(of: generator, count: size / 2)
    }

    /// Z(s·ω^i) = s^n - 1, the value of the vanishing polynomial x^n - 1 at every point of the
    /// coset (zero exactly when the shift lies in the subgroup).
    public var vanishingPolynomialOnCoset: Fr {
        cosetShift.powVartime(UInt64(size)) - .one
    }

    /// The subgroup's elements ω^0, ..., ω^(n-1) in transform order (index i holds the point at
    /// which `forwardNTT` evaluates its output i).
    public var elements: [Fr] { Self.powers(of: generator, count: size) }

    /// g^0, ..., g^(count-1), computed in parallel chunks.
    static func powers(of g: Fr, count: Int) -> [Fr] {
        guard count > 0 else { return [] }
        return [Fr](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = SendablePointer(buffer.baseAddress!)
            Parallelism.forEachPiece(count: count, pieceSize: 1 << 14) { range in
                var w = g.powVartime(UInt64(range.lowerBound))
                for j in range {
                    (out.base + j).initialize(to: w)
                    w = w * g
                }
            }
            initialized = count
        }
    }
}
