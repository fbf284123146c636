import Foundation

/// Relative costs of the group operations (G1, in field multiplications; G2 scales alike), and
/// the batch and lane sizes chosen from them.
enum CostModel {
    static let affineAddition = 6.5
    static let mixedAddition = 11.0
    static let inversion = 100.0
    static let doubling = 7.0
    /// Moving an addition through the pending list.
    static let pendingRetry = 0.5
    /// Largest batch: its scratch (about 130 bytes per addition) stays in the L2 cache.
    static let maximumBatch = 1024

    /// At most this many lanes in the batched reduction.
    static let maximumLanes = 256

    /// One bucket of the reduction: two batched affine additions in lanes, or a mixed and a
    /// full Jacobian addition below the lane threshold.
    static func bucketReduction(buckets: Int) -> Double {
        laneCount(buckets: buckets) > 0 ? 15 : 28
    }

    /// Lanes for the batched reduction of a window: about 2·sqrt(B) (a power of two) for B
    /// buckets, balancing the 2B/L inversions of the lane steps against the ~3L Jacobian
    /// additions that combine the lanes; none below 256 buckets (Jacobian running sums instead).
    static func laneCount(buckets: Int) -> Int {
        guard buckets >= 256 else { return 0 }
        var lanes = 16
        while lanes * lanes < 4 * buckets && lanes < maximumLanes { lanes *= 2 }
        return lanes
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
