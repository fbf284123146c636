import Prometheus

/// The agent's Prometheus metrics, kept in one registry that `GET /metrics` renders.
final class AgentMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let tracesAccepted: Counter
    let tracesDuplicate: Counter
    let queueDepth: Gauge
    let settlementsCreated: Counter

    init() {
        tracesAccepted = registry.makeCounter(name: "settlement_traces_accepted_total", help: "Traces stored as new pending traces.")
        tracesDuplicate = registry.makeCounter(name: "settlement_traces_duplicate_total", help: "Resubmitted traces that were already stored.")
        queueDepth = registry.makeGauge(name: "settlement_proving_queue_depth", help: "Transitions queued or being proved.")
        settlementsCreated = registry.makeCounter(name: "settlement_settlements_created_total", help: "Settlements created.")
    }

    /// Rejected traces by reason code.
    func traceRejected(_ code: String) {
        registry.makeCounter(name: "settlement_traces_rejected_total", labels: [("reason", code)],
                             help: "Traces refused, by reason.").increment()
    }

    /// Time of one proving stage.
    func provingStage(_ stage: String, seconds: Double) {
        registry.makeValueHistogram(name: "settlement_proving_stage_seconds", labels: [("stage", stage)],
                                    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
                                    help: "Seconds per proving stage.").record(seconds)
    }

    /// HTTP responses by route and status.
    func response(route: String, status: Int) {
        registry.makeCounter(name: "settlement_http_responses_total", labels: [("route", route), ("status", String(status))],
                             help: "HTTP responses by route and status.").increment()
    }

    /// The Prometheus text exposition.
    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
