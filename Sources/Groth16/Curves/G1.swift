/// G1: y^2 = x^3 + 3 over Fp, generator (1, 2). The whole curve has prime order r (cofactor 1),
/// so every on-curve point is in the subgroup.
public enum G1Parameters: CurveParameters {
    public typealias Base = Fp
    @inlinable public static var b: Fp { Fp(3) }
    @inlinable public static var generator: AffinePoint<G1Parameters> {
        AffinePoint(uncheckedX: Fp(1), y: Fp(2))
    }
    public static var name: String { "G1" }
    /// Cofactor 1: on the curve means in the subgroup.
    public static func isInPrimeOrderSubgroup(_ point: AffinePoint<G1Parameters>) -> Bool { true }
}

public typealias G1Affine = AffinePoint<G1Parameters>
public typealias G1Jacobian = JacobianPoint<G1Parameters>
