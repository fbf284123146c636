/// A short Weierstrass curve y^2 = x^3 + b over `Base` (a = 0), with a prime-order subgroup of
/// order r. G1 (over Fp) and G2 (the sextic twist over Fp2) are its two instances.
public protocol CurveParameters: Sendable {
    associatedtype Base: Field
    /// The constant b of y^2 = x^3 + b.
    static var b: Base { get }
    /// The affine generator of the order-r subgroup.
    static var generator: AffinePoint<Self> { get }
    /// A short name for error messages ("G1", "G2").
    static var name: String { get }
    /// Whether an on-curve point lies in the order-r subgroup.
    static func isInPrimeOrderSubgroup(_ point: AffinePoint<Self>) -> Bool
}

/// Why a point could not be decoded or accepted.
public enum CurveError: Error, Equatable, CustomStringConvertible {
    /// The coordinates do not satisfy the curve equation.
    case notOnCurve(group: String)
    /// The point is on the curve but outside the order-r subgroup.
    case notInSubgroup(group: String)
    /// A coordinate is not a canonical field element.
    case invalidCoordinate(group: String, reason: String)
    /// The encoding has the wrong length or shape.
    case malformedEncoding(group: String, reason: String)

    public var description: String {
        switch self {
        case let .notOnCurve(g): return "\(g) point is not on the curve"
        case let .notInSubgroup(g): return "\(g) point is not in the prime-order subgroup"
        case let .invalidCoordinate(g, r): return "\(g) coordinate: \(r)"
        case let .malformedEncoding(g, r): return "\(g) encoding: \(r)"
        }
    }
}
