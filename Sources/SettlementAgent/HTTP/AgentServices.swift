import Foundation
import Groth16
import Traces

/// What the routes and the proving worker share.
struct AgentServices: Sendable {
    let config: AgentConfiguration
    let store: SettlementStore
    let ingestor: TraceIngestor
    let metrics: AgentMetrics
    let keys: SettlementKeys
    /// Wakes the proving worker when new jobs are queued.
    let jobSignal: JobSignal
    /// The last integrity check and write probe, for /healthz (`HealthCheckService` updates it).
    let health: DatabaseHealth
    /// The chain follower's view (nil without a chain: accounts come from `POST /v1/accounts`).
    let chain: ChainStatus?

    init(config: AgentConfiguration, store: SettlementStore, keys: SettlementKeys, metrics: AgentMetrics = AgentMetrics(),
         chain: ChainStatus? = nil) {
        self.config = config
        self.chain = chain
        self.store = store
        self.keys = keys
        self.metrics = metrics
        ingestor = TraceIngestor(store: store, verifier: TraceVerifier(domain: config.domain, provider: config.provider))
        jobSignal = JobSignal()
        health = DatabaseHealth(store: store)
    }
}
