import Foundation
import Groth16
import Hummingbird
import Traces

/// POST /v1/settlements, GET /v1/settlements/{id}, GET .../calldata, POST .../confirm, POST .../abandon.
extension AgentRoutes {
    func addSettlementRoutes(public router: RouteMount<some RouterMethods<Context>>, admin: RouteMount<some RouterMethods<Context>>) {
        admin.on(.post, "settlements") { request, _ -> Response in
            var users: [Address]?
            if let o = try await JSONBody.readOptionalObject(request, limit: services.config.maxBodyBytes) {
                let fields = JSONFields(o)
                try fields.only(["users"])
                if let list = o["users"] {
                    guard let strings = list as? [String] else { throw APIError.badRequest("malformed_field", "users: expected an array of addresses") }
                    users = try strings.enumerated().map { try Self.address($1, "users[\($0)]") }
                }
            }
            let queued = try services.store.pendingJobCount()
            services.metrics.queueDepth.record(Double(queued))
            guard queued < services.config.maxQueuedJobs else {
                throw APIError(.serviceUnavailable, "queue_full",
                               "\(queued) transitions are waiting for proofs; try again later", retryAfterSeconds: 30)
            }
            let plan = try services.store.createSettlement(tracesPerTransition: services.keys.tracesPerTransition, users: users)
            let skipped = plan.skipped.map { ["user": $0.user.description, "reason": $0.reason.rawValue, "message": $0.message] }
            guard let settlement = plan.settlement else {
                return JSONBody.response(["settlement": NSNull(), "skipped": skipped, "message": "no pending traces to settle"])
            }
            services.metrics.settlementsCreated.increment()
            services.jobSignal.notify()
            return JSONBody.response(["settlement": Self.json(settlement), "skipped": skipped], status: .accepted)
        }

        router.on(.get, "settlements/:id") { _, context -> Response in
            JSONBody.response(Self.json(try settlement(context)))
        }

        router.on(.get, "settlements/:id/calldata") { _, context -> Response in
            let s = try settlement(context)
            guard [.proved, .submitted, .confirmed].contains(s.status) else {
                throw APIError.conflict("not_proved", "settlement \(s.id) is \(s.status.rawValue); calldata exists once it is proved")
            }
            return JSONBody.response(try SettlementCalldata.json(s))
        }

        admin.on(.post, "settlements/:id/confirm") { request, context -> Response in
            guard services.chain == nil else {
                throw APIError.conflict("chain_mode", "on a chain, settlements are confirmed by the registry's Settled events")
            }
            let s = try settlement(context)
            let fields = JSONFields(try await JSONBody.readObject(request, limit: services.config.maxBodyBytes))
            try fields.only(["txHash", "stage"])
            guard let txHash = try fields.optionalString("txHash") else {
                throw APIError.badRequest("missing_field", "txHash: required (the hash of the settle transaction)")
            }
            let hex = txHash.utf8
            guard hex.count == 66, txHash.hasPrefix("0x"), hex.dropFirst(2).allSatisfy({ HexDigits.value($0) != nil }) else {
                throw APIError.badRequest("malformed_field", "txHash: expected 0x followed by 64 hex digits")
            }
            switch try fields.optionalString("stage") ?? "confirmed" {
            case "submitted": try services.store.markSubmitted(settlementID: s.id, txHash: txHash)
            case "confirmed": try services.store.confirm(settlementID: s.id, txHash: txHash)
            default: throw APIError.badRequest("malformed_field", "stage: submitted or confirmed")
            }
            return JSONBody.response(Self.json(try settlement(context)))
        }

        admin.on(.post, "settlements/:id/abandon") { request, context -> Response in
            let s = try settlement(context)
            var reason = "abandoned by the provider"
            if let o = try await JSONBody.readOptionalObject(request, limit: services.config.maxBodyBytes) {
                let fields = JSONFields(o)
                try fields.only(["reason"])
                if let given = try fields.optionalString("reason") {
                    guard (1...500).contains(given.utf8.count) else {
                        throw APIError.badRequest("malformed_field", "reason: 1 to 500 bytes of text")
                    }
                    reason = given
                }
            }
            let ended = try services.store.abandon(settlementID: s.id, reason: reason)
            return JSONBody.response(["settlement": Self.json(try settlement(context)), "abandoned": ended])
        }
    }

    private func settlement(_ context: Context) throws -> SettlementRecord {
        let text = try context.parameters.require("id")
        guard let id = Int64(text), id > 0 else { throw APIError.badRequest("invalid_id", "settlement id: a positive integer") }
        guard let s = try services.store.settlement(id: id) else { throw APIError.notFound("settlement \(id) not found") }
        return s
    }

    static func json(_ s: SettlementRecord) -> [String: Any] {
        var o: [String: Any] = [
            "id": s.id, "status": s.status.rawValue, "tracesPerTransition": s.tracesPerTransition,
            "createdAt": s.createdAt, "updatedAt": s.updatedAt,
            "transitions": s.transitions.map { t -> [String: Any] in
                var j: [String: Any] = [
                    "id": t.id, "user": t.transition.user.description, "status": t.status.rawValue,
                    "initBalance": String(t.transition.initBalance), "finalBalance": String(t.transition.finalBalance),
                    "initNonce": String(t.transition.initNonce), "finalNonce": String(t.transition.finalNonce),
                    "amount": String(t.transition.amount), "traces": t.traceCount, "attempts": t.attempts, "timings": t.timings,
                ]
                if let e = t.error { j["error"] = e }
                return j
            },
        ]
        if let e = s.error { o["error"] = e }
        if let h = s.txHash { o["txHash"] = h }
        return o
    }
}
