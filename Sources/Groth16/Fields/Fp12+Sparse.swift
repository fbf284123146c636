// Multiplication by a line function. A line through points of the twist, evaluated at a G1
// point and mapped into Fp12 by the untwisting (x, y) -> (x w^2, y w^3), has the shape
// l0 + l1 w + l3 w^3 (see Pairing/LineFunction.swift). In the Fp6[w] basis that is
// c0 = (l0, 0, 0) and c1 = (l1, l3, 0).

extension Fp12 {
    /// self * (l0 + l1 w + l3 w^3): 13 Fp2 multiplications instead of 18.
    @inlinable
    public func mulByLine(_ l0: Fp2, _ l1: Fp2, _ l3: Fp2) -> Fp12 {
        let t0 = c0 * l0
        let t1 = c1.mulBy01(l1, l3)
        let r1 = (c0 + c1).mulBy01(l0 + l1, l3) - t0 - t1
        return Fp12(t0 + t1.mulByV(), r1)
    }
}
