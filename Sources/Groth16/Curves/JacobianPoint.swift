/// A point in Jacobian coordinates (x, y) = (X / Z^2, Y / Z^3); Z = 0 is the point at infinity.
/// The group law uses the complete-case formulas of the Explicit-Formulas Database for a = 0
/// (dbl-2009-l, add-2007-bl, madd-2007-bl) with the exceptional cases handled explicitly.
@frozen
public struct JacobianPoint<C: CurveParameters>: Sendable {
    public var x: C.Base
    public var y: C.Base
    public var z: C.Base

    @inlinable @inline(__always)
    public init(uncheckedX x: C.Base, y: C.Base, z: C.Base) {
        self.x = x
        self.y = y
        self.z = z
    }

    @inlinable public static var infinity: Self { Self(uncheckedX: .one, y: .one, z: .zero) }
    @inlinable public static var generator: Self { C.generator.jacobian }
    @inlinable public var isInfinity: Bool { z.isZero }

    @inlinable
    public static prefix func - (p: Self) -> Self { Self(uncheckedX: p.x, y: -p.y, z: p.z) }

    /// 2 * self (dbl-2009-l: 2M + 5S).
    @inlinable
    public func doubled() -> Self {
        if isInfinity { return self }
        let a = x.squared()
        let b = y.squared()
        let c = b.squared()
        let d = ((x + b).squared() - a - c).doubled()
        let e = a.doubled() + a
        let f = e.squared()
        let x3 = f - d.doubled()
        let c8 = c.doubled().doubled().doubled()
        let y3 = e * (d - x3) - c8
        let z3 = (y * z).doubled()
        return Self(uncheckedX: x3, y: y3, z: z3)
    }

    /// self + q (add-2007-bl: 11M + 5S).
    @inlinable
    public static func + (p: Self, q: Self) -> Self {
        if p.isInfinity { return q }
        if q.isInfinity { return p }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        let u1 = p.x * z2z2
        let u2 = q.x * z1z1
        let s1 = p.y * q.z * z2z2
        let s2 = q.y * p.z * z1z1
        let h = u2 - u1
        let r = (s2 - s1).doubled()
        if h.isZero {
            return r.isZero ? p.doubled() : .infinity
        }
        let i = h.doubled().squared()
        let j = h * i
        let v = u1 * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (s1 * j).doubled()
        let z3 = ((p.z + q.z).squared() - z1z1 - z2z2) * h
        return Self(uncheckedX: x3, y: y3, z: z3)
    }

    /// self + q for an affine q (madd-2007-bl: 7M + 4S).
    @inlinable
    public static func + (p: Self, q: AffinePoint<C>) -> Self {
        if q.isInfinity { return p }
        if p.isInfinity { return q.jacobian }
        let z1z1 = p.z.squared()
        let u2 = q.x * z1z1
        let s2 = q.y * p.z * z1z1
        let h = u2 - p.x
        let r = (s2 - p.y).doubled()
        if h.isZero {
            return r.isZero ? p.doubled() : .infinity
        }
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let v = p.x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (p.y * j).doubled()
        let z3 = (p.z + h).squared() - z1z1 - hh
        return Self(uncheckedX: x3, y: y3, z: z3)
    }

    @inlinable
    public static func - (p: Self, q: Self) -> Self { p + (-q) }

    @inlinable
    public static func += (p: inout Self, q: Self) { p = p + q }

    @inlinable
    public static func += (p: inout Self, q: AffinePoint<C>) { p = p + q }

    /// The affine form (one inversion).
    public var affine: AffinePoint<C> {
        guard let zInv = z.inverse() else { return .infinity }
        let zInv2 = zInv.squared()
        return AffinePoint(uncheckedX: x * zInv2, y: y * zInv2 * zInv)
    }

    /// y^2 = x^3 + b z^6, or infinity.
    public var isOnCurve: Bool {
        if isInfinity { return true }
        let z2 = z.squared()
        let z6 = z2.squared() * z2
        return y.squared() == x.squared() * x + C.b * z6
    }
}

extension JacobianPoint: Equatable {
    /// Equality of the points represented (cross-multiplied, no inversion).
    @inlinable
    public static func == (p: Self, q: Self) -> Bool {
        if p.isInfinity || q.isInfinity { return p.isInfinity && q.isInfinity }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        return p.x * z2z2 == q.x * z1z1 && p.y * z2z2 * q.z == q.y * z1z1 * p.z
    }
}

extension JacobianPoint {
    /// Converts many points to affine with a single field inversion (Montgomery's trick).
    public static func batchNormalize(_ points: [Self]) -> [AffinePoint<C>] {
        var zs = points.map { $0.z }
        C.Base.batchInvert(&zs)
        return zip(points, zs).map { p, zInv in
            if p.isInfinity { return .infinity }
            let zInv2 = zInv.squared()
            return AffinePoint(uncheckedX: p.x * zInv2, y: p.y * zInv2 * zInv)
        }
    }
}
