import Testing
import TestSupport
@testable import Groth16

/// Fp2 multiplication (Karatsuba with lazy reduction in CFieldKernels) against the schoolbook
/// definition (a0 b0 - a1 b1) + (a0 b1 + a1 b0) u on Fp, itself tested against GMP; batch
/// inversion through the norm against single inversions.
@Suite struct Fp2ArithmeticTests {
    @Test func productMatchesSchoolbook() {
        var rng = SeededGenerator(seed: 51)
        let edges: [Fp] = [.zero, .one, -Fp.one, -Fp(2), Fp(2), Fp(reducingLimbs: (.max, .max, .max, 0))]
        var values = edges
        for _ in 0..<60 {
            let w = rng.edgyWords()
            values.append(Fp(reducingLimbs: (w[0], w[1], w[2], w[3])))
        }
        for _ in 0..<3000 {
            let a = Fp2(values[Int(rng.next() % UInt64(values.count))], values[Int(rng.next() % UInt64(values.count))])
            let b = Fp2(values[Int(rng.next() % UInt64(values.count))], values[Int(rng.next() % UInt64(values.count))])
            let product = a * b
            #expect(product == Fp2(a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0), "\(a) * \(b)")
            #expect(a.squared() == a * a)
        }
        for x in edges {
            for y in edges {
                let a = Fp2(x, y), b = Fp2(y, x)
                #expect(a * b == Fp2(x * y - y * x, x * x + y * y))
            }
        }
    }

    @Test func batchInversionMatchesSingleInversions() {
        var rng = SeededGenerator(seed: 52)
        for count in [0, 1, 2, 7, 100] {
            var elements: [Fp2] = []
            for i in 0..<count {
                let w = rng.edgyWords()
                let c0 = Fp(reducingLimbs: (w[0], w[1], w[2], w[3]))
                switch i % 5 {
                case 0: elements.append(.zero)
                case 1: elements.append(Fp2(c0, .zero))
                case 2: elements.append(Fp2(.zero, c0))
                default: elements.append(Fp2(c0, Fp(rng.next())))
                }
            }
            var inverted = elements
            Fp2.batchInvert(&inverted)
            for (a, inverse) in zip(elements, inverted) {
                if a.isZero {
                    #expect(inverse.isZero, "zero stays zero")
                } else {
                    #expect(inverse == a.inverse()!)
                    #expect(a * inverse == .one)
                }
            }
        }
    }
}
