// Squaring in the cyclotomic subgroup {f : f^(p^4 - p^2 + 1) = 1} of Fp12*, where every value
// lies after the easy part of the final exponentiation (Granger–Scott 2010, "Faster squaring in
// the cyclotomic subgroup of sixth degree extensions").
//
// View Fp12 as Fp4[w] / (w^3 - s) with Fp4 = Fp2[s] / (s^2 - ξ), s = w^3:
//   f = A0 + A1 w + A2 w^2,  A0 = a0 + a3 s,  A1 = a1 + a4 s,  A2 = a2 + a5 s
// (a_i the Fp2 coefficient of w^i). For f in the cyclotomic subgroup
//   f^2 = (3 A0^2 - 2 conj A0) + (3 s A2^2 + 2 conj A1) w + (3 A1^2 - 2 conj A2) w^2,
// with conj(a + b s) = a - b s: 3 Fp4 squarings, i.e. 9 Fp2 squarings instead of 12 Fp2
// multiplications.

extension Fp12 {
    /// self^2 for self in the cyclotomic subgroup (any pairing value, and any output of the easy
    /// part of the final exponentiation). Wrong for other elements.
    @inlinable
    public func cyclotomicSquared() -> Fp12 {
        // Fp12 coefficients: a0 = c0.c0, a1 = c1.c0, a2 = c0.c1, a3 = c1.c1, a4 = c0.c2, a5 = c1.c2.
        let (r0, r3) = Self.fp4Squared(c0.c0, c1.c1)  // A0^2
        let (r1, r4) = Self.fp4Squared(c1.c0, c0.c2)  // A1^2
        let (r2, r5) = Self.fp4Squared(c0.c1, c1.c2)  // A2^2
        // 3 x - 2 y = 2 (x - y) + x, and 3 x + 2 y = 2 (x + y) + x.
        let b0 = (r0 - c0.c0).doubled() + r0            // 3 A0^2 - 2 conj A0, real part
        let b3 = (r3 + c1.c1).doubled() + r3            // ... s part
        let s2 = r5.mulByXi()                           // s A2^2 = ξ r5 + r2 s
        let b1 = (s2 + c1.c0).doubled() + s2            // 3 s A2^2 + 2 conj A1, real part
        let b4 = (r2 - c0.c2).doubled() + r2            // ... s part
        let b2 = (r1 - c0.c1).doubled() + r1            // 3 A1^2 - 2 conj A2, real part
        let b5 = (r4 + c1.c2).doubled() + r4            // ... s part
        return Fp12(Fp6(b0, b2, b4), Fp6(b1, b3, b5))
    }

    /// (a + b s)^2 in Fp4 = Fp2[s] / (s^2 - ξ): (a^2 + ξ b^2, 2 a b), with 3 Fp2 squarings.
    @inlinable @inline(__always)
    static func fp4Squared(_ a: Fp2, _ b: Fp2) -> (Fp2, Fp2) {
        let t0 = a.squared()
        let t1 = b.squared()
        return (t1.mulByXi() + t0, (a + b).squared() - t0 - t1)
    }
}
