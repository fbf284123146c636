import Testing
import TestSupport
@testable import Groth16

/// Group laws for G1 and G2, run through one generic body.
@Suite struct GroupLawTests {
    static let orderLimbs = (FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3)

    func randomScalar(_ rng: inout SeededGenerator) -> Fr {
        Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next()))
    }

    func checkGroupLaws<C: CurveParameters>(_: C.Type, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let g = JacobianPoint<C>.generator
        #expect(C.generator.isOnCurve)
        #expect(C.generator.isInPrimeOrderSubgroup)
        #expect(g.multipliedVartime(byLimbs: Self.orderLimbs).isInfinity, "r * G = O")
        let o = JacobianPoint<C>.infinity
        for _ in 0..<20 {
            let a = randomScalar(&rng), b = randomScalar(&rng), c = randomScalar(&rng)
            let p = g.multipliedVartime(by: a), q = g.multipliedVartime(by: b), s = g.multipliedVartime(by: c)
            #expect(p.isOnCurve && q.isOnCurve)
            #expect(p + o == p && o + p == p, "identity")
            #expect((p + (-p)).isInfinity, "inverse")
            #expect(p + q == q + p, "commutativity")
            #expect((p + q) + s == p + (q + s), "associativity")
            #expect(p + p == p.doubled(), "doubling agrees with addition")
            #expect(p + q.affine == p + q, "mixed addition agrees with addition")
            #expect(p + p.affine == p.doubled(), "mixed addition doubles")
            #expect((p + (-p).affine).isInfinity, "mixed addition of the negation")
            #expect(g.multipliedVartime(by: a + b) == p + q, "scalar distributivity")
            #expect(p.multipliedVartime(by: b) == g.multipliedVartime(by: a * b), "scalar associativity")
            #expect(p.multipliedVartime(byLimbs: Self.orderLimbs).isInfinity, "r * P = O")
            #expect(p.affine.jacobian == p)
            #expect(p.affine.isInPrimeOrderSubgroup)
        }
        #expect(g.multipliedVartime(by: .zero).isInfinity)
        #expect(g.multipliedVartime(by: .one) == g)
        #expect(g.multipliedVartime(by: -Fr.one) == -g)
        #expect(o.doubled().isInfinity)
        #expect(o.affine.isInfinity)
        // Batch normalisation, with infinity in the middle.
        let points = (0..<9).map { i in i == 4 ? o : g.multipliedVartime(by: Fr(UInt64(i + 1))) }
        #expect(JacobianPoint<C>.batchNormalize(points) == points.map { $0.affine })
    }

    @Test func g1GroupLaws() { checkGroupLaws(G1Parameters.self, seed: 21) }
    @Test func g2GroupLaws() { checkGroupLaws(G2Parameters.self, seed: 22) }

    @Test func g2PointOutsideSubgroupIsRejected() throws {
        // Find a point on the twist by hashing x values until x^3 + b is a square; with the
        // twist's large cofactor it is outside the subgroup.
        var x = Fp2(Fp(1), Fp(1))
        while true {
            if let y = (x.squared() * x + G2Parameters.b).squareRoot() {
                let p = G2Affine(uncheckedX: x, y: y)
                #expect(p.isOnCurve)
                #expect(!p.isInPrimeOrderSubgroup)
                #expect(throws: CurveError.notInSubgroup(group: "G2")) { try G2Affine(x: x, y: y) }
                #expect(throws: CurveError.self) { try G2Affine(evmBytes: p.evmBytes) }
                return
            }
            x = x + .one
        }
    }

    @Test func encodingsRoundTrip() throws {
        var rng = SeededGenerator(seed: 23)
        for _ in 0..<10 {
            let p = G1Jacobian.generator.multipliedVartime(by: randomScalar(&rng)).affine
            #expect(try G1Affine(evmBytes: p.evmBytes) == p)
            #expect(try G1Affine(decimalStrings: p.decimalStrings) == p)
            let q = G2Jacobian.generator.multipliedVartime(by: randomScalar(&rng)).affine
            #expect(try G2Affine(evmBytes: q.evmBytes) == q)
            #expect(try G2Affine(decimalStrings: q.decimalStrings) == q)
        }
        #expect(try G1Affine(evmBytes: [UInt8](repeating: 0, count: 64)).isInfinity)
        #expect(try G2Affine(evmBytes: [UInt8](repeating: 0, count: 128)).isInfinity)
        #expect(try G1Affine(decimalStrings: ["0", "1", "0"]).isInfinity)
        // (1, 3) is not on y^2 = x^3 + 3.
        var bad = [UInt8](repeating: 0, count: 64)
        bad[31] = 1
        bad[63] = 3
        #expect(throws: CurveError.notOnCurve(group: "G1")) { try G1Affine(evmBytes: bad) }
        #expect(throws: CurveError.self) { try G1Affine(evmBytes: [UInt8](repeating: 0xff, count: 64)) }
        #expect(throws: CurveError.self) { try G1Affine(decimalStrings: ["1", "2", "2"]) }
    }
}
