import Foundation
import Synchronization
import Traces

/// The chain side as the agent last saw it, for `GET /v1/chain`, `/metrics` and the logs:
/// the node's head, the follower's cursor and lag, and the last error (nil once a step works
/// again). Shared by the chain service and the routes.
final class ChainStatus: Sendable {
    struct Snapshot: Sendable {
        var registry: String
        var chainId: UInt64
        var confirmations: UInt64
        var head: UInt64?
        var cursor: ChainBlock?
        var lastError: String?
        var lastStepAt: Double?

        var lag: UInt64? { head.map { $0 - min($0, cursor?.number ?? 0) } }
    }

    private let state: Mutex<Snapshot>

    init(registry: String, chainId: UInt64, confirmations: UInt64) {
        state = Mutex(Snapshot(registry: registry, chainId: chainId, confirmations: confirmations))
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    func stepped(head: UInt64, cursor: ChainBlock?) {
        state.withLock {
            $0.head = head
            $0.cursor = cursor
            $0.lastError = nil
            $0.lastStepAt = Date().timeIntervalSince1970
        }
    }

    /// Records a failed step; returns whether the error is new (worth logging).
    func failed(_ error: String) -> Bool {
        state.withLock { snapshot in
            defer { snapshot.lastError = error }
            return snapshot.lastError != error
        }
    }
}

extension ChainBlock {
    /// The block as `GET /v1/chain` and `chain status` show it (numbers as decimal strings).
    var json: [String: Any] { ["number": String(number), "hash": hash, "timestamp": String(timestamp)] }
}
