import Testing
import TestSupport
@testable import Groth16

/// Fp6 and Fp12: field axioms on seeded random values, the sparse and cyclotomic shortcuts
/// against the general operations, and the Frobenius maps against exponentiation by p^k.
@Suite struct TowerFieldTests {
    static let cases = 200

    /// Axioms of a field on the given samples (consecutive triples).
    func checkFieldAxioms<F: Field>(_ samples: [F]) {
        #expect(samples.count >= 3)
        for i in 0..<(samples.count - 2) {
            let a = samples[i], b = samples[i + 1], c = samples[i + 2]
            #expect(a + b == b + a, "additive commutativity")
            #expect((a + b) + c == a + (b + c), "additive associativity")
            #expect(a * b == b * a, "multiplicative commutativity")
            #expect((a * b) * c == a * (b * c), "multiplicative associativity")
            #expect(a * (b + c) == a * b + a * c, "distributivity")
            #expect(a + .zero == a && a * .one == a, "identities")
            #expect(a - a == .zero && a + (-a) == .zero, "additive inverse")
            #expect(a - b == a + (-b), "subtraction")
            #expect(a.squared() == a * a, "squaring")
            #expect(a.doubled() == a + a, "doubling")
            #expect(a * .zero == .zero)
            if let inv = a.inverse() { #expect(a * inv == .one, "multiplicative inverse") } else { #expect(a.isZero) }
        }
        #expect(F.zero.inverse() == nil)
        #expect(F.one.inverse() == .one)
    }

    @Test func fp6FieldAxioms() {
        var rng = SeededGenerator(seed: 601)
        var samples: [Fp6] = [.zero, .one, Fp6(.zero, .one, .zero), Fp6(.zero, .zero, .one)]
        for _ in 0..<Self.cases { samples.append(rng.fp6()) }
        checkFieldAxioms(samples)
    }

    @Test func fp12FieldAxioms() {
        var rng = SeededGenerator(seed: 1201)
        var samples: [Fp12] = [.zero, .one, Fp12(.zero, .one), Fp12(Fp6(.zero, .one, .zero), .zero)]
        for _ in 0..<Self.cases { samples.append(rng.fp12()) }
        checkFieldAxioms(samples)
    }

    @Test func towerRelations() {
        // v^3 = ξ in Fp6, w^2 = v in Fp12, hence w^6 = ξ.
        let v = Fp6(.zero, .one, .zero)
        #expect(v * v * v == Fp6(.xi, .zero, .zero))
        let w = Fp12(.zero, .one)
        #expect(w.squared() == Fp12(v, .zero))
        #expect(w.powVartime(6) == Fp12(Fp6(.xi, .zero, .zero), .zero))
        var rng = SeededGenerator(seed: 602)
        for _ in 0..<Self.cases {
            let a = rng.fp6()
            #expect(a.mulByV() == a * v)
            let k = rng.fp2()
            #expect(a * k == a * Fp6(k, .zero, .zero))
        }
    }

    @Test func sparseProductsMatchFullProducts() {
        var rng = SeededGenerator(seed: 603)
        for _ in 0..<Self.cases {
            let a = rng.fp6(), b0 = rng.fp2(), b1 = rng.fp2()
            #expect(a.mulBy01(b0, b1) == a * Fp6(b0, b1, .zero))
            let f = rng.fp12(), l0 = rng.fp2(), l1 = rng.fp2(), l3 = rng.fp2()
            // l0 + l1 w + l3 w^3: w^0 -> c0.c0, w^1 -> c1.c0, w^3 -> c1.c1.
            let line = Fp12(Fp6(l0, .zero, .zero), Fp6(l1, l3, .zero))
            #expect(f.mulByLine(l0, l1, l3) == f * line)
        }
    }

    @Test func frobeniusIsPowerOfP() {
        let p = Fp.modulus
        let p1 = exponentWords(p), p2 = exponentWords(p * p), p3 = exponentWords(p * p * p)
        var rng = SeededGenerator(seed: 604)
        for _ in 0..<20 {
            let f = rng.fp12()
            #expect(f.frobenius() == f.powVartime(p1))
            #expect(f.frobeniusSquared() == f.powVartime(p2))
            #expect(f.frobeniusCubed() == f.powVartime(p3))
            #expect(f.frobenius().frobenius() == f.frobeniusSquared())
            #expect(f.frobeniusSquared().frobenius() == f.frobeniusCubed())
            #expect(f.conjugate() == f.frobeniusCubed().frobeniusCubed(), "conjugation is the p^6 power")
        }
        // The p^2 multipliers lie in Fp, which frobeniusSquared relies on.
        let g = FrobeniusCoefficients.p2
        #expect([g.w1, g.w2, g.w3, g.w4, g.w5].allSatisfy { $0.c1.isZero })
        // Fp2's Frobenius is conjugation.
        let a = rng.fp2()
        #expect(a.powVartime(p1) == a.conjugate())
    }

    /// f^((p^6 - 1)(p^2 + 1)) is in the cyclotomic subgroup.
    static func cyclotomic(_ f: Fp12) -> Fp12 {
        let t = f.conjugate() * f.inverse()!
        return t.frobeniusSquared() * t
    }

    @Test func cyclotomicSquaringMatchesSquaring() {
        var rng = SeededGenerator(seed: 605)
        for _ in 0..<Self.cases {
            let g = Self.cyclotomic(rng.fp12())
            // In the subgroup: g^(p^4 - p^2 + 1) = 1 and g^(p^6 + 1) = 1.
            #expect(g.frobeniusSquared().frobeniusSquared() * g == g.frobeniusSquared())
            #expect(g.conjugate() * g == .one)
            #expect(g.cyclotomicSquared() == g.squared())
            #expect(g.cyclotomicSquared().cyclotomicSquared() == g.powVartime(4))
        }
        // Outside the subgroup the shortcut is wrong, so the test above can fail.
        let f = rng.fp12()
        #expect(f.cyclotomicSquared() != f.squared())
    }
}
