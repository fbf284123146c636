import Testing
import TestSupport
@testable import Groth16

/// The radix-2 transforms against naive O(n^2) evaluation, schoolbook multiplication and
/// their own inverses, at one and two threads.
@Suite struct NTTTests {
    /// A uniform-ish element below r, cheap to make in bulk (top limb kept under r's).
    static func randomElement(_ rng: inout SeededGenerator) -> Fr {
        Fr(uncheckedMontgomery: rng.next(), rng.next(), rng.next(), rng.next() & 0x0FFF_FFFF_FFFF_FFFF)
    }

    static func randomVector(_ count: Int, _ rng: inout SeededGenerator) -> [Fr] {
        var v: [Fr] = []
        v.reserveCapacity(count)
        for _ in 0..<count { v.append(randomElement(&rng)) }
        return v
    }

    /// sum_j a_j x^j (Horner).
    static func evaluate(_ a: [Fr], at x: Fr) -> Fr {
        var acc = Fr.zero
        for c in a.reversed() { acc = acc * x + c }
        return acc
    }

    /// Runs body with Parallelism.threadCount set to 1, then to 2; restores the default.
    static func forEachThreadCount(_ body: () -> Void) {
        for threads in [1, 2] {
            Parallelism.threadCount = threads
            body()
        }
        Parallelism.threadCount = 0
    }

    @Test func rootsOfUnityHaveTheirOrder() {
        let omega28 = Fr.rootOfUnity(log2Order: 28)
        #expect(omega28.powVartime(UInt64(1) << 28) == .one && omega28.powVartime(UInt64(1) << 27) == -Fr.one)
        for k in [1, 2, 5, 16] {
            let d = EvaluationDomain(log2Size: k)
            #expect(d.generator.powVartime(UInt64(1) << UInt64(k)) == .one)
            #expect(d.generator.powVartime(UInt64(1) << UInt64(k - 1)) == -Fr.one)
            #expect(d.generator * d.generatorInverse == .one)
            #expect(d.sizeInverse * Fr(UInt64(1) << UInt64(k)) == .one)
        }
    }

    @Test func forwardMatchesNaiveEvaluation() {
        var rng = SeededGenerator(seed: 31)
        Self.forEachThreadCount {
            for k in 0...8 {
                let d = EvaluationDomain(log2Size: k)
                let a = Self.randomVector(d.size, &rng)
                var f = a
                d.forwardNTT(&f)
                let points = d.elements
                #expect(f == points.map { Self.evaluate(a, at: $0) }, "forward NTT, size 2^\(k)")
                var c = a
                d.cosetForwardNTT(&c)
                #expect(c == points.map { Self.evaluate(a, at: d.cosetShift * $0) }, "coset NTT, size 2^\(k)")
            }
        }
    }

    @Test func inverseUndoesForward() {
        var rng = SeededGenerator(seed: 32)
        Self.forEachThreadCount {
            for k in [0, 1, 2, 3, 7, 11, 12, 13, 16] {
                let d = EvaluationDomain(log2Size: k)
                let a = Self.randomVector(d.size, &rng)
                var v = a
                d.forwardNTT(&v)
                d.inverseNTT(&v)
                #expect(v == a, "inverse(forward(x)) = x, size 2^\(k)")
                d.inverseNTT(&v)
                d.forwardNTT(&v)
                #expect(v == a, "forward(inverse(x)) = x, size 2^\(k)")
                d.cosetForwardNTT(&v)
                d.cosetInverseNTT(&v)
                #expect(v == a, "coset round trip, size 2^\(k)")
            }
        }
        // The largest size once, on every thread.
        let d = EvaluationDomain(log2Size: 20)
        let a = Self.randomVector(d.size, &rng)
        var v = a
        d.forwardNTT(&v)
        #expect(v != a)
        d.inverseNTT(&v)
        #expect(v == a, "inverse(forward(x)) = x, size 2^20")
    }

    @Test func pointwiseProductIsPolynomialProduct() {
        var rng = SeededGenerator(seed: 33)
        for k in 1...9 {
            let d = EvaluationDomain(log2Size: k)
            // Degrees below n/2 each, so the product has degree < n and no wrap-around.
            let a = Self.randomVector(d.size / 2, &rng), b = Self.randomVector(d.size / 2, &rng)
            var schoolbook = [Fr](repeating: .zero, count: d.size)
            for i in a.indices { for j in b.indices { schoolbook[i + j] += a[i] * b[j] } }
            var fa = a + [Fr](repeating: .zero, count: d.size - a.count)
            var fb = b + [Fr](repeating: .zero, count: d.size - b.count)
            d.forwardNTT(&fa)
            d.forwardNTT(&fb)
            var product = zip(fa, fb).map { $0 * $1 }
            d.inverseNTT(&product)
            #expect(product == schoolbook, "size 2^\(k)")
            // The same product through the coset.
            var ca = a + [Fr](repeating: .zero, count: d.size - a.count)
            var cb = b + [Fr](repeating: .zero, count: d.size - b.count)
            d.cosetForwardNTT(&ca)
            d.cosetForwardNTT(&cb)
            var cosetProduct = zip(ca, cb).map { $0 * $1 }
            d.cosetInverseNTT(&cosetProduct)
            #expect(cosetProduct == schoolbook, "coset, size 2^\(k)")
        }
    }

    /// snarkjs evaluates on the odd powers of the 2n-th root of unity: the coset transform with
    /// that shift must agree with the odd outputs of the size-2n transform of the padded input.
    @Test func halfRootCosetIsTheOddHalfOfTheDoubleDomain() {
        var rng = SeededGenerator(seed: 34)
        Self.forEachThreadCount {
            for k in [1, 4, 12, 14] {
                let d = EvaluationDomain(log2Size: k, cosetShift: Fr.rootOfUnity(log2Order: k + 1))
                let double = EvaluationDomain(log2Size: k + 1)
                let a = Self.randomVector(d.size, &rng)
                var coset = a
                d.cosetForwardNTT(&coset)
                var wide = a + [Fr](repeating: .zero, count: d.size)
                double.forwardNTT(&wide)
                #expect(coset == stride(from: 1, to: 2 * d.size, by: 2).map { wide[$0] }, "size 2^\(k)")
                #expect(d.vanishingPolynomialOnCoset == -Fr(2))
            }
        }
    }

    @Test func sizesOneAndTwo() {
        let one = EvaluationDomain(log2Size: 0)
        var v = [Fr(7)]
        one.forwardNTT(&v)
        #expect(v == [Fr(7)])
        one.cosetForwardNTT(&v)
        #expect(v == [Fr(7)], "a constant is the same everywhere")
        one.inverseNTT(&v)
        one.cosetInverseNTT(&v)
        #expect(v == [Fr(7)])

        let two = EvaluationDomain(log2Size: 1)
        #expect(two.generator == -Fr.one)
        var w = [Fr(3), Fr(5)]
        two.forwardNTT(&w)
        #expect(w == [Fr(8), -Fr(2)], "3 + 5x at 1 and -1")
        two.inverseNTT(&w)
        #expect(w == [Fr(3), Fr(5)])
        two.cosetForwardNTT(&w)
        #expect(w == [Fr(3) + Fr(25), Fr(3) - Fr(25)], "3 + 5x at 5 and -5")
        two.cosetInverseNTT(&w)
        #expect(w == [Fr(3), Fr(5)])
    }
}
