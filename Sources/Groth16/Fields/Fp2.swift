import CFieldKernels

/// The quadratic extension Fp2 = Fp[u] / (u^2 + 1): elements c0 + c1 * u. G2 coordinates live here.
@frozen
public struct Fp2: Field, CustomStringConvertible {
    /// The real part.
    public var c0: Fp
    /// The imaginary part (coefficient of u).
    public var c1: Fp

    @inlinable @inline(__always)
    public init(_ c0: Fp, _ c1: Fp) {
        self.c0 = c0
        self.c1 = c1
    }

    @inlinable public static var zero: Fp2 { Fp2(.zero, .zero) }
    @inlinable public static var one: Fp2 { Fp2(.one, .zero) }
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

    /// ξ = 9 + u, the non-residue that defines Fp6 = Fp2[v] / (v^3 - ξ) and the sextic twist.
    @inlinable public static var xi: Fp2 { Fp2(Fp(9), .one) }

    @inlinable @inline(__always)
    public static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 + b.c0, a.c1 + b.c1) }

    @inlinable @inline(__always)
    public static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 - b.c0, a.c1 - b.c1) }

    @inlinable @inline(__always)
    public static prefix func - (a: Fp2) -> Fp2 { Fp2(-a.c0, -a.c1) }

    /// Karatsuba on unreduced 512-bit products with two Montgomery reductions (`fk_fp2_mul`).
    @inlinable @inline(__always)
    public static func * (a: Fp2, b: Fp2) -> Fp2 {
        let r = fk_fp2_mul(a.c0.limbs, a.c1.limbs, b.c0.limbs, b.c1.limbs, Fp.modulusLimbs, FpParameters.inv)
        return Fp2(Fp(r.c0), Fp(r.c1))
    }

    /// Multiplication by an Fp scalar.
    @inlinable @inline(__always)
    public static func * (a: Fp2, k: Fp) -> Fp2 { Fp2(a.c0 * k, a.c1 * k) }

    /// Complex squaring: 2 Fp multiplications.
    @inlinable @inline(__always)
    public func squared() -> Fp2 {
        let ab = c0 * c1
        return Fp2((c0 + c1) * (c0 - c1), ab.doubled())
    }

    @inlinable @inline(__always)
    public func doubled() -> Fp2 { Fp2(c0.doubled(), c1.doubled()) }

    @inlinable @inline(__always)
    public func halved() -> Fp2 { Fp2(c0.halved(), c1.halved()) }

    /// Multiplication by ξ = 9 + u: (9 c0 - c1) + (9 c1 + c0) u, with additions only.
    @inlinable @inline(__always)
    public func mulByXi() -> Fp2 {
        let t0 = c0.doubled().doubled().doubled() + c0
        let t1 = c1.doubled().doubled().doubled() + c1
        return Fp2(t0 - c1, t1 + c0)
    }

    /// The conjugate c0 - c1 u (the Frobenius map p-th power).
    @inlinable @inline(__always)
    public func conjugate() -> Fp2 { Fp2(c0, -c1) }

    /// The norm c0^2 + c1^2 (in Fp).
    @inlinable
    public var norm: Fp { c0.squared() + c1.squared() }

    public func inverse() -> Fp2? {
        guard let t = norm.inverse() else { return nil }
        return Fp2(c0 * t, -(c1 * t))
    }

    public static func random() -> Fp2 { Fp2(.random(), .random()) }

    /// Batch inversion through the norm: 1/a = conj(a) / N(a) with N(a) = c0^2 + c1^2 in Fp, so
    /// the shared inversion and its prefix products run in Fp: 7 Fp multiplications per element
    /// instead of 3 Fp2 multiplications (9). Zero elements stay zero.
    public static func batchInvert(_ elements: UnsafeMutableBufferPointer<Fp2>, scratch: UnsafeMutableBufferPointer<Fp2>) {
        let n = elements.count
        precondition(scratch.count >= n, "batchInvert: scratch too small")
        scratch.withMemoryRebound(to: Fp.self) { fp in
            let norms = UnsafeMutableBufferPointer(rebasing: fp[0..<n])
            for i in 0..<n { norms[i] = elements[i].norm }
            Fp.batchInvert(norms, scratch: UnsafeMutableBufferPointer(rebasing: fp[n..<(2 * n)]))
            for i in 0..<n {
                let a = elements[i]
                elements[i] = Fp2(a.c0 * norms[i], -(a.c1 * norms[i]))
            }
        }
    }

    /// A square root, or nil if there is none (complex method for p = 3 mod 4). Variable time.
    public func squareRoot() -> Fp2? {
        if c1.isZero {
            if let r = c0.squareRoot() { return Fp2(r, .zero) }
            // c0 is a non-square in Fp, so -c0 is a square (p = 3 mod 4): sqrt(c0) = sqrt(-c0) u.
            guard let r = (-c0).squareRoot() else { return nil }
            return Fp2(.zero, r)
        }
        guard let alpha = norm.squareRoot() else { return nil }
        var delta = (c0 + alpha).halved()
        if delta.legendre() != 1 { delta = (c0 - alpha).halved() }
        guard let x0 = delta.squareRoot(), let inv = x0.doubled().inverse() else { return nil }
        let root = Fp2(x0, c1 * inv)
        return root.squared() == self ? root : nil
    }

    public var description: String { "(\(c0.decimalString) + \(c1.decimalString)u)" }
}
