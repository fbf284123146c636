import TestSupport
@testable import Groth16

/// Seeded random elements of the tower (edge-biased limbs), scalars and twist points.
extension SeededGenerator {
    mutating func fp() -> Fp {
        let w = edgyWords()
        return Fp(reducingLimbs: (w[0], w[1], w[2], w[3]))
    }

    mutating func fp2() -> Fp2 { Fp2(fp(), fp()) }
    mutating func fp6() -> Fp6 { Fp6(fp2(), fp2(), fp2()) }
    mutating func fp12() -> Fp12 { Fp12(fp6(), fp6()) }

    mutating func fr() -> Fr { Fr(reducingLimbs: (next(), next(), next(), next())) }

    /// A random point of the whole twist E'(Fp2) (almost surely outside G2).
    mutating func twistPoint() -> G2Affine {
        while true {
            let x = fp2()
            if let y = (x.squared() * x + G2Parameters.b).squareRoot() {
                return G2Affine(uncheckedX: x, y: y)
            }
        }
    }
}

/// Little-endian 64-bit words of a non-negative big integer (for `powVartime`).
func exponentWords(_ e: BigInteger) -> [UInt64] {
    e.words(count: max(1, (e.bitWidth + 63) / 64))!
}
