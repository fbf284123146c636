import Hummingbird
import Logging

/// The HTTP API under /v1 (see doc/API.md and doc/openapi.yaml).
struct AgentRoutes: Sendable {
    typealias Context = BasicRequestContext
    let services: AgentServices

    /// The router with every route, error mapping and admin authentication.
    func makeRouter() -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ErrorMappingMiddleware())
        let api = router.group("v1")
        let admin = router.group("v1").add(middleware: BearerAuthMiddleware(token: services.config.adminToken))
        addTraceRoutes(to: api)
        addAccountRoutes(public: api, admin: admin)
        addSettlementRoutes(public: api, admin: admin)
        addServiceRoutes(api: api, root: router)
        return router
    }
}
