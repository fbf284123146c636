import Foundation
import Groth16
import Hummingbird
import Traces

/// POST /v1/traces (one trace, an array, or {"traces": [...]}) and GET /v1/traces.
extension AgentRoutes {
    func addTraceRoutes(to router: RouteMount<some RouterMethods<Context>>) {
        router.on(.post, "traces") { request, _ -> Response in
            let body = try await JSONBody.read(request, limit: services.config.maxBodyBytes)
            if let object = body as? [String: Any], object["traces"] == nil {
                return try await submitOne(object)
            }
            let items: [Any]
            if let array = body as? [Any] {
                items = array
            } else if let object = body as? [String: Any], let array = object["traces"] as? [Any], object.count == 1 {
                items = array
            } else {
                throw APIError.badRequest("malformed_json", "expected a trace object, an array of traces, or {\"traces\": [...]}")
            }
            return try await submitBatch(items)
        }

        router.on(.get, "traces") { request, _ -> Response in
            let q = request.uri.queryParameters
            var query = TraceQuery()
            if let user = q["user"] { query.user = try Self.address(String(user), "user", code: "invalid_query") }
            if let status = q["status"] {
                guard let s = TraceStatus(rawValue: String(status)) else {
                    throw APIError.badRequest("invalid_query", "status: one of " + TraceStatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                query.status = s
            }
            if let after = q["after"] {
                guard let a = Int64(String(after)), a >= 0 else { throw APIError.badRequest("invalid_query", "after: a trace id") }
                query.afterID = a
            }
            if let limit = q["limit"] {
                guard let l = Int(String(limit)), (1...1000).contains(l) else {
                    throw APIError.badRequest("invalid_query", "limit: 1 to 1000")
                }
                query.limit = l
            }
            let traces = try services.store.traces(matching: query)
            var result: [String: Any] = ["traces": traces.map(Self.json)]
            if let last = traces.last, traces.count == query.limit { result["next"] = String(last.id) }
            return JSONBody.response(result)
        }
    }

    private func submitOne(_ object: [String: Any]) async throws -> Response {
        let trace: RequestTrace
        do { trace = try RequestTrace(jsonObject: object) } catch {
            services.metrics.traceRejected("invalid_trace")
            throw error
        }
        switch try await services.ingestor.submit([trace])[0] {
        case let .success(.accepted(id)):
            services.metrics.tracesAccepted.increment()
            return JSONBody.response(["id": id, "status": "accepted"], status: .created)
        case let .success(.duplicate(id)):
            services.metrics.tracesDuplicate.increment()
            return JSONBody.response(["id": id, "status": "duplicate"])
        case let .failure(reason):
            let error = refusal(reason)
            services.metrics.traceRejected(error.code)
            throw error
        }
    }

    private func submitBatch(_ items: [Any]) async throws -> Response {
        guard !items.isEmpty else { throw APIError.badRequest("empty_batch", "the batch has no traces") }
        guard items.count <= services.config.maxTracesPerRequest else {
            throw APIError(.contentTooLarge, "batch_too_large", "at most \(services.config.maxTracesPerRequest) traces per request")
        }
        var results = [[String: Any]?](repeating: nil, count: items.count)
        var parsed: [(index: Int, trace: RequestTrace)] = []
        for (i, item) in items.enumerated() {
            do {
                parsed.append((i, try RequestTrace(jsonObject: item, path: "traces[\(i)]")))
            } catch let e as TraceError {
                services.metrics.traceRejected("invalid_trace")
                results[i] = ["index": i, "status": "rejected", "error": "invalid_trace", "message": e.description]
            }
        }
        let outcomes = try await services.ingestor.submit(parsed.map(\.trace))
        var counts = ["accepted": 0, "duplicate": 0, "rejected": 0]
        for ((index, _), outcome) in zip(parsed, outcomes) {
            switch outcome {
            case let .success(.accepted(id)):
                services.metrics.tracesAccepted.increment()
                results[index] = ["index": index, "status": "accepted", "id": id]
            case let .success(.duplicate(id)):
                services.metrics.tracesDuplicate.increment()
                results[index] = ["index": index, "status": "duplicate", "id": id]
            case let .failure(reason):
                let error = refusal(reason)
                services.metrics.traceRejected(error.code)
                results[index] = ["index": index, "status": "rejected", "error": error.code, "message": error.message]
            }
        }
        for r in results { counts[r?["status"] as? String ?? "rejected", default: 0] += 1 }
        return JSONBody.response(["results": results.map { $0 ?? [:] }, "accepted": counts["accepted"]!,
                                  "duplicates": counts["duplicate"]!, "rejected": counts["rejected"]!])
    }

    /// The API error for a refused trace. A bad signature also states the agent's domain: the
    /// agent cannot know the domain a trace was signed for, but a trace signed for another
    /// chain id or contract fails exactly here, and the signer can compare.
    private func refusal(_ reason: TraceRejection) -> APIError {
        let error = ErrorMappingMiddleware<Context>.rejection(reason)
        guard case .invalidSignature = reason else { return error }
        let domain = services.config.domain
        return APIError(error.status, error.code, error.message + " in this agent's domain (chainId \(domain.chainId), "
                        + "settlementContract \(domain.settlementContract), domain \(domain.value.decimalString)); "
                        + "a trace signed for another chain id or contract fails this check")
    }

    static func json(_ t: StoredTrace) -> [String: Any] {
        var o: [String: Any] = ["id": t.id, "status": t.status.rawValue, "trace": t.trace.jsonObject,
                                "receivedAt": t.receivedAt]
        if let reason = t.reason { o["reason"] = reason }
        if let transition = t.transitionID { o["transitionId"] = transition }
        return o
    }
}
