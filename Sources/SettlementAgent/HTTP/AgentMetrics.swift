import Prometheus
import Traces

/// The agent's Prometheus metrics, kept in one registry that `GET /metrics` renders.
final class AgentMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let tracesAccepted: Counter
    let tracesDuplicate: Counter
    let queueDepth: Gauge
    let settlementsCreated: Counter
    let openConnections: Gauge

    init() {
        tracesAccepted = registry.makeCounter(name: "settlement_traces_accepted_total", help: "Traces stored as new pending traces.")
        tracesDuplicate = registry.makeCounter(name: "settlement_traces_duplicate_total", help: "Resubmitted traces that were already stored.")
        queueDepth = registry.makeGauge(name: "settlement_proving_queue_depth", help: "Transitions queued or being proved.")
        settlementsCreated = registry.makeCounter(name: "settlement_settlements_created_total", help: "Settlements created.")
        openConnections = registry.makeGauge(name: "settlement_http_open_connections", help: "HTTP connections open now.")
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

    /// One answered HTTP request: counted by method, route and status; its latency recorded
    /// by method and route.
    func request(method: String, route: String, status: Int, seconds: Double) {
        registry.makeCounter(name: "settlement_http_requests_total",
                             labels: [("method", method), ("route", route), ("status", String(status))],
                             help: "HTTP requests answered, by method, route and status.").increment()
        registry.makeValueHistogram(name: "settlement_http_request_seconds", labels: [("method", method), ("route", route)],
                                    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
                                    help: "Seconds from a request's head to its response, by method and route.").record(seconds)
    }

    /// A connection or request refused at the HTTP edge, before the router: `too_many_connections`
    /// or `body_too_large` (a declared Content-Length over the limit).
    func refused(_ reason: String) {
        registry.makeCounter(name: "settlement_http_refused_total", labels: [("reason", reason)],
                             help: "Connections and requests refused before routing, by reason.").increment()
    }

    /// The settlements in each status, as the store holds them now.
    func settlements(_ counts: [SettlementStatus: Int]) {
        for (status, count) in counts {
            registry.makeGauge(name: "settlement_settlements", labels: [("status", status.rawValue)],
                               help: "Settlements in each status.").set(Double(count))
        }
    }

    /// The Prometheus text exposition.
    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
