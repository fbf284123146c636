import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// The cap on open connections. A connection beyond `limit` is answered 503
/// `too_many_connections` and closed as soon as it is accepted, before anything is read, so
/// a flood of connections cannot take the file descriptors and memory the agent needs, and
/// the connections already open keep being served.
final class ConnectionGate: Sendable {
    let limit: Int
    private let open = Mutex(0)
    private let metrics: AgentMetrics

    init(limit: Int, metrics: AgentMetrics) {
        self.limit = limit
        self.metrics = metrics
    }

    /// Connections open now.
    var openConnections: Int { open.withLock { $0 } }

    /// Takes a slot for `channel`, given back when it closes; false when every slot is taken.
    func admit(_ channel: any Channel) -> Bool {
        let count = open.withLock { n -> Int? in
            guard n < limit else { return nil }
            n += 1
            return n
        }
        guard let count else {
            metrics.refused("too_many_connections")
            return false
        }
        metrics.openConnections.set(Double(count))
        channel.closeFuture.whenComplete { _ in
            self.metrics.openConnections.set(Double(self.open.withLock { n in n -= 1; return n }))
        }
        return true
    }

    /// The whole answer to a connection beyond the cap, as bytes on the wire.
    var refusal: ByteBuffer {
        let body = JSONBody.encode(["error": "too_many_connections",
                                    "message": "the agent has \(limit) connections open; try again later"])
        let head = "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\n"
            + "content-length: \(body.count)\r\nretry-after: 1\r\nconnection: close\r\n\r\n"
        return ByteBuffer(bytes: Array(head.utf8) + body)
    }
}

/// A server child channel (HTTP/1 here) behind a `ConnectionGate`: a connection the gate
/// refuses gets the gate's 503 and is closed; its setup fails, so the server never serves it.
struct GatedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    let base: Base
    let gate: ConnectionGate

    /// Why a connection was not set up.
    struct Refused: Error {}

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Base.Value> {
        guard gate.admit(channel) else {
            logger.notice("refused a connection: \(gate.limit) connections are open (--max-connections)")
            channel.writeAndFlush(gate.refusal).whenComplete { _ in channel.close(promise: nil) }
            return channel.eventLoop.makeFailedFuture(Refused())
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Base.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with `configuration`, behind `gate`.
    static func http1(configuration: HTTP1Channel.Configuration, gate: ConnectionGate) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GatedChildChannel(base: HTTP1Channel(responder: responder, configuration: configuration), gate: gate)
        }
    }
}
