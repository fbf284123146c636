import TestSupport
@testable import Groth16

/// Seeded random elements of the tower, with edge-biased limbs.
extension SeededGenerator {
    mutating func fp() -> Fp {
        let w = edgyWords()
        return Fp(reducingLimbs: (w[0], w[1], w[2], w[3]))
    }

    mutating func fp2() -> Fp2 { Fp2(fp(), fp()) }
    mutating func fp6() -> Fp6 { Fp6(fp2(), fp2(), fp2()) }
    mutating func fp12() -> Fp12 { Fp12(fp6(), fp6()) }

    mutating func fr() -> Fr { Fr(reducingLimbs: (next(), next(), next(), next())) }
}

/// Little-endian 64-bit words of a non-negative big integer (for `powVartime`).
func exponentWords(_ e: BigInteger) -> [UInt64] {
    e.words(count: max(1, (e.bitWidth + 63) / 64))!
}
