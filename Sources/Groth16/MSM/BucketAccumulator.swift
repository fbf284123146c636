/// The buckets of one Pippenger window, owned by one thread and reused window after window.
///
/// Additions into the affine buckets are batched (`AffineAdditionBatch`, one inversion per
/// batch). A batch may hold each bucket at most once: a point whose bucket is already queued
/// waits in a pending list for the next batch, and when that list is full it goes into the
/// bucket's Jacobian overflow sum instead. Skewed scalar distributions (many scalars 1, as
/// witnesses have) therefore cost mixed additions, never extra inversions. Windows with few
/// buckets use the overflow sums only.
///
/// The weighted sum of the buckets is also computed with batched affine additions, by running
/// sums in independent lanes of consecutive buckets (see `laneWeightedSum`).
struct BucketAccumulator<C: CurveParameters> {
    /// Affine bucket sums; the point at infinity (0, 0) marks an empty bucket.
    private let buckets: UnsafeMutablePointer<AffinePoint<C>>
    /// Jacobian sums of the additions that met their bucket already queued.
    private let overflow: UnsafeMutablePointer<JacobianPoint<C>>
    /// marks[b] == epoch while bucket b is queued in the current batch.
    private let marks: UnsafeMutablePointer<UInt32>
    private var epoch: UInt32 = 1
    private var batch: AffineAdditionBatch<C>
    /// Additions that met their bucket queued, retried after the next batch.
    private let pendingPoints: UnsafeMutablePointer<AffinePoint<C>>
    private let pendingBuckets: UnsafeMutablePointer<Int32>
    private var pendingCount = 0
    private let pendingCapacity: Int
    /// The running sums and weighted sums of the lanes of the reduction.
    private let laneRunning: UnsafeMutablePointer<AffinePoint<C>>
    private let laneTotal: UnsafeMutablePointer<AffinePoint<C>>
    /// Queued additions per inversion in the current window (0: overflow sums only).
    private var batchSize = 0
    private var bucketCount = 0
    let capacity: Int

    /// Room for `capacity` buckets and batches of up to `maximumBatchSize` additions.
    init(capacity: Int, maximumBatchSize: Int) {
        self.capacity = capacity
        buckets = .allocate(capacity: capacity)
        overflow = .allocate(capacity: capacity)
        marks = .allocate(capacity: capacity)
        marks.initialize(repeating: 0, count: capacity)
        batch = AffineAdditionBatch(capacity: max(maximumBatchSize, CostModel.maximumLanes))
        pendingCapacity = max(1, maximumBatchSize)
        pendingPoints = .allocate(capacity: pendingCapacity)
        pendingBuckets = .allocate(capacity: pendingCapacity)
        laneRunning = .allocate(capacity: CostModel.maximumLanes)
        laneTotal = .allocate(capacity: CostModel.maximumLanes)
    }

    func deallocate() {
        buckets.deallocate()
        overflow.deallocate()
        marks.deallocate()
        batch.deallocate()
        pendingPoints.deallocate()
        pendingBuckets.deallocate()
        laneRunning.deallocate()
        laneTotal.deallocate()
    }

    /// Empties `bucketCount` buckets for a new window. A batch size of 0 sends every addition to
    /// the Jacobian overflow sums (for windows with too few buckets to batch).
    mutating func reset(bucketCount: Int, batchSize: Int) {
        precondition(bucketCount <= capacity && batchSize <= batch.capacity)
        self.bucketCount = bucketCount
        self.batchSize = batchSize
        buckets.initialize(repeating: .infinity, count: bucketCount)
        overflow.initialize(repeating: .infinity, count: bucketCount)
    }

    /// bucket[b] += p, for a point p other than infinity.
    @inline(__always)
    mutating func add(_ p: AffinePoint<C>, toBucket b: Int) {
        if batchSize == 0 {
            overflow[b] += p
        } else if marks[b] != epoch {
            queue(p, toBucket: b)
            if batch.count == batchSize { flush() }
        } else if pendingCount < pendingCapacity {
            pendingPoints[pendingCount] = p
            pendingBuckets[pendingCount] = Int32(truncatingIfNeeded: b)
            pendingCount += 1
        } else {
            overflow[b] += p
        }
    }

    /// Queues bucket[b] += p into the batch (bucket b not queued yet, batch not full).
    @inline(__always)
    private mutating func queue(_ p: AffinePoint<C>, toBucket b: Int) {
        if batch.add(p, into: buckets, at: b) { marks[b] = epoch }
    }

