/// The cubic extension Fp6 = Fp2[v] / (v^3 - ξ), ξ = 9 + u: elements c0 + c1 v + c2 v^2.
/// The middle floor of the tower Fp2 ⊂ Fp6 ⊂ Fp12 in which pairing values live.
@frozen
public struct Fp6: Field, CustomStringConvertible {
    public var c0: Fp2
    public var c1: Fp2
    public var c2: Fp2

    @inlinable @inline(__always)
    public init(_ c0: Fp2, _ c1: Fp2, _ c2: Fp2) {
        self.c0 = c0
        self.c1 = c1
        self.c2 = c2
    }

    @inlinable public static var zero: Fp6 { Fp6(.zero, .zero, .zero) }
    @inlinable public static var one: Fp6 { Fp6(.one, .zero, .zero) }
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }

    @inlinable @inline(__always)
    public static func + (a: Fp6, b: Fp6) -> Fp6 { Fp6(a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2) }

    @inlinable @inline(__always)
    public static func - (a: Fp6, b: Fp6) -> Fp6 { Fp6(a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2) }

    @inlinable @inline(__always)
    public static prefix func - (a: Fp6) -> Fp6 { Fp6(-a.c0, -a.c1, -a.c2) }

    @inlinable @inline(__always)
    public func doubled() -> Fp6 { Fp6(c0.doubled(), c1.doubled(), c2.doubled()) }

    /// Karatsuba over the cubic extension: 6 Fp2 multiplications.
    @inlinable
    public static func * (a: Fp6, b: Fp6) -> Fp6 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        let v2 = a.c2 * b.c2
        let c0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - v1 - v2).mulByXi() + v0
        let c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1 + v2.mulByXi()
        let c2 = (a.c0 + a.c2) * (b.c0 + b.c2) - v0 - v2 + v1
        return Fp6(c0, c1, c2)
    }

    /// Multiplication by an Fp2 scalar: 3 Fp2 multiplications.
    @inlinable @inline(__always)
    public static func * (a: Fp6, k: Fp2) -> Fp6 { Fp6(a.c0 * k, a.c1 * k, a.c2 * k) }

    /// Chung–Hasan squaring (CH-SQR2): 2 Fp2 multiplications and 3 Fp2 squarings.
    @inlinable
    public func squared() -> Fp6 {
        let s0 = c0.squared()
        let s1 = (c0 * c1).doubled()
        let s2 = (c0 - c1 + c2).squared()
        let s3 = (c1 * c2).doubled()
        let s4 = c2.squared()
        return Fp6(s3.mulByXi() + s0, s4.mulByXi() + s1, s1 + s2 + s3 - s0 - s4)
    }

    /// Multiplication by v: (c0, c1, c2) v = (ξ c2, c0, c1), with additions only.
    @inlinable @inline(__always)
    public func mulByV() -> Fp6 { Fp6(c2.mulByXi(), c0, c1) }

    /// The inverse through the norm to Fp2 (one Fp inversion), or nil for zero.
    public func inverse() -> Fp6? {
        let t0 = c0.squared() - (c1 * c2).mulByXi()
        let t1 = c2.squared().mulByXi() - c0 * c1
        let t2 = c1.squared() - c0 * c2
        let norm = c0 * t0 + (c2 * t1 + c1 * t2).mulByXi()
        guard let normInverse = norm.inverse() else { return nil }
        return Fp6(t0 * normInverse, t1 * normInverse, t2 * normInverse)
    }

    public static func random() -> Fp6 { Fp6(.random(), .random(), .random()) }

    public var description: String { "[\(c0), \(c1), \(c2)]" }
}
