import Foundation

/// How one multi-scalar multiplication is cut up: the window width c, the batch size of each
/// window's affine additions, and the work units (one window over one range of the points)
/// that each thread runs.
///
/// Chosen by minimising the modelled time of the busiest thread over c in 1...16 and over the
/// number of point ranges. Splitting windows between threads costs nothing extra; splitting
/// the points as well balances the load when the windows do not divide evenly, at the price
/// of reducing each window's buckets once per range.
struct PippengerPlan {
    /// A window of the scalars over a contiguous range of the points.
    struct Unit {
        let window: Int
        let points: Range<Int>
    }

    let windows: SignedDigitWindows
    /// Additions per batch inversion in each window; 0 means mixed additions only.
    let batchSizes: [Int]
    let units: [Unit]
    /// Unit indices per thread.
    let assignments: [[Int]]

    /// The largest bucket count of any window.
    var bucketCapacity: Int { 1 << (windows.windowBits - 1) }

    init(pointCount n: Int, threads: Int) {
        var best: (cost: Double, plan: PippengerPlan)?
        for c in 1...16 {
            let windows = SignedDigitWindows(windowBits: c)
            for ranges in 1...max(1, min(threads, n)) {
                let plan = PippengerPlan(windows: windows, pointCount: n, ranges: ranges, threads: threads)
                if best == nil || plan.cost < best!.cost { best = (plan.cost, plan) }
            }
        }
        self = best!.plan
    }

    /// The modelled time of the busiest thread.
    private let cost: Double

    private init(windows: SignedDigitWindows, pointCount n: Int, ranges: Int, threads: Int) {
        self.windows = windows
        let chunk = (n + ranges - 1) / ranges
        var batchSizes: [Int] = []
        var units: [Unit] = []
        var unitCosts: [Double] = []
        for w in 0..<windows.windowCount {
            let buckets = windows.bucketCount(window: w)
            let (batch, perPoint) = CostModel.bestBatch(buckets: buckets, points: chunk)
            batchSizes.append(batch)
            for r in 0..<ranges where r * chunk < n {
                let range = (r * chunk)..<min(n, (r + 1) * chunk)
                units.append(Unit(window: w, points: range))
                unitCosts.append(Double(range.count) * perPoint + Double(buckets) * CostModel.bucketReduction(buckets: buckets))
            }
        }
        // Longest unit first, each to the least loaded thread.
        var loads = [Double](repeating: 0, count: max(1, threads))
        var assignments = [[Int]](repeating: [], count: loads.count)
        for u in unitCosts.indices.sorted(by: { unitCosts[$0] > unitCosts[$1] }) {
            let t = loads.indices.min(by: { loads[$0] < loads[$1] })!
            loads[t] += unitCosts[u]
            assignments[t].append(u)
        }
        self.batchSizes = batchSizes
        self.units = units
        self.assignments = assignments.filter { !$0.isEmpty }
        cost = loads.max()! + Double(windows.windowCount * windows.windowBits) * CostModel.doubling
    }
}

/// Relative costs of the group operations (G1, in field multiplications; G2 scales alike).
enum CostModel {
    static let affineAddition = 6.5
    static let mixedAddition = 11.0
    static let inversion = 100.0
    static let doubling = 7.0
    /// Moving an addition through the pending list.
    static let pendingRetry = 0.5
    /// Largest batch: its scratch (about 130 bytes per addition) stays in the L2 cache.
    static let maximumBatch = 1024

    /// One bucket of the reduction: two batched affine additions in lanes, or a mixed and a
    /// full Jacobian addition below the lane threshold.
    static func bucketReduction(buckets: Int) -> Double {
        BucketAccumulator<G1Parameters>.laneCount(buckets: buckets) > 0 ? 15 : 28
    }

    /// The batch size with the lowest modelled cost per point for a window of `buckets`
    /// buckets and `points` points, and that cost. Filling a batch with b distinct buckets out
    /// of B takes about B ln(B / (B - b)) additions; the surplus waits in the pending list.
    static func bestBatch(buckets: Int, points: Int) -> (batch: Int, costPerPoint: Double) {
        var best = (batch: 0, costPerPoint: mixedAddition)
        var b = 8
        while b <= min(maximumBatch, buckets / 2, points) {
            let draws = Double(buckets) * log(Double(buckets) / Double(buckets - b))
            let conflicts = (draws - Double(b)) / draws
            let cost = affineAddition + inversion / Double(b) + conflicts * pendingRetry
            if cost < best.costPerPoint { best = (b, cost) }
            b *= 2
        }
        return best
    }
}
