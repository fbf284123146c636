import Foundation
import Hummingbird

/// GET /v1/vkey, GET /v1/verifier.sol, GET /healthz (from the cached `DatabaseHealth`: a probe costs
/// one small read), GET /metrics.
extension AgentRoutes {
    func addServiceRoutes(api: RouteMount<some RouterMethods<Context>>, root: RouteMount<some RouterMethods<Context>>) {
        api.on(.get, "vkey") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: services.keys.verificationKeyJSON)))
        }
        api.on(.get, "verifier.sol") { _, _ -> Response in
            JSONBody.text(services.keys.verifierSolidity, contentType: "text/plain; charset=utf-8")
        }
        root.on(.get, "healthz") { _, _ -> Response in
            let health = services.health
            let queued = try services.store.pendingJobCount()
            services.metrics.queueDepth.record(Double(queued))
            let healthy = health.snapshot.isHealthy
            var fields = health.json
            fields.merge(["status": healthy ? "ok" : "degraded", "queuedTransitions": queued,
                          "verifyingKeyHash": services.keys.keyHash,
                          "tracesPerTransition": services.keys.tracesPerTransition,
                          "chainId": String(services.config.domain.chainId),
                          "settlementContract": services.config.domain.settlementContract.description,
                          "domain": services.config.domain.value.decimalString,
                          "provider": services.config.provider.description]) { _, new in new }
            return JSONBody.response(fields, status: healthy ? .ok : .serviceUnavailable)
        }
        root.on(.get, "metrics") { _, _ -> Response in
            services.metrics.settlements(try services.store.settlementCounts())
            return JSONBody.text(services.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
