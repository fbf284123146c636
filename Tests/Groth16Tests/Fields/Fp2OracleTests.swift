import Testing
import TestSupport
@testable import Groth16

/// Fp2 multiplication and squaring (lazy-reduction kernels) against GMP: edge values in every
/// coordinate, then 10,000 seeded random pairs.
@Suite struct Fp2OracleTests {
    @Test func productsAgreeWithGMP() throws {
        let p = Fp.modulus
        let edges = FieldOracleTests.edgeValues(p)
        var rng = SeededGenerator(seed: 1301)
        var elements: [(BigInteger, BigInteger)] = []
        for a in edges { for b in edges { elements.append((a, b)) } }
        for _ in 0..<10_000 { elements.append((BigInteger(words: rng.edgyWords()).mod(p), BigInteger(words: rng.edgyWords()).mod(p))) }
        for i in elements.indices {
            let (a0, a1) = elements[i]
            let (b0, b1) = elements[(i * 7919 + 13) % elements.count]
            let a = Fp2(try Fp(canonical: a0), try Fp(canonical: a1))
            let b = Fp2(try Fp(canonical: b0), try Fp(canonical: b1))
            let product = a * b
            #expect(product.c0.bigInteger == (a0 * b0 - a1 * b1).mod(p), "re (\(a0), \(a1)) * (\(b0), \(b1))")
            #expect(product.c1.bigInteger == (a0 * b1 + a1 * b0).mod(p), "im (\(a0), \(a1)) * (\(b0), \(b1))")
            let square = a.squared()
            #expect(square.c0.bigInteger == (a0 * a0 - a1 * a1).mod(p))
            #expect(square.c1.bigInteger == (2 * a0 * a1).mod(p))
        }
    }
}
