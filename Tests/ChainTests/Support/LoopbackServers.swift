import Foundation

/// A TCP socket bound to 127.0.0.1 on a free port.
private func boundSocket() throws -> (Int32, UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
        }
    }
    guard ok, listen(fd, 16) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    return (fd, UInt16(bigEndian: address.sin_port))
}

/// A listener on 127.0.0.1 that never accepts: the kernel completes connections into its
/// backlog, the request is sent, and no answer ever comes.
final class SilentServer: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32

    init() throws { (socket, port) = try boundSocket() }

    func close() { _ = Glibc.close(socket) }

    /// Accepts and closes what waits in the backlog; returns how many connections there were.
    func drainConnections() -> Int {
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
        var count = 0
        while case let client = accept(socket, nil, nil), client >= 0 {
            _ = Glibc.close(client)
            count += 1
        }
        return count
    }

    /// A port that nothing listens on (bound, then closed).
    static func unusedPort() throws -> UInt16 {
        let (socket, port) = try boundSocket()
        _ = Glibc.close(socket)
        return port
    }
}

/// An HTTP server on 127.0.0.1 that answers request i with the i-th scripted (status, body),
/// the last one repeating; "ID" in a body becomes the request's JSON-RPC id. One request per
/// connection (`Connection: close`).
final class ScriptedServer: @unchecked Sendable {
    let port: UInt16
    var url: String { "http://127.0.0.1:\(port)" }
    private let socket: Int32
    private let script: [(UInt, String)]
    private let lock = NSLock()
    private var served = 0

    /// How many requests have been answered.
    var requests: Int { lock.withLock { served } }

    init(_ script: [(UInt, String)]) throws {
        (socket, port) = try boundSocket()
        self.script = script
        Thread.detachNewThread { [self] in serve() }
    }

    /// Stops accepting. The serving thread closes the socket when its loop ends, so the
    /// descriptor's number cannot be reused by another server while this thread may still
    /// call `accept` on it.
    func close() {
        _ = shutdown(socket, Int32(SHUT_RDWR))
    }

    private func serve() {
        defer { _ = Glibc.close(socket) }
        while case let client = accept(socket, nil, nil), client >= 0 {
            let body = readRequestBody(client)
            let id = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["id"].map { "\($0)" } ?? "null"
            let (status, template) = lock.withLock {
                defer { served += 1 }
                return script[min(served, script.count - 1)]
            }
            let answer = Data(template.replacingOccurrences(of: "ID", with: id).utf8)
            let head = "HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\nContent-Length: \(answer.count)\r\nConnection: close\r\n\r\n"
            let bytes = Array(Data(head.utf8) + answer)
            _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            _ = Glibc.close(client)
        }
    }

    /// Reads the head, then Content-Length bytes of body.
    private func readRequestBody(_ client: Int32) -> Data {
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let separator = Data("\r\n\r\n".utf8)
        while true {
            if let end = received.range(of: separator) {
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count - end.upperBound >= length { return received[end.upperBound..<end.upperBound + length] }
            }
            let n = read(client, &chunk, chunk.count)
            if n <= 0 { return Data() }
            received.append(contentsOf: chunk[0..<n])
        }
    }
}
