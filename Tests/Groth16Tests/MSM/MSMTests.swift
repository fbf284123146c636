import Testing
import TestSupport
@testable import Groth16

/// Pippenger MSM against independent sums, for G1 and G2 through one generic body, at one and
/// two threads. Two oracles: the naive sum of `multipliedVartime` products, and, for points
/// P_i = t_i·G with known t_i, the single product (sum_i k_i t_i)·G.
@Suite struct MSMTests {
    /// Points t_i·G for t_i = start + i·step, made by a chain of additions.
    struct KnownPoints<C: CurveParameters> {
        var points: [AffinePoint<C>]
        var logs: [Fr]

        init(count: Int, start: Fr, step: Fr) {
            let g = JacobianPoint<C>.generator
            var p = g.multipliedVartime(by: start)
            let s = g.multipliedVartime(by: step)
            var jacobian: [JacobianPoint<C>] = []
            logs = []
            var t = start
            for _ in 0..<count {
                jacobian.append(p)
                logs.append(t)
                p = p + s
                t = t + step
            }
            points = JacobianPoint<C>.batchNormalize(jacobian)
        }

        /// (sum_i k_i t_i)·G, with t_i = 0 wherever the point was replaced by infinity.
        func expected(_ scalars: [Fr]) -> JacobianPoint<C> {
            var sum = Fr.zero
            for i in scalars.indices where !points[i].isInfinity { sum += scalars[i] * logs[i] }
            return JacobianPoint<C>.generator.multipliedVartime(by: sum)
        }
    }

