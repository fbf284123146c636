import Foundation
import Testing
import TestSupport
@testable import Circuits

/// The comb-table verifier (`EdDSAPoseidon.PreparedKey`) against the plain double-and-add
/// equation S·Base8 = R8 + (8·hm)·A on seeded random valid and invalid signatures.
@Suite struct EdDSAPreparedKeyTests {
    /// The textbook check, with `multipliedVartime` (double-and-add) and affine additions.
    static func reference(_ m: Fr, _ sig: EdDSAPoseidon.Signature, _ a: BabyJubJub.Point) -> Bool {
        guard sig.r8.isOnCurve, a.isOnCurve, !a.hasSmallOrder, sig.s.bigInteger < BabyJubJub.subgroupOrder else { return false }
        let hm = try! Poseidon.hash([sig.r8.x, sig.r8.y, a.x, a.y, m])
        return BabyJubJub.base8.multipliedVartime(by: sig.s.bigInteger) == sig.r8 + a.multipliedVartime(by: hm.bigInteger * 8)
    }

    static func randomField(_ rng: inout SeededGenerator) -> Fr {
        Fr(reducingLimbs: (rng.edgyWord(), rng.edgyWord(), rng.edgyWord(), rng.edgyWord()))
    }

    static let order2 = BabyJubJub.Point(uncheckedX: .zero, y: -Fr.one)
    static let order8 = BabyJubJub.generator.multipliedVartime(by: BabyJubJub.subgroupOrder)

    @Test func combTableMatchesDoubleAndAdd() {
        var rng = SeededGenerator(seed: 901)
        for i in 0..<12 {
            // A prime-order point, a point with a torsion component, and Base8 itself.
            let p = i % 3 == 0 ? BabyJubJub.base8
                : BabyJubJub.base8.multipliedVartime(by: BigInteger(words: [rng.next(), rng.next()])) + (i % 3 == 2 ? Self.order8 : .identity)
            let q = BabyJubJub.generator.multipliedVartime(by: BigInteger(words: [rng.next()]))
            let j = i == 0 ? [UInt64](repeating: 0, count: 4) : i == 1 ? [UInt64](repeating: .max, count: 4) : rng.edgyWords()
            let k = rng.edgyWords()
            let sum = CombTable(ExtendedPoint(p)).sum((j[0], j[1], j[2], j[3]), CombTable(ExtendedPoint(q)), (k[0], k[1], k[2], k[3]))
            #expect(sum.affine == p.multipliedVartime(by: BigInteger(words: j)) + q.multipliedVartime(by: BigInteger(words: k)))
        }
    }

    @Test func agreesWithTheEquationOnValidAndInvalidSignatures() throws {
        var rng = SeededGenerator(seed: 902)
        var accepted = 0, cases = 0
        for _ in 0..<8 {
            let privateKey = try EdDSAPrivateKey(bytes: rng.bytes(32))
            let a = EdDSAPoseidon.publicKey(of: privateKey)
            let key = try #require(EdDSAPoseidon.PreparedKey(a))
            let m = Self.randomField(&rng)
            let sig = EdDSAPoseidon.sign(m, with: privateKey)
            let l = BabyJubJub.subgroupOrder
            let variants: [(Fr, EdDSAPoseidon.Signature)] = [
                (m, sig),
                (m + .one, sig),
                (m, .init(r8: sig.r8, s: sig.s + .one)),
                (m, .init(r8: sig.r8, s: Fr(reducing: sig.s.bigInteger + l))),  // S ≥ l, same point
                (m, .init(r8: sig.r8, s: Fr(reducing: l))),  // S = l
                (m, .init(r8: -sig.r8, s: sig.s)),
                (m, .init(r8: sig.r8 + Self.order2, s: sig.s)),  // R8 with a torsion component
                (m, .init(r8: sig.r8 + Self.order8, s: sig.s)),
                (m, .init(r8: .init(uncheckedX: sig.r8.x + .one, y: sig.r8.y), s: sig.s)),  // off the curve
                (m, .init(r8: .init(uncheckedX: Self.randomField(&rng), y: Self.randomField(&rng)), s: Self.randomField(&rng))),
            ]
            for (message, signature) in variants {
                let fast = EdDSAPoseidon.verify(message, signature: signature, key: key)
                #expect(fast == Self.reference(message, signature, a))
                #expect(fast == EdDSAPoseidon.verify(message, signature: signature, publicKey: a))
                if fast { accepted += 1 }
                cases += 1
            }
            // The same signature under A plus torsion (another, valid key) and under Base8.
            for other in [a + Self.order2, a + Self.order8, BabyJubJub.base8] {
                let otherKey = try #require(EdDSAPoseidon.PreparedKey(other))
                #expect(EdDSAPoseidon.verify(m, signature: sig, key: otherKey) == Self.reference(m, sig, other))
            }
        }
        #expect(accepted == 8 && cases == 80)
    }

    @Test func smallOrderAndOffCurveKeysAreRefused() {
        let order4 = Self.order8.doubled()
        for a in [BabyJubJub.Point.identity, Self.order2, order4, -order4, Self.order8, -Self.order8,
                  BabyJubJub.Point(uncheckedX: BabyJubJub.base8.x, y: BabyJubJub.base8.y + .one)] {
            #expect(EdDSAPoseidon.PreparedKey(a) == nil)
        }
        // With a small-order key, S = 0 and R8 = identity would satisfy the equation for any message.
        let forged = EdDSAPoseidon.Signature(r8: .identity, s: .zero)
        #expect(!EdDSAPoseidon.verify(Fr(7), signature: forged, publicKey: Self.order8))
    }
}
