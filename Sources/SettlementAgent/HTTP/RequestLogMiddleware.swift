import Foundation
import Hummingbird
import Logging

/// Logs every request once it is answered — method, path (without the query), status and
/// latency; the request id comes with the context's logger — and counts it in /metrics by
/// route and status with its latency. Headers (the Authorization header among them) and
/// bodies are never logged.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: AgentMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status, since: start)
            return response
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "unmatched"
        metrics.request(method: request.method.rawValue, route: route, status: Int(status.code), seconds: seconds)
        context.logger.info("\(request.method.rawValue) \(request.uri.path) \(status.code) \(String(format: "%.1f", seconds * 1000)) ms",
                            metadata: ["route": .string(route), "status": .stringConvertible(status.code)])
    }
}
