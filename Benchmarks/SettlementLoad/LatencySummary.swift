/// Percentiles of request latencies (nearest rank).
struct LatencySummary {
    let count: Int
    let p50: Double
    let p99: Double
    let max: Double

    /// From latencies in seconds.
    init(_ latencies: [Double]) {
        let sorted = latencies.sorted()
        count = sorted.count
        func rank(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
        }
        p50 = rank(0.50)
        p99 = rank(0.99)
        max = sorted.last ?? .nan
    }
}
