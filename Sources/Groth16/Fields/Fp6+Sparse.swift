// Products of an Fp6 element with sparse operands, the building blocks of the multiplication of
// a Miller-loop accumulator by a line function (see Fp12+Sparse.swift).

extension Fp6 {
    /// self * (b0 + b1 v): 5 Fp2 multiplications instead of 6.
    @inlinable
    public func mulBy01(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        let v0 = c0 * b0
        let v1 = c1 * b1
        let r0 = ((c1 + c2) * b1 - v1).mulByXi() + v0
        let r1 = (c0 + c1) * (b0 + b1) - v0 - v1
        let r2 = (c0 + c2) * b0 - v0 + v1
        return Fp6(r0, r1, r2)
    }
}
