import Foundation
import Traces

/// Everything `serve` needs to know, from flags and environment (see `ServeCommand`).
struct AgentConfiguration: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    /// The SQLite database (created if missing).
    var databasePath = "data/agent.sqlite"
    /// The directory `settlement-agent setup` wrote the keys into.
    var keysDirectory = "data/keys"
    /// The bearer token of the admin endpoints (accounts, settlements).
    var adminToken: String
    /// The chain and contract traces are signed for.
    var domain: SettlementDomain
    /// The provider this agent collects for; traces to anyone else are refused.
    var provider: Address
    /// Most transitions queued or proving before new settlements are refused with 503.
    var maxQueuedJobs = 256
    /// Concurrent proofs (each proof already uses every core).
    var provingWorkers = 1
    /// Largest request body accepted.
    var maxBodyBytes = 4 << 20
    /// Most traces in one POST /v1/traces.
    var maxTracesPerRequest = 1_000
    /// A connection that makes no progress for this long is closed: headers not complete, a
    /// body that stalls, or an idle keep-alive connection.
    var readTimeout: Duration = .seconds(15)
    /// Most connections open at once; beyond it a new connection gets 503 and is closed.
    var maxConnections = 512
    /// How often `PRAGMA integrity_check` runs (it also runs at start); /healthz shows the last result.
    var integrityCheckInterval: Duration = .seconds(3600)
    /// How often a write is committed to prove the database still takes writes.
    var writeProbeInterval: Duration = .seconds(30)
}
