// Scalar multiplication with an efficient endomorphism (GLV on G1, GLS on G2): k·P is
// k1·P + k2·φ(P) with |k1|, |k2| about √r, so the doublings are halved. φ acts on the
// order-r subgroup as multiplication by an eigenvalue λ: on G1, φ(x, y) = (β·x, y) with β a
// cube root of unity (λ the matching cube root of unity mod r); on G2, φ = ψ (λ = p mod r).
// The constants and the short lattice basis of {(a, b) : a + b·λ = 0 mod r} are derived once
// with GMP (extended Euclid on r and λ), the pair (β, λ) checked on the generator.
// Variable time: for public scalars (twiddles) and for the ceremony's own secrets, whose
// timing is not observable to anyone who could use it in a local contribution.

/// A curve with an endomorphism that splits scalars.
protocol EndomorphismCurve: CeremonyCurve {
    static func endomorphism(_ p: JacobianPoint<Self>) -> JacobianPoint<Self>
    /// The split constants (computed once).
    static var split: ScalarSplitter { get }
}

/// The lattice basis v1 = (a1, b1), v2 = (a2, b2) with a + b·λ = 0 mod r, a1·b2 - a2·b1 = r.
struct ScalarSplitter: Sendable {
    let a1, b1, a2, b2: BigInteger
    let r: BigInteger

    init(eigenvalue lambda: BigInteger) {
        r = Fr.modulus
        // Extended Euclid on (r, λ): remainders r_i = s_i·r + t_i·λ; stop after the first
        // remainder below √r.
        var (rPrev, rCur) = (r, lambda)
        var (tPrev, tCur) = (BigInteger(0), BigInteger(1))
        let bound = BigInteger(1) << ((Fr.modulus.bitWidth + 1) / 2)
        var last: (BigInteger, BigInteger)?
        var vectors: [(BigInteger, BigInteger)] = []
        while !(rCur == BigInteger(0)) {
            let q = rPrev / rCur
            (rPrev, rCur) = (rCur, rPrev - q * rCur)
            (tPrev, tCur) = (tCur, tPrev - q * tCur)
            if rPrev < bound {
                // (r_i, -t_i) for the first i with r_i < √r, and its neighbours.
                if vectors.isEmpty, let l = last { vectors.append(l) }
                vectors.append((rPrev, -tPrev))
                if vectors.count == 3 { break }
            }
            last = (rPrev, -tPrev)
        }
        // v1 = (r_(l+1), -t_(l+1)); v2 the shorter of (r_l, -t_l) and (r_(l+2), -t_(l+2)).
        let v1 = vectors[1]
        func norm(_ v: (BigInteger, BigInteger)) -> BigInteger { v.0 * v.0 + v.1 * v.1 }
        var v2 = vectors.count > 2 && norm(vectors[2]) < norm(vectors[0]) ? vectors[2] : vectors[0]
        // Orient so the determinant is +r.
        if v1.0 * v2.1 - v2.0 * v1.1 < BigInteger(0) { v2 = (-v2.0, -v2.1) }
        (a1, b1, a2, b2) = (v1.0, v1.1, v2.0, v2.1)
        precondition(a1 * b2 - a2 * b1 == r, "the lattice basis must have determinant r")
    }

    /// k = k1 + k2·λ mod r with small |k1|, |k2|, as (|k|, negative) pairs.
    func split(_ k: Fr) -> (k1: BigInteger, k1Negative: Bool, k2: BigInteger, k2Negative: Bool) {
        let n = k.bigInteger
        // (k, 0) = c1·v1 + c2·v2 over Q: c1 = k·b2/r, c2 = -k·b1/r, rounded.
        let c1 = Self.rounded(n * b2, r), c2 = Self.rounded(-(n * b1), r)
        let k1 = n - c1 * a1 - c2 * a2
        let k2 = -(c1 * b1) - c2 * b2
        let zero = BigInteger(0)
        return (k1 < zero ? -k1 : k1, k1 < zero, k2 < zero ? -k2 : k2, k2 < zero)
    }

    /// round(a/b) for b > 0.
    private static func rounded(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        (a * BigInteger(2) + b) / (b * BigInteger(2))
    }
}

