import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Answers 413 `body_too_large` as soon as a request head declares a `Content-Length` above
/// the body limit, without reading the body: it closes its side of the connection after the
/// answer (a full close with unread bytes would reset the connection and could lose the
/// answer) and drops whatever else arrives until the read timeout closes the rest. Requests
/// without a declared length (chunked) are held to the same limit by `JSONBody` as they are read.
final class ContentLengthLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    let limit: Int
    let metrics: AgentMetrics
    /// Set once the 413 is sent: whatever else arrives on the connection is dropped.
    private var refused = false

    init(limit: Int, metrics: AgentMetrics) {
        self.limit = limit
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        if case let .head(head) = unwrapInboundIn(data), let declared = head.headerFields[.contentLength],
           let length = Int(declared), length > limit {
            refused = true
            metrics.refused("body_too_large")
            let body = ByteBuffer(bytes: JSONBody.encode(["error": "body_too_large",
                                                          "message": "the request body exceeds \(limit) bytes"]))
            let fields: HTTPFields = [.contentType: "application/json; charset=utf-8",
                                      .contentLength: String(body.readableBytes), .connection: "close"]
            context.write(wrapOutboundOut(.head(HTTPResponse(status: .contentTooLarge, headerFields: fields))), promise: nil)
            context.write(wrapOutboundOut(.body(body)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            context.close(mode: .output, promise: nil)
            return
        }
        context.fireChannelRead(data)
    }
}
