// The optimal ate Miller loop of BN254 (Vercauteren 2010): f_{6x+2,Q}(P) · ℓ_{T,π(Q)}(P) ·
// ℓ_{T+π(Q),-π²(Q)}(P), with the loop parameter 6x + 2 in non-adjacent form (22 non-zero
// digits out of 66, against 37 ones out of 65 in binary). Subtracting Q where a digit is -1
// differs from the textbook loop by vertical lines, which the final exponentiation removes.
//
// Several pairs share one accumulator: f is squared once per digit and multiplied by every
// pair's line, so a product of k pairings costs one loop of squarings.

enum MillerLoop {
    /// The digits of 6x + 2 in non-adjacent form, most significant first, without the leading 1.
    static let digits: [Int8] = Array(windowedNonAdjacentForm(UInt128(BN254.x) * 6 + 2, width: 2).dropFirst())

    /// The number of lines a prepared point holds: one per digit, one per non-zero digit, and
    /// the two Frobenius-twisted additions at the end.
    static let lineCount = digits.count + digits.filter { $0 != 0 }.count + 2

    /// The product of the Miller functions of the pairs (pairs with an infinity point are
    /// skipped, contributing 1).
    static func evaluate(_ pairs: [(G1Affine, G2Prepared)]) -> Fp12 {
        let active = pairs.filter { !$0.0.isInfinity && !$0.1.isInfinity }
        var f = Fp12.one
        var index = 0
        for (i, digit) in digits.enumerated() {
            if i > 0 { f = f.squared() }
            for (p, q) in active { f = f.mulByLine(q.lines[index], at: p) }
            index += 1
            if digit != 0 {
                for (p, q) in active { f = f.mulByLine(q.lines[index], at: p) }
                index += 1
            }
        }
        for _ in 0..<2 {
            for (p, q) in active { f = f.mulByLine(q.lines[index], at: p) }
            index += 1
        }
        return f
    }
}
