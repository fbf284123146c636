/// The constants of the p^k-power Frobenius map on Fp12 = Fp2[w] / (w^6 - ξ), derived from p
/// with GMP and `powVartime` at first use (no pasted tables).
///
/// (a w^i)^(p^k) = a^(p^k) w^(i p^k) = a^(p^k) · ξ^(i (p^k - 1) / 6) · w^i, since w^6 = ξ and
/// p = 1 mod 6. So the map conjugates each Fp2 coefficient (for odd k) and multiplies the
/// coefficient of w^i by γ_i = ξ^(i (p^k - 1) / 6). The same γ_2 and γ_3 of k = 1 give the
/// endomorphism ψ of the twist (untwist, Frobenius, twist).
public struct FrobeniusCoefficients: Sendable {
    /// γ_1 ... γ_5: the multipliers of the coefficients of w^1 ... w^5.
    public let w1, w2, w3, w4, w5: Fp2

    /// The coefficients of the p^power-Frobenius map.
    init(power: Int) {
        let p = Fp.modulus
        var pk = BigInteger(1)
        for _ in 0..<power { pk = pk * p }
        let exponent = (pk - 1) / 6
        precondition((exponent * 6) + 1 == pk, "p^k - 1 must be divisible by 6")
        let gamma = Fp2.xi.powVartime(exponent.words(count: (exponent.bitWidth + 63) / 64)!)
        w1 = gamma
        w2 = gamma.squared()
        w3 = w2 * gamma
        w4 = w2.squared()
        w5 = w4 * gamma
    }

    /// x -> x^p.
    public static let p1 = FrobeniusCoefficients(power: 1)
    /// x -> x^(p^2); its coefficients lie in Fp.
    public static let p2 = FrobeniusCoefficients(power: 2)
    /// x -> x^(p^3).
    public static let p3 = FrobeniusCoefficients(power: 3)
}
