import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The agent's HTTP server: the router behind the edge limits of `AgentConfiguration` — the
/// read timeout (Hummingbird's idle timeout: a connection with no complete head, a stalled
/// body or nothing to do is closed), the connection cap (`ConnectionGate`) and the declared
/// body size (`ContentLengthLimitHandler`). `serve` and the live tests build it the same way.
struct AgentServer {
    let services: AgentServices

    /// The application on `config.host:config.port`, running `services` beside the server;
    /// `onServerRunning` is called once the port is bound.
    func application(running extra: [any Service] = [], logger: Logger,
                     onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let config = services.config
        let metrics = services.metrics
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ContentLengthLimitHandler(limit: config.maxBodyBytes, metrics: metrics)],
            idleTimeout: TimeAmount(config.readTimeout))
        return Application(
            router: AgentRoutes(services: services).makeRouter(),
            server: .http1(configuration: http1, gate: ConnectionGate(limit: config.maxConnections, metrics: metrics)),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "settlement-agent"),
            services: extra,
            onServerRunning: onServerRunning,
            logger: logger)
    }
}
