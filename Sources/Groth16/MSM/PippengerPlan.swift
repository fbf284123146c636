/// How one multi-scalar multiplication is cut up: the window width c, the batch size of each
/// window's affine additions, and the work units (one window over one range of the points),
/// which the threads take longest first as they become free.
///
/// Chosen by minimising the modelled time of the busiest thread (longest units first, each to
/// the least loaded thread) over c in 1...16 and over the number of point ranges. Splitting
/// windows between threads costs nothing extra; splitting the points as well balances the load
/// when the windows do not divide evenly, at the price of reducing each window's buckets once
/// per range.
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
    /// Unit indices, longest first: the order in which threads take them.
    let order: [Int]
    /// The number of threads to run.
    let threads: Int

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
        let order = unitCosts.indices.sorted(by: { unitCosts[$0] > unitCosts[$1] })
        var loads = [Double](repeating: 0, count: max(1, min(threads, units.count)))
        for u in order {
            let t = loads.indices.min(by: { loads[$0] < loads[$1] })!
            loads[t] += unitCosts[u]
        }
        self.batchSizes = batchSizes
        self.units = units
        self.order = order
        self.threads = loads.count
        cost = loads.max()! + Double(windows.windowCount * windows.windowBits) * CostModel.doubling
    }
}
