// The endomorphism ψ = twist ∘ Frobenius ∘ untwist of the sextic twist (Galbraith–Scott).
// With the untwisting (x, y) -> (x w^2, y w^3) into E(Fp12):
//   ψ(x, y) = (conj(x) · ξ^((p-1)/3), conj(y) · ξ^((p-1)/2)),
// the multipliers of w^2 and w^3 in the p-power Frobenius (FrobeniusCoefficients.p1).
// On G2, ψ acts as multiplication by p (mod r). The Miller loop uses it for its last two
// lines, the subgroup check to avoid a multiplication by r.

extension AffinePoint where C == G2Parameters {
    /// ψ(self); infinity maps to infinity.
    public func psi() -> Self {
        if isInfinity { return self }
        let g = FrobeniusCoefficients.p1
        return Self(uncheckedX: x.conjugate() * g.w2, y: y.conjugate() * g.w3)
    }
}

extension JacobianPoint where C == G2Parameters {
    /// ψ(self). In Jacobian coordinates (X / Z^2, Y / Z^3) the map conjugates Z as well.
    public func psi() -> Self {
        let g = FrobeniusCoefficients.p1
        return Self(uncheckedX: x.conjugate() * g.w2, y: y.conjugate() * g.w3, z: z.conjugate())
    }
}
