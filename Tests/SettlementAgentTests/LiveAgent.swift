import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
@testable import SettlementAgent

/// The agent of a harness served over real sockets on 127.0.0.1 (a port the system picks),
/// built as `serve` builds it (`AgentServer`), for the tests of the HTTP edge.
enum LiveAgent {
    /// Serves a new harness's agent with the edge limits `configure` sets, runs `body` with
    /// the port while the server runs, then shuts the server down. `body` (blocking socket
    /// calls) runs on its own thread, never on the cooperative pool the server's tasks need.
    static func serve<T: Sendable>(_ configure: (inout AgentConfiguration) -> Void,
                                   _ body: @escaping @Sendable (Int) throws -> T) async throws -> T {
        let harness = try AgentTestHarness { config in
            config.host = "127.0.0.1"
            config.port = 0
            configure(&config)
        }
        let (ports, bound) = AsyncStream<Int>.makeStream()
        let app = AgentServer(services: harness.services).application(logger: AgentTestHarness.quietLogger) { channel in
            bound.yield(channel.localAddress?.port ?? 0)
            bound.finish()
        }
        let group = ServiceGroup(services: [app], logger: AgentTestHarness.quietLogger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw RawConnection.Failure(description: "the server did not start") }
            do {
                let result = try await ProvingService.offEventLoop { try body(port) }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
