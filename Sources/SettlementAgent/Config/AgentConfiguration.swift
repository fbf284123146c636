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
}
