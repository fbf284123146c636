/// Multi-scalar multiplication sum_i k_i·P_i over G1 or G2 by Pippenger's bucket method.
///
/// Scalars are recoded into signed c-bit digits (2^(c-1) buckets per window); windows and
/// ranges of points are units of work that `Parallelism.threadCount` threads take as they
/// become free, each into its own buckets (see `PippengerPlan`); bucket additions are affine, batched over one inversion (see
/// `BucketAccumulator`). Extra memory: the recoded scalars (32 bytes each) and, per thread,
/// the buckets of one window. Variable time: for public data and prover-side secrets on a
/// machine the prover controls, as every Groth16 prover does.
///
/// Every input is accepted: no points, points at infinity, zero scalars, repeated points, a
/// point and its negation; the result is the exact sum.
public enum MSM {
    /// sum_i scalars[i]·points[i]. The two buffers must have the same length.
    @specialized(where C == G1Parameters)
    @specialized(where C == G2Parameters)
    public static func multiScalarMultiply<C: CurveParameters>(
        points: UnsafeBufferPointer<AffinePoint<C>>, scalars: UnsafeBufferPointer<Fr>
    ) -> JacobianPoint<C> {
        precondition(points.count == scalars.count, "MSM: \(points.count) points but \(scalars.count) scalars")
        return withPlan(count: points.count) { plan, offsets in
            Parallelism.forEachPiece(count: points.count, pieceSize: 1 << 14) { range in
                for i in range {
                    store(plan.windows.offsetScalar(scalars[i].canonicalLimbs), at: offsets + 4 * i)
                }
            }
            return accumulate(points: points, offsetScalars: offsets, plan: plan)
        }
    }

    /// sum_i k_i·points[i] with the scalars given as canonical (not Montgomery) little-endian
    /// 64-bit limbs, four per scalar, as .wtns files store them: `scalarLimbs[4i..<4i+4]` is k_i.
    /// Any 256-bit value is accepted and taken modulo r.
    @specialized(where C == G1Parameters)
    @specialized(where C == G2Parameters)
    public static func multiScalarMultiply<C: CurveParameters>(
        points: UnsafeBufferPointer<AffinePoint<C>>, canonicalScalarLimbs scalarLimbs: UnsafeBufferPointer<UInt64>
    ) -> JacobianPoint<C> {
        precondition(scalarLimbs.count == 4 * points.count,
                     "MSM: \(points.count) points but \(scalarLimbs.count) scalar limbs (4 per scalar)")
        return withPlan(count: points.count) { plan, offsets in
            let limbs = scalarLimbs.baseAddress
            Parallelism.forEachPiece(count: points.count, pieceSize: 1 << 14) { range in
                for i in range {
                    let k = reducedModuloR((limbs![4 * i], limbs![4 * i + 1], limbs![4 * i + 2], limbs![4 * i + 3]))
                    store(plan.windows.offsetScalar(k), at: offsets + 4 * i)
                }
            }
            return accumulate(points: points, offsetScalars: offsets, plan: plan)
        }
    }

    /// sum_i scalars[i]·points[i] (arrays of the same length).
    public static func multiScalarMultiply<C: CurveParameters>(points: [AffinePoint<C>], scalars: [Fr]) -> JacobianPoint<C> {
        points.withUnsafeBufferPointer { p in
            scalars.withUnsafeBufferPointer { s in multiScalarMultiply(points: p, scalars: s) }
        }
    }

    /// Plans the work for `count` points, allocates the recoded scalars (4 limbs each) and
    /// runs `body`; n = 0 gives infinity without calling it.
    private static func withPlan<C: CurveParameters>(
        count: Int, _ body: (PippengerPlan, UnsafeMutablePointer<UInt64>) -> JacobianPoint<C>
    ) -> JacobianPoint<C> {
        guard count > 0 else { return .infinity }
        let threads = count >= 1 << 8 ? Parallelism.threadCount : 1
        let plan = PippengerPlan(pointCount: count, threads: threads)
        let offsets = UnsafeMutablePointer<UInt64>.allocate(capacity: 4 * count)
        defer { offsets.deallocate() }
        return body(plan, offsets)
    }

    /// Runs the plan's units on its threads and combines the window sums.
    private static func accumulate<C: CurveParameters>(
        points: UnsafeBufferPointer<AffinePoint<C>>, offsetScalars: UnsafeMutablePointer<UInt64>, plan: PippengerPlan
    ) -> JacobianPoint<C> {
        let windows = plan.windows
        let unitSums = UnsafeMutablePointer<JacobianPoint<C>>.allocate(capacity: plan.units.count)
        defer { unitSums.deallocate() }
        let maximumBatch = plan.batchSizes.max() ?? 0
        let queue = WorkQueue(count: plan.order.count)
        Parallelism.run(workers: plan.threads) { _ in
            var buckets = BucketAccumulator<C>(capacity: plan.bucketCapacity, maximumBatchSize: maximumBatch)
            defer { buckets.deallocate() }
            while let next = queue.take() {
                let u = plan.order[next]
                let unit = plan.units[u]
                let w = unit.window
                buckets.reset(bucketCount: windows.bucketCount(window: w), batchSize: plan.batchSizes[w])
                for i in unit.points {
                    let digit = windows.digit(offsetScalars + 4 * i, window: w)
                    if digit == 0 { continue }
                    let p = points[i]
                    if p.isInfinity { continue }
                    if digit > 0 {
                        buckets.add(p, toBucket: digit - 1)
                    } else {
                        buckets.add(AffinePoint(uncheckedX: p.x, y: -p.y), toBucket: -digit - 1)
                    }
                }
                (unitSums + u).initialize(to: buckets.weightedSum())
            }
        }
        var windowSums = [JacobianPoint<C>](repeating: .infinity, count: windows.windowCount)
        for (u, unit) in plan.units.enumerated() { windowSums[unit.window] += unitSums[u] }
        var total = JacobianPoint<C>.infinity
        for w in stride(from: windows.windowCount - 1, through: 0, by: -1) {
            for _ in 0..<windows.windowBits { total = total.doubled() }
            total += windowSums[w]
        }
        return total
    }

    @inline(__always)
    private static func store(_ k: (UInt64, UInt64, UInt64, UInt64), at p: UnsafeMutablePointer<UInt64>) {
        p[0] = k.0
        p[1] = k.1
        p[2] = k.2
        p[3] = k.3
    }

    /// k mod r for any 256-bit k (at most five subtractions: 2^256 < 6r).
    @inline(__always)
    static func reducedModuloR(_ k: (UInt64, UInt64, UInt64, UInt64)) -> (UInt64, UInt64, UInt64, UInt64) {
        var k = k
        while true {
            let (d0, b0) = k.0.subtractingReportingOverflow(FrParameters.m0)
            let (t1, b1) = k.1.subtractingReportingOverflow(FrParameters.m1)
            let (d1, c1) = t1.subtractingReportingOverflow(b0 ? 1 : 0)
            let (t2, b2) = k.2.subtractingReportingOverflow(FrParameters.m2)
            let (d2, c2) = t2.subtractingReportingOverflow(b1 || c1 ? 1 : 0)
            let (t3, b3) = k.3.subtractingReportingOverflow(FrParameters.m3)
            let (d3, c3) = t3.subtractingReportingOverflow(b2 || c2 ? 1 : 0)
            if b3 || c3 { return k }
            k = (d0, d1, d2, d3)
        }
    }
}
