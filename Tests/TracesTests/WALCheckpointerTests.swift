import Foundation
import Testing
import Groth16
@testable import Traces

/// The background checkpointer: commits reach the database file without any commit paying
/// for the copy, and the log is rewound once it is large.
@Suite struct WALCheckpointerTests {
    typealias F = TraceFixtures

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test func commitsReachTheDatabaseFileInTheBackground() async throws {
        let (store, dir) = try F.temporaryStore()
        let path = dir.appendingPathComponent("agent.sqlite").path
        let alice = F.user(1)
        try F.register(store, alice, balance: 1_000_000)
        // Let the checkpoint of the migration and the registration go by.
        try await Task.sleep(for: .seconds(store.checkpointer.delay + 0.5))
        let before = Self.fileSize(path)
        _ = try store.ingest((1...2_000).map { F.verified(F.trace(user: alice, nonce: UInt64($0), fee: 1)) })
        #expect(Self.fileSize(path) == before, "no commit checkpoints by itself")
        #expect(Self.fileSize(path + "-wal") > 0)
        var after = before
        for _ in 0..<50 where after == before {
            try await Task.sleep(for: .milliseconds(100))
            after = Self.fileSize(path)
        }
        #expect(after > before, "the checkpointer copied the log into the database")
        let state = try #require(store.checkpointer.checkpoint())
        #expect(state.walFrameCount == state.checkpointedFrameCount)
        #expect(try store.traceCounts() == [.pending: 2_000])
    }

    @Test func aLargeLogIsRewound() throws {
        let (store, dir) = try F.temporaryStore()
        let checkpointer = try WALCheckpointer(path: dir.appendingPathComponent("agent.sqlite").path, restartFrames: 20)
        let alice = F.user(1)
        try F.register(store, alice, balance: 1_000_000)
        for n in 1...30 { _ = try store.ingest([F.verified(F.trace(user: alice, nonce: UInt64(n), fee: 1))]) }
        let grown = try #require(checkpointer.checkpoint())
        #expect(grown.walFrameCount >= 20 && grown.checkpointedFrameCount == grown.walFrameCount)
        // After the restart the next commit writes from the start of the log.
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 31, fee: 1))])
        let rewound = try #require(checkpointer.checkpoint())
        #expect(rewound.walFrameCount < 20)
        #expect(try store.integrityCheck() == "ok")
    }
}
