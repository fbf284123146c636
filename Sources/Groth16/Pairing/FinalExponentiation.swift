// The final exponentiation f -> f^((p^12 - 1) / r), split as
//   (p^12 - 1) / r = (p^6 - 1) (p^2 + 1) · (p^4 - p^2 + 1) / r.
// Easy part: f^((p^6 - 1)(p^2 + 1)) with one inversion and Frobenius maps; the result lies in
// the cyclotomic subgroup, where inversion is conjugation and squaring is cheaper.
// Hard part: the exponent (p^4 - p^2 + 1) / r = λ0 + λ1 p + λ2 p^2 + λ3 p^3 with
//   λ3 = 1, λ2 = 6x^2 + 1, λ1 = -36x^3 - 18x^2 - 12x + 1, λ0 = -36x^3 - 30x^2 - 18x - 2,
// evaluated from f^x, f^(x^2), f^(x^3) by the vectorial addition chain of Scott, Benger,
// Charlemagne, Dominguez Perez, Kachisa (2009), "On the final exponentiation for calculating
// pairings on ordinary elliptic curves". The result is the standard reduced pairing value (the
// same as py_ecc's and the EVM's), not a power of it.

enum FinalExponentiation {
    /// The digits of x in width-4 non-adjacent form, most significant first: 14 non-zero digits
    /// in {±1, ±3, ±5, ±7} (against 24 in the plain NAF), so f^x costs 63 squarings and 16
    /// multiplications (one squaring and 3 multiplications for the table of odd powers).
    static let xDigits: [Int8] = windowedNonAdjacentForm(BN254.x, width: 4)

    /// f, f^3, f^5, f^7 for f in the cyclotomic subgroup; negative digits read the conjugates.
    struct OddPowers {
        let p1, p3, p5, p7: Fp12

        init(_ f: Fp12) {
            let f2 = f.cyclotomicSquared()
            p1 = f
            p3 = f * f2
            p5 = p3 * f2
            p7 = p5 * f2
        }

        /// f^digit for an odd digit in -7...7.
        func power(_ digit: Int8) -> Fp12 {
            let magnitude: Fp12
            switch abs(digit) {
            case 1: magnitude = p1
            case 3: magnitude = p3
            case 5: magnitude = p5
            default: magnitude = p7
            }
            return digit < 0 ? magnitude.conjugate() : magnitude
        }
    }

    /// f^x for f in the cyclotomic subgroup (cyclotomic squarings; f^-1 is the conjugate).
    static func cyclotomicPowX(_ f: Fp12) -> Fp12 {
        let powers = OddPowers(f)
        var r = powers.power(xDigits[0])
        for digit in xDigits.dropFirst() {
            r = r.cyclotomicSquared()
            if digit != 0 { r = r * powers.power(digit) }
        }
        return r
    }

    /// f^((p^6 - 1)(p^2 + 1)); zero (never a Miller loop value) maps to zero.
    static func easyPart(_ f: Fp12) -> Fp12 {
        guard let inverse = f.inverse() else { return .zero }
        let t = f.conjugate() * inverse          // f^(p^6 - 1)
        return t.frobeniusSquared() * t          // ^(p^2 + 1)
    }

    /// f^((p^4 - p^2 + 1) / r) for f in the cyclotomic subgroup.
    static func hardPart(_ f: Fp12) -> Fp12 {
        let fx = cyclotomicPowX(f)
        let fx2 = cyclotomicPowX(fx)
        let fx3 = cyclotomicPowX(fx2)
        // y0 = f^(p + p^2 + p^3), y1 = f^-1, y2 = f^(x^2 p^2), y3 = f^(-x p),
        // y4 = f^(-x - x^2 p), y5 = f^(-x^2), y6 = f^(-x^3 - x^3 p).
        let y0 = f.frobenius() * f.frobeniusSquared() * f.frobeniusCubed()
        let y1 = f.conjugate()
        let y2 = fx2.frobeniusSquared()
        let y3 = fx.frobenius().conjugate()
        let y4 = (fx * fx2.frobenius()).conjugate()
        let y5 = fx2.conjugate()
        let y6 = (fx3 * fx3.frobenius()).conjugate()
        // y0 · y1^2 · y2^6 · y3^12 · y4^18 · y5^30 · y6^36.
        var t0 = y6.cyclotomicSquared() * y4 * y5
        var t1 = y3 * y5 * t0
        t0 = t0 * y2
        t1 = (t1.cyclotomicSquared() * t0).cyclotomicSquared()
        t0 = t1 * y1
        t1 = t1 * y0
        return t0.cyclotomicSquared() * t1
    }

    /// f^((p^12 - 1) / r).
    static func apply(_ f: Fp12) -> Fp12 { hardPart(easyPart(f)) }
}
