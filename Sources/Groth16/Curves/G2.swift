/// G2: the sextic D-twist y^2 = x^3 + 3 / (9 + u) over Fp2. The twist has order r * c with a
/// large cofactor c, so points read from outside need a real subgroup check.
public enum G2Parameters: CurveParameters {
    public typealias Base = Fp2

    /// b' = 3 / (9 + u).
    public static let b: Fp2 = Fp2(
        try! Fp(decimal: "19485874751759354771024239261021720505790618469301721065564631296452457478373"),
        try! Fp(decimal: "266929791119991161246907387137283842545076965332900288569378510910307636690"))

    /// The generator of EIP-197.
    public static let generator = AffinePoint<G2Parameters>(
        uncheckedX: Fp2(
            try! Fp(decimal: "10857046999023057135944570762232829481370756359578518086990519993285655852781"),
            try! Fp(decimal: "11559732032986387107991004021392285783925812861821192530917403151452391805634")),
        y: Fp2(
            try! Fp(decimal: "8495653923123431417604973247489272438418190587263600148770280649306958101930"),
            try! Fp(decimal: "4082367875863433681332203403145435568316851327593401208105741076214120093531")))

    public static var name: String { "G2" }

    /// Membership of G2 with one 64-bit scalar multiplication (Dai, Lin, Zhao, Zhou,
    /// "Fast subgroup membership testings for G1, G2 and GT on pairing-friendly curves",
    /// eprint 2022/348, BN case): a point P of the twist is in the order-r subgroup iff
    ///   [x + 1]P + ψ([x]P) + ψ^2([x]P) = ψ^3([2x]P),
    /// valid because the BN254 seed x satisfies x ≠ 4 (mod 13) and x ≠ 92 (mod 97) (checked by
    /// the tests, which also compare with `isInPrimeOrderSubgroupNaive` on points inside and
    /// outside the subgroup).
    public static func isInPrimeOrderSubgroup(_ point: AffinePoint<G2Parameters>) -> Bool {
        let p = point.jacobian
        let xp = p.multipliedVartime(byLimbs: (BN254.x, 0, 0, 0))
        let psiXP = xp.psi()
        let lhs = xp + p + psiXP + psiXP.psi()
        let rhs = xp.doubled().psi().psi().psi()
        return lhs == rhs
    }

    /// The definition: r * P == O (a 254-bit scalar multiplication). The reference for the tests.
    static func isInPrimeOrderSubgroupNaive(_ point: AffinePoint<G2Parameters>) -> Bool {
        point.jacobian.multipliedVartime(byLimbs: (FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3))
            .isInfinity
    }
}

public typealias G2Affine = AffinePoint<G2Parameters>
public typealias G2Jacobian = JacobianPoint<G2Parameters>
