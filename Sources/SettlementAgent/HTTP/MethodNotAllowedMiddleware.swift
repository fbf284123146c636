import Hummingbird

/// 405 `method_not_allowed` with an `Allow` header for a path the agent serves requested
/// with another method (the router alone answers 404 for it). HEAD is allowed wherever GET is.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The routes of the router, filled in after this middleware is added.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(servingPath: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            let list = allowed.joined(separator: ", ")
            var refusal = APIError(.methodNotAllowed, "method_not_allowed",
                                   "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(list)")
            refusal.headers[.allow] = list
            throw refusal
        }
    }
}

extension RouteTable {
    /// The methods of the routes whose path matches `path` ({parameters} match any one
    /// segment), with HEAD beside GET; empty when no route has this path.
    func methods(servingPath path: String) -> [String] {
        let segments = path.split(separator: "/")
        var methods: Set<String> = []
        for endpoint in endpoints {
            let parts = endpoint.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let template = parts[1].split(separator: "/")
            guard template.count == segments.count,
                  zip(template, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) else { continue }
            methods.insert(String(parts[0]))
            if parts[0] == "GET" { methods.insert("HEAD") }
        }
        return methods.sorted()
    }
}
