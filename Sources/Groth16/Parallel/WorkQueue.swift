import Synchronization

/// Hands out the indices 0..<count to threads as they become free (dynamic scheduling), so a
/// thread slowed by other load on the machine takes fewer pieces instead of holding up the rest.
/// Lock-free: one relaxed atomic increment per piece.
public final class WorkQueue: Sendable {
    private let next = Atomic<Int>(0)
    /// The number of pieces.
    public let count: Int

    public init(count: Int) {
        self.count = count
    }

    /// The next piece not yet taken, or nil when all are taken.
    public func take() -> Int? {
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return i < count ? i : nil
    }
}

extension Parallelism {
    /// Splits 0..<count into ranges of `pieceSize` (the last may be shorter) and runs `body` on
    /// each, on up to `workers` threads (default `threadCount`) that take the next range as they
    /// become free. The caller guarantees that the ranges touch disjoint data.
    public static func forEachPiece(count: Int, pieceSize: Int, workers: Int? = nil, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let size = max(1, pieceSize)
        let queue = WorkQueue(count: (count + size - 1) / size)
        run(workers: min(workers ?? threadCount, queue.count)) { _ in
            while let piece = queue.take() {
                body((piece * size)..<min(count, (piece + 1) * size))
            }
        }
    }
}