    /// Performs the queued additions, then moves the pending ones whose bucket is free into the
    /// new batch (performing again while that fills it).
    mutating func flush() {
        repeat {
            performBatch()
            var kept = 0
            for i in 0..<pendingCount {
                let b = Int(pendingBuckets[i])
                if batch.count < batchSize && marks[b] != epoch {
                    queue(pendingPoints[i], toBucket: b)
                } else {
                    pendingPoints[kept] = pendingPoints[i]
                    pendingBuckets[kept] = pendingBuckets[i]
                    kept += 1
                }
            }
            pendingCount = kept
        } while batch.count == batchSize && batchSize > 0
    }

    /// Performs the batch and starts a new epoch (no bucket queued).
    private mutating func performBatch() {
        batch.perform(on: buckets)
        epoch &+= 1
        if epoch == 0 {
            marks.initialize(repeating: 0, count: capacity)
            epoch = 1
        }
    }

    /// Performs everything queued and pending; what is still pending after one more batch (all
    /// for buckets queued in it) goes to the overflow sums.
    private mutating func drain() {
        flush()
        performBatch()
        for i in 0..<pendingCount { overflow[Int(pendingBuckets[i])] += pendingPoints[i] }
        pendingCount = 0
    }

    /// sum_b (b + 1) · bucket[b]. Drains the batch and the pending additions first.
    mutating func weightedSum() -> JacobianPoint<C> {
        drain()
        let lanes = CostModel.laneCount(buckets: bucketCount)
        if lanes == 0 { return jacobianWeightedSum() }
        foldOverflow()
        return laneWeightedSum(lanes: lanes)
    }

    /// The running-sum reduction in Jacobian coordinates, from the top bucket down.
    private func jacobianWeightedSum() -> JacobianPoint<C> {
        var running = JacobianPoint<C>.infinity
        var total = JacobianPoint<C>.infinity
        for b in stride(from: bucketCount - 1, through: 0, by: -1) {
            running += buckets[b]
            if !overflow[b].isInfinity { running += overflow[b] }
            total += running
        }
        return total
    }

    /// Adds every non-empty overflow sum into its affine bucket (normalised in one batch).
    private mutating func foldOverflow() {
        var indices: [Int] = []
        var sums: [JacobianPoint<C>] = []
        for b in 0..<bucketCount where !overflow[b].isInfinity {
            indices.append(b)
            sums.append(overflow[b])
        }
        guard !sums.isEmpty else { return }
        for (b, p) in zip(indices, JacobianPoint<C>.batchNormalize(sums)) where !p.isInfinity {
            _ = batch.add(p, into: buckets, at: b)  // distinct buckets: never queued twice
            if batch.isFull { batch.perform(on: buckets) }
        }
        batch.perform(on: buckets)
    }

    /// The reduction in L lanes of m consecutive buckets: lane l keeps a running sum R_l and a
    /// weighted sum T_l = sum_t (t + 1) B_(lm+t) over its buckets, every step advancing all lanes
    /// by two batched affine additions. Then sum_b (b + 1) B_b = sum_l T_l + m · sum_l l · R_l.
    private mutating func laneWeightedSum(lanes: Int) -> JacobianPoint<C> {
        let m = (bucketCount + lanes - 1) / lanes
        laneRunning.initialize(repeating: .infinity, count: lanes)
        laneTotal.initialize(repeating: .infinity, count: lanes)
        for t in stride(from: m - 1, through: 0, by: -1) {
            for l in 0..<lanes where l * m + t < bucketCount {
                let p = buckets[l * m + t]
                if !p.isInfinity { _ = batch.add(p, into: laneRunning, at: l) }
            }
            batch.perform(on: laneRunning)
            for l in 0..<lanes where !laneRunning[l].isInfinity {
                _ = batch.add(laneRunning[l], into: laneTotal, at: l)
            }
            batch.perform(on: laneTotal)
        }
        var total = JacobianPoint<C>.infinity
        var running = JacobianPoint<C>.infinity
        var laneWeighted = JacobianPoint<C>.infinity
        for l in stride(from: lanes - 1, through: 0, by: -1) {
            total += laneTotal[l]
            running += laneRunning[l]
            if l > 0 { laneWeighted += running }
        }
        return total + laneWeighted.multipliedVartime(byLimbs: (UInt64(m), 0, 0, 0))
    }
}
