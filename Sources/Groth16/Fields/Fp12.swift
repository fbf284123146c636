/// The quadratic extension Fp12 = Fp6[w] / (w^2 - v): elements c0 + c1 w. The pairing's
/// target group GT is the order-r subgroup of Fp12*.
///
/// Since w^2 = v and v^3 = ξ, w^6 = ξ: an element is also Σ_{i<6} a_i w^i with a_i in Fp2,
/// where c0 = (a0, a2, a4) and c1 = (a1, a3, a5). The Frobenius maps and the line functions
/// are written in that basis.
@frozen
public struct Fp12: Field, CustomStringConvertible {
    public var c0: Fp6
    public var c1: Fp6

    @inlinable @inline(__always)
    public init(_ c0: Fp6, _ c1: Fp6) {
        self.c0 = c0
        self.c1 = c1
    }

    @inlinable public static var zero: Fp12 { Fp12(.zero, .zero) }
    @inlinable public static var one: Fp12 { Fp12(.one, .zero) }
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }
    @inlinable public var isOne: Bool { self == .one }

    @inlinable @inline(__always)
    public static func + (a: Fp12, b: Fp12) -> Fp12 { Fp12(a.c0 + b.c0, a.c1 + b.c1) }

    @inlinable @inline(__always)
    public static func - (a: Fp12, b: Fp12) -> Fp12 { Fp12(a.c0 - b.c0, a.c1 - b.c1) }

    @inlinable @inline(__always)
    public static prefix func - (a: Fp12) -> Fp12 { Fp12(-a.c0, -a.c1) }

    @inlinable @inline(__always)
    public func doubled() -> Fp12 { Fp12(c0.doubled(), c1.doubled()) }

    /// Karatsuba over the quadratic extension: 3 Fp6 multiplications (18 Fp2 multiplications).
    @inlinable
    public static func * (a: Fp12, b: Fp12) -> Fp12 {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1
        return Fp12(t0 + t1.mulByV(), c1)
    }

    /// Complex squaring: 2 Fp6 multiplications.
    @inlinable
    public func squared() -> Fp12 {
        let t = c0 * c1
        let s = (c0 + c1) * (c0 + c1.mulByV()) - t - t.mulByV()
        return Fp12(s, t.doubled())
    }

    /// The conjugate c0 - c1 w, which is self^(p^6); for elements of the cyclotomic subgroup
    /// (every pairing value) it is the inverse.
    @inlinable @inline(__always)
    public func conjugate() -> Fp12 { Fp12(c0, -c1) }

    /// The inverse (c0 - c1 w) / (c0^2 - v c1^2): one Fp6 inversion. Nil for zero.
    public func inverse() -> Fp12? {
        guard let normInverse = (c0.squared() - c1.squared().mulByV()).inverse() else { return nil }
        return Fp12(c0 * normInverse, -(c1 * normInverse))
    }

    public static func random() -> Fp12 { Fp12(.random(), .random()) }

    public var description: String { "[\(c0), \(c1)]" }
}