    static func randomScalar(_ rng: inout SeededGenerator) -> Fr {
        Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next()))
    }

    /// Mostly uniform scalars, with the edge values of witnesses and of the recoding mixed in:
    /// 0, 1, 2, r-1, r-2, small values, 2^k and 2^k - 1 at window boundaries.
    static func edgyScalar(_ rng: inout SeededGenerator) -> Fr {
        switch rng.next() % 10 {
        case 0: return .zero
        case 1: return .one
        case 2: return -Fr.one
        case 3: return -Fr(2)
        case 4: return Fr(rng.next() % 70_000)
        case 5:
            let k = Int(rng.next() % 254)
            var limbs: [UInt64] = [0, 0, 0, 0]
            limbs[k / 64] = 1 << UInt64(k % 64)
            let p = Fr(reducingLimbs: (limbs[0], limbs[1], limbs[2], limbs[3]))
            return rng.next() % 2 == 0 ? p : p - .one
        default: return randomScalar(&rng)
        }
    }

    static func naiveSum<C: CurveParameters>(_ points: [AffinePoint<C>], _ scalars: [Fr]) -> JacobianPoint<C> {
        var sum = JacobianPoint<C>.infinity
        for (p, k) in zip(points, scalars) { sum += p.jacobian.multipliedVartime(by: k) }
        return sum
    }

    /// Runs body with Parallelism.threadCount set to 1, then to 2; restores the default.
    static func forEachThreadCount(_ body: (Int) -> Void) {
        for threads in [1, 2] {
            Parallelism.threadCount = threads
            body(threads)
        }
        Parallelism.threadCount = 0
    }

    func checkRandomSizes<C: CurveParameters>(_: C.Type, seed: UInt64, sizes: [Int], naiveUpTo: Int) {
        var rng = SeededGenerator(seed: seed)
        let known = KnownPoints<C>(count: sizes.max()!, start: Self.randomScalar(&rng), step: Self.randomScalar(&rng))
        Self.forEachThreadCount { threads in
            for n in sizes {
                let points = Array(known.points[0..<n])
                var scalars: [Fr] = []
                for _ in 0..<n { scalars.append(Self.edgyScalar(&rng)) }
                let got = MSM.multiScalarMultiply(points: points, scalars: scalars)
                #expect(got == KnownPoints(points: points, logs: Array(known.logs[0..<n])).expected(scalars),
                        "\(C.name) n=\(n) threads=\(threads)")
                if n <= naiveUpTo {
                    #expect(got == Self.naiveSum(points, scalars), "\(C.name) n=\(n) threads=\(threads) (naive)")
                }
            }
        }
    }

    @Test func g1RandomSizes() {
        checkRandomSizes(G1Parameters.self, seed: 41,
                         sizes: [1, 2, 3, 5, 8, 13, 31, 64, 100, 255, 256, 257, 1000, 1024, 2048, 4096], naiveUpTo: 257)
    }

    @Test func g2RandomSizes() {
        checkRandomSizes(G2Parameters.self, seed: 42, sizes: [1, 2, 3, 7, 64, 255, 256, 1000, 4096], naiveUpTo: 64)
    }

    func checkEdgeCases<C: CurveParameters>(_: C.Type, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let g = AffinePoint<C>.generator
        let o = AffinePoint<C>.infinity
        let known = KnownPoints<C>(count: 2048, start: Self.randomScalar(&rng), step: Self.randomScalar(&rng))
        Self.forEachThreadCount { threads in
            let label = "\(C.name) threads=\(threads)"
            #expect(MSM.multiScalarMultiply(points: [AffinePoint<C>](), scalars: []).isInfinity, "n = 0, \(label)")
            for k in [Fr.zero, .one, Fr(2), -Fr.one, -Fr(2), Self.randomScalar(&rng)] {
                #expect(MSM.multiScalarMultiply(points: [g], scalars: [k]) == g.jacobian.multipliedVartime(by: k),
                        "n = 1, k = \(k), \(label)")
                #expect(MSM.multiScalarMultiply(points: [o], scalars: [k]).isInfinity, "identity point, \(label)")
            }
            for n in [1, 100, 2048] {
                let points = Array(known.points[0..<n])
                let zeros = [Fr](repeating: .zero, count: n)
                #expect(MSM.multiScalarMultiply(points: points, scalars: zeros).isInfinity, "zero scalars n=\(n), \(label)")
                let minusOnes = [Fr](repeating: -Fr.one, count: n)
                #expect(MSM.multiScalarMultiply(points: points, scalars: minusOnes) == known.subset(n).expected(minusOnes),
                        "scalars r-1 n=\(n), \(label)")
                let ones = [Fr](repeating: .one, count: n)
                #expect(MSM.multiScalarMultiply(points: points, scalars: ones) == known.subset(n).expected(ones),
                        "scalars 1 n=\(n), \(label)")
                // Identity points scattered through random input.
                var withInfinity = known.subset(n)
                for i in stride(from: 0, to: n, by: 3) { withInfinity.points[i] = o }
                var scalars: [Fr] = []
                for _ in 0..<n { scalars.append(Self.edgyScalar(&rng)) }
                #expect(MSM.multiScalarMultiply(points: withInfinity.points, scalars: scalars) == withInfinity.expected(scalars),
                        "identity points n=\(n), \(label)")
            }
            // One point repeated: same scalar (every addition lands in a bucket holding the
            // same point: doublings), and random scalars.
            for n in [2, 3, 64, 2048] {
                let p = known.points[7]
                let repeated = [AffinePoint<C>](repeating: p, count: n)
                let same = [Fr](repeating: Fr(12345), count: n)
                #expect(MSM.multiScalarMultiply(points: repeated, scalars: same)
                        == p.jacobian.multipliedVartime(by: Fr(12345) * Fr(UInt64(n))), "repeated point, same scalar n=\(n), \(label)")
                var scalars: [Fr] = []
                var sum = Fr.zero
                for _ in 0..<n {
                    let k = Self.edgyScalar(&rng)
                    scalars.append(k)
                    sum += k
                }
                #expect(MSM.multiScalarMultiply(points: repeated, scalars: scalars) == p.jacobian.multipliedVartime(by: sum),
                        "repeated point n=\(n), \(label)")
            }
            // P and -P in the same input, with equal scalars (they cancel) and with random ones.
            for n in [2, 64, 2048] {
                let half = Array(known.points[0..<(n / 2)])
                let points = half + half.map { -$0 }
                var scalars: [Fr] = []
                for _ in 0..<(n / 2) { scalars.append(Self.edgyScalar(&rng)) }
                #expect(MSM.multiScalarMultiply(points: points, scalars: scalars + scalars).isInfinity,
                        "P and -P cancel n=\(n), \(label)")
                var other: [Fr] = []
                for _ in 0..<(n / 2) { other.append(Self.edgyScalar(&rng)) }
                let expected = MSM.multiScalarMultiply(points: half, scalars: zip(scalars, other).map { $0 - $1 })
                #expect(MSM.multiScalarMultiply(points: points, scalars: scalars + other) == expected,
                        "P and -P n=\(n), \(label)")
                // Interleaved, so P and -P meet inside one batch.
                var interleaved: [AffinePoint<C>] = []
                var interleavedScalars: [Fr] = []
                for i in 0..<(n / 2) {
                    interleaved += [half[i], -half[i], half[i]]
                    interleavedScalars += [scalars[i], scalars[i], other[i]]
                }
                #expect(MSM.multiScalarMultiply(points: interleaved, scalars: interleavedScalars)
                        == MSM.multiScalarMultiply(points: half, scalars: other), "P, -P, P interleaved n=\(n), \(label)")
            }
        }
    }

    @Test func g1EdgeCases() { checkEdgeCases(G1Parameters.self, seed: 43) }
    @Test func g2EdgeCases() { checkEdgeCases(G2Parameters.self, seed: 44) }

    /// Canonical limbs give the same sums as Fr scalars, and values >= r are reduced.
    @Test func canonicalLimbScalars() {
        var rng = SeededGenerator(seed: 45)
        let known = KnownPoints<G1Parameters>(count: 1500, start: Self.randomScalar(&rng), step: Self.randomScalar(&rng))
        var limbs: [UInt64] = []
        var scalars: [Fr] = []
        for i in 0..<known.points.count {
            let words: (UInt64, UInt64, UInt64, UInt64)
            switch i % 4 {
            case 0: words = (.max, .max, .max, .max)  // 2^256 - 1
            case 1: words = (FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3)  // r
            default: words = (rng.next(), rng.next(), rng.next(), rng.next())
            }
            limbs += [words.0, words.1, words.2, words.3]
            scalars.append(Fr(reducingLimbs: words))
        }
        let fromLimbs = known.points.withUnsafeBufferPointer { p in
            limbs.withUnsafeBufferPointer { MSM.multiScalarMultiply(points: p, canonicalScalarLimbs: $0) }
        }
        #expect(fromLimbs == known.expected(scalars))
    }

    /// The recoding reconstructs every scalar for every window width.
    @Test func signedDigitsReconstructTheScalar() {
        var rng = SeededGenerator(seed: 46)
        let edges: [Fr] = [.zero, .one, -Fr.one, -Fr(2), Fr(UInt64.max)]
        for c in 1...16 {
            let windows = SignedDigitWindows(windowBits: c)
            #expect(windows.windowCount * c >= 255)
            var scalars = edges
            for _ in 0..<20 { scalars.append(Self.edgyScalar(&rng)) }
            for k in scalars {
                let offset = windows.offsetScalar(k.canonicalLimbs)
                let words = [offset.0, offset.1, offset.2, offset.3]
                var sum = Fr.zero
                var largest = 0
                words.withUnsafeBufferPointer { s in
                    for w in stride(from: windows.windowCount - 1, through: 0, by: -1) {
                        let d = windows.digit(s.baseAddress!, window: w)
                        #expect(d >= -(1 << (c - 1)) && d <= 1 << (c - 1), "c=\(c) digit \(d)")
                        if w == windows.windowCount - 1 { largest = max(largest, d) }
                        sum = sum * Fr(UInt64(1) << UInt64(c)) + (d >= 0 ? Fr(UInt64(d)) : -Fr(UInt64(-d)))
                    }
                }
                #expect(sum == k, "c=\(c) k=\(k)")
                #expect(largest <= windows.topWindowBucketCount, "c=\(c)")
            }
        }
    }

    /// The batched accumulator on adversarial bucket traffic (empty buckets, doublings, a point
    /// meeting its negation, conflicts inside a batch) against plain Jacobian sums, with bucket
    /// counts below and above the threshold of the lane reduction.
    func checkAccumulator<C: CurveParameters>(_: C.Type, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let known = KnownPoints<C>(count: 16, start: Self.randomScalar(&rng), step: Self.randomScalar(&rng))
        let p = known.points[0]
        for batch in [0, 1, 2, 3, 8] {
            for bucketCount in [1, 2, 5, 300] {
                // Random traffic over few points, then two fixed patterns: every bucket P (lane
                // sums double), and P, -P alternating (lane sums cancel).
                let patterns: [(Int) -> (Int, AffinePoint<C>)] = [
                    { _ in
                        let q = known.points[Int(rng.next() % 4)]
                        return (Int(rng.next() % UInt64(bucketCount)), rng.next() % 2 == 0 ? q : -q)
                    },
                    { i in (i % bucketCount, p) },
                    { i in (i % bucketCount, (i % bucketCount) % 2 == 0 ? p : -p) },
                ]
                for (k, pattern) in patterns.enumerated() {
                    var accumulator = BucketAccumulator<C>(capacity: 512, maximumBatchSize: 8)
                    defer { accumulator.deallocate() }
                    accumulator.reset(bucketCount: bucketCount, batchSize: batch)
                    var reference = [JacobianPoint<C>](repeating: .infinity, count: bucketCount)
                    for i in 0..<(bucketCount < 100 ? 400 : 1000) {
                        let (b, q) = pattern(i)
                        accumulator.add(q, toBucket: b)
                        reference[b] += q
                        if rng.next() % 50 == 0 { accumulator.flush() }
                    }
                    var expected = JacobianPoint<C>.infinity
                    for (b, sum) in reference.enumerated() { expected += sum.multipliedVartime(by: Fr(UInt64(b + 1))) }
                    #expect(accumulator.weightedSum() == expected, "\(C.name) batch=\(batch) buckets=\(bucketCount) pattern \(k)")
                }
            }
        }
    }

    @Test func g1Accumulator() { checkAccumulator(G1Parameters.self, seed: 47) }
    @Test func g2Accumulator() { checkAccumulator(G2Parameters.self, seed: 48) }

    /// Every plan covers each (window, point) pair exactly once, takes each unit once, and
    /// runs no more threads than given.
    @Test func plansCoverEveryWindowAndPoint() {
        for n in [1, 2, 100, 1 << 10, 1 << 16, 1 << 20] {
            for threads in [1, 2, 3, 8] {
                let plan = PippengerPlan(pointCount: n, threads: threads)
                var covered = [Int](repeating: 0, count: plan.windows.windowCount)
                for unit in plan.units { covered[unit.window] += unit.points.count }
                #expect(covered.allSatisfy { $0 == n }, "n=\(n) threads=\(threads)")
                #expect(plan.order.sorted() == Array(plan.units.indices))
                #expect(plan.threads >= 1 && plan.threads <= threads)
            }
        }
    }
}

extension MSMTests.KnownPoints {
    init(points: [AffinePoint<C>], logs: [Fr]) {
        self.points = points
        self.logs = logs
    }

    /// The first n points.
    func subset(_ n: Int) -> Self { Self(points: Array(points[0..<n]), logs: Array(logs[0..<n])) }
}
