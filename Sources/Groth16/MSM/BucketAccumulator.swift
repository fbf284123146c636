/// The buckets of one Pippenger window, owned by one thread and reused window after window.
///
/// Additions into the affine buckets are batched: each queued addition contributes one
/// denominator, a batch shares one field inversion (Montgomery's trick), and an affine
/// addition then costs about 6 multiplications instead of 11 for a mixed Jacobian one. A batch
/// may hold each bucket at most once (its result feeds the next addition), so a point whose
/// bucket is already queued goes into that bucket's Jacobian overflow sum instead; skewed
/// scalar distributions (many scalars 1, as witnesses have) therefore cost mixed additions,
/// never inversions. Windows with few buckets use the overflow sums only.
///
/// Exceptional cases are decided when an addition is queued: an empty bucket takes the point,
/// the same point doubles (denominator 2y), the opposite point empties the bucket.
struct BucketAccumulator<C: CurveParameters> {
    /// Affine bucket sums; the point at infinity (0, 0) marks an empty bucket.
    private let buckets: UnsafeMutablePointer<AffinePoint<C>>
    /// Jacobian sums of the additions that met their bucket already queued.
    private let overflow: UnsafeMutablePointer<JacobianPoint<C>>
    /// marks[b] == epoch while bucket b is queued in the current batch.
    private let marks: UnsafeMutablePointer<UInt32>
    private var epoch: UInt32 = 1
    /// The queued additions: bucket, point, denominator (x_p - x_b, or 2y_b to double), and the
    /// prefix products of the denominators.
    private let queuedBuckets: UnsafeMutablePointer<Int32>
    private let queuedPoints: UnsafeMutablePointer<AffinePoint<C>>
    private let denominators: UnsafeMutablePointer<C.Base>
    private let prefixProducts: UnsafeMutablePointer<C.Base>
    private var queued = 0
    private var batchSize = 0
    private var bucketCount = 0
    let capacity: Int
    let maximumBatchSize: Int

    /// Room for `capacity` buckets and batches of up to `maximumBatchSize` additions.
    init(capacity: Int, maximumBatchSize: Int) {
        self.capacity = capacity
        self.maximumBatchSize = max(1, maximumBatchSize)
        buckets = .allocate(capacity: capacity)
        overflow = .allocate(capacity: capacity)
        marks = .allocate(capacity: capacity)
        marks.initialize(repeating: 0, count: capacity)
        queuedBuckets = .allocate(capacity: self.maximumBatchSize)
        queuedPoints = .allocate(capacity: self.maximumBatchSize)
        denominators = .allocate(capacity: self.maximumBatchSize)
        prefixProducts = .allocate(capacity: self.maximumBatchSize)
    }

    func deallocate() {
        buckets.deallocate()
        overflow.deallocate()
        marks.deallocate()
        queuedBuckets.deallocate()
        queuedPoints.deallocate()
        denominators.deallocate()
        prefixProducts.deallocate()
    }

    /// Empties `bucketCount` buckets for a new window. A batch size of 0 sends every addition to
    /// the Jacobian overflow sums (for windows with too few buckets to batch).
    mutating func reset(bucketCount: Int, batchSize: Int) {
        precondition(bucketCount <= capacity && batchSize <= maximumBatchSize)
        self.bucketCount = bucketCount
        self.batchSize = batchSize
        buckets.initialize(repeating: .infinity, count: bucketCount)
        overflow.initialize(repeating: .infinity, count: bucketCount)
    }

    /// bucket[b] += p, for a point p other than infinity.
    @inline(__always)
    mutating func add(_ p: AffinePoint<C>, toBucket b: Int) {
        if batchSize == 0 || marks[b] == epoch {
            overflow[b] += p
            return
        }
        let q = buckets[b]
        if q.isInfinity {
            buckets[b] = p
            return
        }
        let denominator: C.Base
        if q.x == p.x {
            if q.y != p.y {
                buckets[b] = .infinity  // p = -q
                return
            }
            denominator = q.y.doubled()
        } else {
            denominator = p.x - q.x
        }
        marks[b] = epoch
        queuedBuckets[queued] = Int32(truncatingIfNeeded: b)
        queuedPoints[queued] = p
        denominators[queued] = denominator
        queued += 1
        if queued == batchSize { flush() }
    }

    /// Performs the queued additions with one inversion.
    mutating func flush() {
        guard queued > 0 else { return }
        var product = C.Base.one
        for e in 0..<queued {
            prefixProducts[e] = product
            product = product * denominators[e]
        }
        // Every denominator is non-zero (distinct x, or 2y with y != 0 on a prime-order curve).
        var inverse = product.inverse()!
        for e in stride(from: queued - 1, through: 0, by: -1) {
            let denominatorInverse = inverse * prefixProducts[e]
            inverse = inverse * denominators[e]
            let b = Int(queuedBuckets[e])
            let q = buckets[b], p = queuedPoints[e]
            let numerator: C.Base
            if q.x == p.x {
                let xx = q.x.squared()
                numerator = xx.doubled() + xx
            } else {
                numerator = p.y - q.y
            }
            let lambda = numerator * denominatorInverse
            let x3 = lambda.squared() - q.x - p.x
            buckets[b] = AffinePoint(uncheckedX: x3, y: lambda * (q.x - x3) - q.y)
        }
        queued = 0
        epoch &+= 1
        if epoch == 0 {
            marks.initialize(repeating: 0, count: capacity)
            epoch = 1
        }
    }

    /// sum_b (b + 1) · bucket[b], by running sums from the top bucket down. Flushes first.
    mutating func weightedSum() -> JacobianPoint<C> {
        flush()
        var running = JacobianPoint<C>.infinity
        var total = JacobianPoint<C>.infinity
        var top = bucketCount - 1
        while top >= 0 && buckets[top].isInfinity && overflow[top].isInfinity { top -= 1 }
        if top < 0 { return total }
        for b in stride(from: top, through: 0, by: -1) {
            running += buckets[b]
            if !overflow[b].isInfinity { running += overflow[b] }
            total += running
        }
        return total
    }
}
