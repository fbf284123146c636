import Testing
import TestSupport
@testable import Groth16

/// The fast G2 membership test (eprint 2022/348) against the definition r * P = O, on points in
/// the subgroup, on random twist points, and on points of the cofactor's torsion.
@Suite struct G2SubgroupCheckTests {
    static let p = Fp.modulus
    static let r = Fr.modulus
    static let x = BigInteger(words: [BN254.x])
    /// The twist has p + 1 - t' = r * h points, h = p - 1 + t with t = 6x^2 + 1.
    static let cofactor = p + 6 * x * x

    static func limbs(_ k: BigInteger) -> (UInt64, UInt64, UInt64, UInt64) {
        let w = k.words(count: 4)!
        return (w[0], w[1], w[2], w[3])
    }

    func expectAgreement(_ point: G2Affine, inSubgroup expected: Bool, _ what: String) {
        #expect(point.isOnCurve, "\(what) is on the twist")
        #expect(G2Parameters.isInPrimeOrderSubgroupNaive(point) == expected, "naive check, \(what)")
        #expect(G2Parameters.isInPrimeOrderSubgroup(point) == expected, "fast check, \(what)")
    }

    @Test func seedSatisfiesTheConditionsOfTheTest() {
        // The BN criterion of eprint 2022/348 holds when x ≠ 4 (mod 13) and x ≠ 92 (mod 97).
        #expect(BN254.x % 13 != 4)
        #expect(BN254.x % 97 != 92)
        // The twist order: r * h annihilates every twist point (checked below), h = 10069 * h'.
        #expect(Self.cofactor.mod(BigInteger(10069)).isZero)
    }

    @Test func psiActsAsMultiplicationByP() {
        var rng = SeededGenerator(seed: 901)
        let pModR = Self.p.mod(Self.r)
        #expect(pModR == 6 * Self.x * Self.x, "p = t - 1 = 6x^2 (mod r)")
        for _ in 0..<10 {
            let q = G2Jacobian.generator.multipliedVartime(by: rng.fr())
            #expect(q.psi() == q.multipliedVartime(byLimbs: Self.limbs(pModR)))
            #expect(q.affine.psi() == q.psi().affine)
        }
    }

    @Test func fastCheckAgreesWithNaiveCheck() {
        var rng = SeededGenerator(seed: 902)
        let g = G2Jacobian.generator
        let smallOrder = BigInteger(10069)
        var smallOrderPoints = 0
        for i in 0..<25 {
            // In the subgroup.
            let inside = g.multipliedVartime(by: rng.fr())
            expectAgreement(inside.affine, inSubgroup: true, "k G (\(i))")
            // A random twist point: outside, with overwhelming probability (the naive check decides).
            let twist = rng.twistPoint()
            expectAgreement(twist, inSubgroup: false, "random twist point (\(i))")
            // r * twist has order dividing h: in the cofactor's torsion, outside G2.
            let torsion = twist.jacobian.multipliedVartime(byLimbs: Self.limbs(Self.r))
            #expect(torsion.multipliedVartime(byLimbs: Self.limbs(Self.cofactor)).isInfinity, "r h P = O")
            expectAgreement(torsion.affine, inSubgroup: false, "r P (\(i))")
            // A point of order exactly 10069, the cofactor's small prime factor.
            let small = torsion.multipliedVartime(byLimbs: Self.limbs(Self.cofactor / smallOrder))
            if !small.isInfinity {
                smallOrderPoints += 1
                #expect(small.multipliedVartime(byLimbs: Self.limbs(smallOrder)).isInfinity)
                expectAgreement(small.affine, inSubgroup: false, "point of order 10069 (\(i))")
                // G2 point plus a small-order point.
                expectAgreement((inside + small).affine, inSubgroup: false, "G2 + order-10069 point (\(i))")
            }
            // G2 point plus a large-order torsion point.
            expectAgreement((inside + torsion).affine, inSubgroup: false, "G2 + r P (\(i))")
        }
        #expect(smallOrderPoints >= 20, "the small-order case was exercised")
        #expect(G2Affine.infinity.isInPrimeOrderSubgroup)
    }
}
