// The Frobenius maps x -> x^(p^k), k = 1, 2, 3, coefficient by coefficient in the basis
// Σ a_i w^i (see FrobeniusCoefficients). Fp2's own Frobenius is conjugation, trivial for even k.

extension Fp12 {
    /// self^p.
    public func frobenius() -> Fp12 { oddFrobenius(FrobeniusCoefficients.p1) }

    /// self^(p^2). The multipliers are in Fp (2 Fp multiplications per coefficient).
    public func frobeniusSquared() -> Fp12 {
        let g = FrobeniusCoefficients.p2
        return Fp12(
            Fp6(c0.c0, c0.c1 * g.w2.c0, c0.c2 * g.w4.c0),
            Fp6(c1.c0 * g.w1.c0, c1.c1 * g.w3.c0, c1.c2 * g.w5.c0))
    }

    /// self^(p^3).
    public func frobeniusCubed() -> Fp12 { oddFrobenius(FrobeniusCoefficients.p3) }

    /// The p^k-power map for odd k: conjugate every Fp2 coefficient, then scale by γ_i.
    private func oddFrobenius(_ g: FrobeniusCoefficients) -> Fp12 {
        Fp12(
            Fp6(c0.c0.conjugate(), c0.c1.conjugate() * g.w2, c0.c2.conjugate() * g.w4),
            Fp6(c1.c0.conjugate() * g.w1, c1.c1.conjugate() * g.w3, c1.c2.conjugate() * g.w5))
    }
}
