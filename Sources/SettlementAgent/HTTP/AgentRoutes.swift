import Hummingbird
import Synchronization

/// The HTTP API under /v1 (see doc/API.md and doc/openapi.json). Every route is added through
/// a `RouteMount`, which records "METHOD /path" so a test can hold the OpenAPI document to
/// exactly the routes that exist, and so a known path with another method gets 405. Every
/// GET route answers HEAD too.
struct AgentRoutes: Sendable {
    typealias Context = BasicRequestContext
    let services: AgentServices

    /// The router with every route, error mapping and admin authentication.
    func makeRouter() -> Router<Context> {
        makeRouterAndEndpoints().router
    }

    /// The router and the "METHOD /path" of every route it serves (OpenAPI path syntax).
    func makeRouterAndEndpoints() -> (router: Router<Context>, endpoints: [String]) {
        let table = RouteTable()
        let router = Router(context: Context.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware(metrics: services.metrics))
        router.add(middleware: ErrorMappingMiddleware())
        router.add(middleware: MethodNotAllowedMiddleware(routes: table))
        let api = RouteMount(methods: router.group("v1"), prefix: "/v1", table: table)
        let admin = RouteMount(methods: router.group("v1").add(middleware: BearerAuthMiddleware(token: services.config.adminToken)),
                               prefix: "/v1", table: table)
        let root = RouteMount(methods: router.group(), prefix: "", table: table)
        addTraceRoutes(to: api)
        addAccountRoutes(public: api, admin: admin)
        addSettlementRoutes(public: api, admin: admin)
        addChainRoutes(to: api)
        addServiceRoutes(api: api, root: root)
        return (router, table.endpoints)
    }
}

/// The routes added so far, as "METHOD /path" with OpenAPI-style {parameters}.
final class RouteTable: Sendable {
    private let list = Mutex<[String]>([])
    var endpoints: [String] { list.withLock { $0 } }
    func record(_ endpoint: String) { list.withLock { $0.append(endpoint) } }
}

/// A router group with its path prefix; adding a route records it in the table.
struct RouteMount<Methods: RouterMethods> where Methods.Context == AgentRoutes.Context {
    let methods: Methods
    let prefix: String
    let table: RouteTable

    func on(_ method: HTTPRequest.Method, _ path: String,
            _ handler: @escaping @Sendable (Request, AgentRoutes.Context) async throws -> Response) {
        let documented = path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        table.record("\(method.rawValue) \(prefix)/\(documented.joined(separator: "/"))")
        methods.on(RouterPath(path), method: method, use: handler)
    }
}
