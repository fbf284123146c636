/// A point in affine coordinates. The point at infinity is encoded as (0, 0), which is not on
/// either BN254 curve (b != 0), exactly as the EVM precompiles and snarkjs files encode it.
@frozen
public struct AffinePoint<C: CurveParameters>: Equatable, Hashable, Sendable {
    public var x: C.Base
    public var y: C.Base

    /// A point from coordinates that are trusted to be valid (generated here, or already
    /// checked). Nothing is checked: use `init(x:y:)` for anything read from outside.
    @inlinable @inline(__always)
    public init(uncheckedX x: C.Base, y: C.Base) {
        self.x = x
        self.y = y
    }

    /// A point read from outside: checks that it is on the curve and in the order-r subgroup
    /// (or is the point at infinity (0, 0)).
    public init(x: C.Base, y: C.Base) throws {
        self.init(uncheckedX: x, y: y)
        guard isOnCurve else { throw CurveError.notOnCurve(group: C.name) }
        guard isInPrimeOrderSubgroup else { throw CurveError.notInSubgroup(group: C.name) }
    }

    /// The point at infinity.
    @inlinable public static var infinity: Self { Self(uncheckedX: .zero, y: .zero) }

    /// The generator of the order-r subgroup.
    @inlinable public static var generator: Self { C.generator }

    @inlinable public var isInfinity: Bool { x.isZero && y.isZero }

    /// y^2 == x^3 + b, or the point at infinity.
    @inlinable
    public var isOnCurve: Bool {
        isInfinity || y.squared() == x.squared() * x + C.b
    }

    /// Membership of the order-r subgroup (assumes the point is on the curve).
    public var isInPrimeOrderSubgroup: Bool {
        isInfinity || C.isInPrimeOrderSubgroup(self)
    }

    @inlinable
    public static prefix func - (p: Self) -> Self {
        p.isInfinity ? p : Self(uncheckedX: p.x, y: -p.y)
    }

    /// The same point in Jacobian coordinates.
    @inlinable
    public var jacobian: JacobianPoint<C> {
        isInfinity ? .infinity : JacobianPoint(uncheckedX: x, y: y, z: .one)
    }
}
