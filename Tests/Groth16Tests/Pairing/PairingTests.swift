import Testing
import TestSupport
@testable import Groth16

/// The optimal ate pairing: the loop parameters, the final exponentiation against plain
/// exponentiation, bilinearity, non-degeneracy, order r, and the multi-pairing API.
@Suite struct PairingTests {
    static let p = Fp.modulus
    static let r = Fr.modulus
    static let g1 = G1Affine.generator
    static let g2 = G2Affine.generator

    /// The value of signed digits, most significant first.
    func value(of digits: [Int8]) -> BigInteger {
        digits.reduce(BigInteger(0)) { acc, d in acc * 2 + BigInteger(Int(d)) }
    }

    @Test func parametersFollowFromTheSeed() {
        let x = BigInteger(words: [BN254.x])
        let x2 = x * x, x3 = x2 * x, x4 = x2 * x2
        #expect(Self.p == 36 * x4 + 36 * x3 + 24 * x2 + 6 * x + 1)
        #expect(Self.r == 36 * x4 + 36 * x3 + 18 * x2 + 6 * x + 1)
        // The Miller loop digits follow a leading 1.
        #expect(value(of: [1] + MillerLoop.digits) == 6 * x + 2)
        #expect(MillerLoop.digits.allSatisfy { abs($0) <= 1 })
        #expect(value(of: FinalExponentiation.xDigits) == x)
        #expect(FinalExponentiation.xDigits.allSatisfy { $0 == 0 || ($0 % 2 != 0 && abs($0) < 8) })
        #expect(FinalExponentiation.xDigits.filter { $0 != 0 }.count == 14)
        for (digits, width) in [(MillerLoop.digits, 2), (FinalExponentiation.xDigits, 4)] {
            for i in digits.indices where digits[i] != 0 {
                #expect(digits[(i + 1)..<min(i + width, digits.count)].allSatisfy { $0 == 0 }, "non-adjacent")
            }
        }
        #expect(G2Prepared(Self.g2).lines.count == MillerLoop.lineCount)
        // Small cases of the wNAF.
        for k in [UInt64(1), 7, 8, 255, 1000, 0x7fff_ffff_ffff_ffff] {
            for w in 2...6 { #expect(value(of: windowedNonAdjacentForm(k, width: w)) == BigInteger(words: [k])) }
        }
    }

    @Test func finalExponentiationIsPowerOfTheExponent() {
        let p12 = (0..<12).reduce(BigInteger(1)) { acc, _ in acc * Self.p }
        let exponent = exponentWords((p12 - 1) / Self.r)
        var rng = SeededGenerator(seed: 701)
        for _ in 0..<4 {
            let f = rng.fp12()
            #expect(Pairing.finalExponentiation(f) == f.powVartime(exponent))
        }
    }

    @Test func bilinearity() {
        var rng = SeededGenerator(seed: 702)
        let e = Pairing.pairing(Self.g1, Self.g2)
        for _ in 0..<5 {
            let a = rng.fr(), b = rng.fr()
            let p = Self.g1.multipliedVartime(by: a), q = Self.g2.multipliedVartime(by: b)
            let eab = Pairing.pairing(p, q)
            #expect(eab == e.powVartime(exponentWords((a * b).bigInteger)), "e(aP, bQ) = e(P, Q)^(ab)")
            #expect(eab == Pairing.pairing(Self.g1.multipliedVartime(by: a * b), Self.g2))
            #expect(eab == Pairing.pairing(Self.g1, Self.g2.multipliedVartime(by: a * b)))
            // Linearity in each argument: e(P1 + P2, Q) = e(P1, Q) e(P2, Q).
            let p2 = Self.g1.multipliedVartime(by: rng.fr())
            let sum = (p.jacobian + p2).affine
            #expect(Pairing.pairing(sum, q) == eab * Pairing.pairing(p2, q))
            let q2 = Self.g2.multipliedVartime(by: rng.fr())
            #expect(Pairing.pairing(p, (q.jacobian + q2).affine) == eab * Pairing.pairing(p, q2))
        }
    }

    @Test func nonDegenerateOfOrderR() {
        let e = Pairing.pairing(Self.g1, Self.g2)
        #expect(!e.isOne)
        #expect(e.powVartime(exponentWords(Self.r)).isOne, "e(P, Q)^r = 1")
        #expect(e.conjugate() == Pairing.pairing(-Self.g1, Self.g2), "e(-P, Q) = e(P, Q)^-1")
        #expect(e.conjugate() == Pairing.pairing(Self.g1, -Self.g2))
        #expect(Pairing.pairing(.infinity, Self.g2).isOne)
        #expect(Pairing.pairing(Self.g1, .infinity).isOne)
    }

    @Test func multiPairingIsProductOfPairings() {
        var rng = SeededGenerator(seed: 703)
        var pairs: [(G1Affine, G2Affine)] = []
        var product = Fp12.one
        for i in 0..<5 {
            let p = i == 2 ? .infinity : Self.g1.multipliedVartime(by: rng.fr())
            let q = i == 3 ? .infinity : Self.g2.multipliedVartime(by: rng.fr())
            pairs.append((p, q))
            product = product * Pairing.pairing(p, q)
        }
        #expect(Pairing.finalExponentiation(Pairing.millerLoop(pairs)) == product)
        let prepared = pairs.map { ($0.0, G2Prepared($0.1)) }
        #expect(Pairing.millerLoop(prepared: prepared) == Pairing.millerLoop(pairs))
        #expect(!Pairing.productIsOne(pairs))
        #expect(Pairing.productIsOne([]))
    }

    @Test func productCheck() {
        var rng = SeededGenerator(seed: 704)
        for _ in 0..<3 {
            // e(aP, bQ) · e(-abP, Q) · e(cP, Q) · e(P, -cQ) = 1.
            let a = rng.fr(), b = rng.fr(), c = rng.fr()
            let pairs: [(G1Affine, G2Affine)] = [
                (Self.g1.multipliedVartime(by: a), Self.g2.multipliedVartime(by: b)),
                (-Self.g1.multipliedVartime(by: a * b), Self.g2),
                (Self.g1.multipliedVartime(by: c), Self.g2),
                (Self.g1, -Self.g2.multipliedVartime(by: c)),
            ]
            #expect(Pairing.productIsOne(pairs))
            #expect(Pairing.productIsOne(prepared: pairs.map { ($0.0, G2Prepared($0.1)) }))
            var broken = pairs
            broken[3] = (Self.g1, -Self.g2.multipliedVartime(by: c + .one))
            #expect(!Pairing.productIsOne(broken))
            #expect(!Pairing.productIsOne(Array(pairs.dropLast())))
        }
    }

    @Test func lineStepsTrackTheRunningPoint() {
        // The homogeneous doubling and addition steps agree with the Jacobian group law.
        var rng = SeededGenerator(seed: 705)
        let q = Self.g2.multipliedVartime(by: rng.fr())
        var t = G2Homogeneous(q)
        var reference = q.jacobian
        for i in 0..<10 {
            _ = t.doubleStep()
            reference = reference.doubled()
            #expect(t.affine == reference.affine, "doubling \(i)")
            _ = t.addStep(q)
            reference = reference + q
            #expect(t.affine == reference.affine, "addition \(i)")
        }
    }
}
