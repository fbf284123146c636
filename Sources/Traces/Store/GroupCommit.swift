import Dispatch
import Synchronization

/// Group commit of trace batches: callers queue their batches and wait; one writer thread takes
/// every batch queued so far and stores them in one transaction (one synchronous commit, one
/// fsync), in arrival order, then answers each caller with its own results. Concurrent
/// single-trace requests thus share commits instead of queueing for one fsync each, and no
/// caller's thread blocks on the disk. A caller is answered only after its commit returned.
final class GroupCommit: Sendable {
    typealias Outcomes = [Result<IngestOutcome, TraceRejection>]
    private struct Waiting {
        let batch: [VerifiedTrace]
        let continuation: CheckedContinuation<Outcomes, any Error>
    }
    private struct State {
        var waiting: [Waiting] = []
        var draining = false
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "settlement-store.group-commit")
    /// Stores one combined batch in one transaction.
    private let write: @Sendable ([VerifiedTrace]) throws -> Outcomes

    init(write: @escaping @Sendable ([VerifiedTrace]) throws -> Outcomes) {
        self.write = write
    }

    /// Stores `batch` in the next group commit; one result per trace.
    func ingest(_ batch: [VerifiedTrace]) async throws -> Outcomes {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { s in
                s.waiting.append(Waiting(batch: batch, continuation: continuation))
                defer { s.draining = true }
                return !s.draining
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// Commits groups until nobody waits.
    private func drain() {
        while true {
            let group = state.withLock { s in
                let group = s.waiting
                s.waiting = []
                if group.isEmpty { s.draining = false }
                return group
            }
            guard !group.isEmpty else { return }
            do {
                let outcomes = try write(group.flatMap(\.batch))
                var offset = 0
                for w in group {
                    w.continuation.resume(returning: Array(outcomes[offset..<(offset + w.batch.count)]))
                    offset += w.batch.count
                }
            } catch {
                for w in group { w.continuation.resume(throwing: error) }
            }
        }
    }
}
