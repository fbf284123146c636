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

/// A server child channel (HTTP/1 here) behind a `ConnectionGate`. A connection the gate
/// refuses is still set up (NIO registers a channel only once its setup succeeds), with a
/// `ConnectionRefusalHandler` in front that answers the gate's 503 and closes it.
struct GatedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    let base: Base
    let gate: ConnectionGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Base.Value> {
        if !gate.admit(channel) {
            logger.notice("refused a connection: \(gate.limit) connections are open (--max-connections)")
            do {
                try channel.pipeline.syncOperations.addHandler(ConnectionRefusalHandler(refusal: gate.refusal))
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Base.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// First in the pipeline of a refused connection: sends `refusal` once the connection is
/// active, closes its side after it, and drops everything the client sends until it closes
/// (or the read timeout does), so no request of it reaches the server.
final class ConnectionRefusalHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let refusal: ByteBuffer
    private var sent = false

    init(refusal: ByteBuffer) { self.refusal = refusal }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    private func refuse(_ context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(refusal)).whenComplete { _ in channel.close(mode: .output, promise: nil) }
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
