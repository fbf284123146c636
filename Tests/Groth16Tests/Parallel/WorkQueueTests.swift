import Testing
@testable import Groth16

/// Dynamic scheduling hands out every piece exactly once, whatever the thread count.
@Suite struct WorkQueueTests {
    @Test func everyIndexOnce() {
        for (count, pieceSize, workers) in [(0, 5, 2), (1, 5, 2), (10_000, 7, 4), (10_000, 10_000, 3), (999, 1, 8)] {
            let hits = UnsafeMutablePointer<Int>.allocate(capacity: max(1, count))
            hits.initialize(repeating: 0, count: max(1, count))
            defer { hits.deallocate() }
            let slots = SendablePointer(hits)
            Parallelism.forEachPiece(count: count, pieceSize: pieceSize, workers: workers) { range in
                for i in range { slots[i] += 1 }
            }
            #expect((0..<count).allSatisfy { hits[$0] == 1 }, "count=\(count) pieceSize=\(pieceSize) workers=\(workers)")
        }
        let queue = WorkQueue(count: 3)
        #expect([queue.take(), queue.take(), queue.take(), queue.take()] == [0, 1, 2, nil])
    }
}
