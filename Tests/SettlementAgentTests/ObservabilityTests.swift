import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceLifecycle
import Testing
import Traces
@testable import SettlementAgent

/// What the agent tells its operator: a request log with status and latency and no secrets,
/// HTTP and settlement metrics, and a /healthz that reports cached database checks.
@Suite struct ObservabilityTests {
    typealias H = AgentTestHarness

    @Test func requestLogCarriesStatusAndLatencyButNoSecrets() async throws {
        let harness = try H()
        let capture = LogCapture()
        let app = Application(router: AgentRoutes(services: harness.services).makeRouter(), logger: capture.logger)
        let body = H.accountBody(user: 1, balance: "12345678901234567")
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/v1/accounts", method: .post, headers: H.adminHeaders, body: ByteBuffer(string: body))
            _ = try await client.execute(uri: "/v1/accounts", method: .post,
                                         headers: [.authorization: "Bearer a-wrong-secret-token", .contentType: "application/json"],
                                         body: ByteBuffer(string: body))
            _ = try await client.execute(uri: "/v1/nothing", method: .get)
        }
        let lines = capture.logged
        #expect(lines.contains { $0.contains("POST /v1/accounts 201") && $0.contains(" ms") }, "\(lines)")
        #expect(lines.contains { $0.contains("POST /v1/accounts 403") }, "\(lines)")
        #expect(lines.contains { $0.contains("GET /v1/nothing 404") }, "\(lines)")
        for secret in [H.adminToken, "a-wrong-secret-token", "12345678901234567", "signerKey"] {
            #expect(!lines.contains { $0.contains(secret) }, "the log holds \(secret)")
        }
    }

    @Test func metricsCountRequestsByRouteAndStatusAndSettlementsByStatus() async throws {
        let harness = try H(tracesPerTransition: 2)
        try await harness.application.test(.router) { client in
            _ = try await client.execute(uri: "/v1/accounts", method: .post, headers: H.adminHeaders,
                                         body: ByteBuffer(string: H.accountBody(user: 1, balance: "100")))
            _ = try await client.execute(uri: "/v1/traces", method: .post, headers: H.jsonHeaders,
                                         body: ByteBuffer(string: String(decoding: H.signedTrace(user: 1, nonce: 1, fee: 10).jsonData, as: UTF8.self)))
            _ = try await client.execute(uri: "/v1/settlements", method: .post, headers: H.adminHeaders, body: ByteBuffer(string: "{}"))
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/v1/nothing", method: .get)
            let text = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(text.contains(#"settlement_http_requests_total{method="GET",route="/healthz",status="200"} 1"#), "\(text)")
            #expect(text.contains(#"settlement_http_requests_total{method="POST",route="/v1/traces",status="201"} 1"#))
            #expect(text.contains(#"settlement_http_requests_total{method="GET",route="NotFound",status="404"} 1"#))
            #expect(text.contains(#"settlement_http_request_seconds_count{method="GET",route="/healthz"} 1"#))
            #expect(text.contains(#"settlement_http_request_seconds_bucket{method="GET",route="/healthz",le="10.0"} 1"#))
            #expect(text.contains(#"settlement_settlements{status="queued"} 1.0"#))
            #expect(text.contains(#"settlement_settlements{status="confirmed"} 0.0"#))
        }
    }

    @Test func healthzDoesNotRunTheIntegrityCheckOnEveryProbe() async throws {
        let harness = try H()
        let checkedAt = try #require(harness.services.health.snapshot.integrityCheckedAt)
        try await harness.application.test(.router) { client in
            for _ in 0..<3 {
                let r = try await client.execute(uri: "/healthz", method: .get)
                #expect(r.status == .ok)
                #expect(r.json["database"] as? String == "ok")
                #expect(r.json["writable"] as? Bool == true)
                #expect(r.json["integrityCheckedAt"] as? Double == checkedAt.timeIntervalSince1970.rounded())
                #expect(r.json["writeProbedAt"] is Double)
            }
        }
        #expect(harness.services.health.snapshot.integrityCheckedAt == checkedAt, "a probe ran the integrity check")
    }

    @Test func healthzIsDegradedUntilTheFirstCheck() async throws {
        let harness = try H()
        let fresh = DatabaseHealth(store: harness.services.store)
        #expect(!fresh.snapshot.isHealthy)
        #expect(fresh.json["database"] as? String == "unchecked")
        fresh.checkIntegrity()
        fresh.probeWrite()
        #expect(fresh.snapshot.isHealthy)
    }

    @Test func integrityCheckAndWriteProbeRunOnASchedule() async throws {
        let harness = try H()
        let health = DatabaseHealth(store: harness.services.store)
        let listening = ServerListening()
        let service = HealthCheckService(server: listening, health: health, integrityInterval: .milliseconds(100),
                                         writeProbeInterval: .milliseconds(100))
        let group = ServiceGroup(services: [service], logger: H.quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(300))
            #expect(health.snapshot.integrityCheckedAt == nil, "checked before the server listened")
            listening.markListening()
            var seen: Set<Date> = []
            let deadline = ContinuousClock.now + .seconds(20)
            while seen.count < 3, ContinuousClock.now < deadline {
                if let at = health.snapshot.integrityCheckedAt { seen.insert(at) }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(seen.count >= 3, "the integrity check did not repeat")
            #expect(health.snapshot.writable == true)
            await group.triggerGracefulShutdown()
        }
    }
}