/// A scalar split and recoded once, for many multiplications (a twiddle factor, δ^-1).
struct SplitScalar: Sendable {
    let digits1: [Int8]
    let digits2: [Int8]
    let negate1: Bool
    let negate2: Bool

    init<C: EndomorphismCurve>(_ k: Fr, for _: C.Type) {
        let s = C.split.split(k)
        digits1 = JacobianPoint<C>.wnafDigits(Self.limbs(s.k1), width: 5)
        digits2 = JacobianPoint<C>.wnafDigits(Self.limbs(s.k2), width: 5)
        negate1 = s.k1Negative
        negate2 = s.k2Negative
    }

    private static func limbs(_ v: BigInteger) -> (UInt64, UInt64, UInt64, UInt64) {
        let w = v.words(count: 4)!
        return (w[0], w[1], w[2], w[3])
    }
}

extension JacobianPoint where C: EndomorphismCurve {
    /// k·self for a split scalar: shared doublings over the two half-size wNAF expansions.
    func multiplied(by s: SplitScalar) -> Self {
        if isInfinity { return self }
        let twice = doubled()
        var table = [Self](repeating: self, count: 8)
        for i in 1..<8 { table[i] = table[i - 1] + twice }
        var image = table.map { C.endomorphism($0) }
        if s.negate1 { table = table.map { -$0 } }
        if s.negate2 { image = image.map { -$0 } }
        var acc = Self.infinity
        let length = max(s.digits1.count, s.digits2.count)
        for i in stride(from: length - 1, through: 0, by: -1) {
            acc = acc.doubled()
            if i < s.digits1.count, s.digits1[i] != 0 {
                let d = s.digits1[i]
                acc = d > 0 ? acc + table[Int(d) >> 1] : acc - table[Int(-d) >> 1]
            }
            if i < s.digits2.count, s.digits2[i] != 0 {
                let d = s.digits2[i]
                acc = d > 0 ? acc + image[Int(d) >> 1] : acc - image[Int(-d) >> 1]
            }
        }
        return acc
    }

    /// k·self through the endomorphism split (variable time).
    func multipliedSplit(by k: Fr) -> Self { multiplied(by: SplitScalar(k, for: C.self)) }
}

/// G1's β (a cube root of unity in Fp) and λ, matched on the generator.
private let g1Endomorphism: (beta: Fp, splitter: ScalarSplitter) = {
    let p = Fp.modulus, r = Fr.modulus
    func cubeRoot(_ m: BigInteger) -> BigInteger {
        var g = BigInteger(2)
        while true {
            let c = g.power((m - BigInteger(1)) / BigInteger(3), modulo: m)
            if !(c == BigInteger(1)) { return c }
            g = g + BigInteger(1)
        }
    }
    let beta0 = cubeRoot(p), lambda0 = cubeRoot(r)
    let generator = G1Affine.generator
    for beta in [beta0, (beta0 * beta0).mod(p)] {
        for lambda in [lambda0, (lambda0 * lambda0).mod(r)] {
            let image = G1Affine(uncheckedX: generator.x * Fp(reducing: beta), y: generator.y)
            if generator.multipliedVartime(by: Fr(reducing: lambda)) == image {
                return (Fp(reducing: beta), ScalarSplitter(eigenvalue: lambda))
            }
        }
    }
    preconditionFailure("no matching cube roots of unity for the G1 endomorphism")
}()

private let g2Splitter: ScalarSplitter = {
    let lambda = Fp.modulus.mod(Fr.modulus)
    let g = G2Affine.generator
    precondition(g.psi() == g.multipliedVartime(by: Fr(reducing: lambda)), "psi must act as p on G2")
    return ScalarSplitter(eigenvalue: lambda)
}()

extension G1Parameters: EndomorphismCurve {
    static func endomorphism(_ p: JacobianPoint<G1Parameters>) -> JacobianPoint<G1Parameters> {
        JacobianPoint(uncheckedX: p.x * g1Endomorphism.beta, y: p.y, z: p.z)
    }
    static var split: ScalarSplitter { g1Endomorphism.splitter }
}

extension G2Parameters: EndomorphismCurve {
    static func endomorphism(_ p: JacobianPoint<G2Parameters>) -> JacobianPoint<G2Parameters> { p.psi() }
    static var split: ScalarSplitter { g2Splitter }
}
