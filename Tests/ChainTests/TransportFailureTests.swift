@testable import Chain
import Foundation
import Testing

/// The node down (a closed port) and a node that accepts but never answers: typed errors,
/// retried with backoff, in bounded time.
@Suite struct TransportFailureTests {
    static let fastRetry = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(400))

    /// Runs `request` against `url`, which must fail; returns the error and the time it took.
    private func failure(url: String, timeout: Duration, _ request: (EthereumRPCClient) async throws -> Void) async throws -> (ChainError, Duration) {
        let client = EthereumRPCClient(url: url, configuration: RPCConfiguration(requestTimeout: timeout, retry: Self.fastRetry))
        let clock = ContinuousClock()
        let start = clock.now
        var caught: ChainError?
        do { try await request(client) } catch { caught = error as? ChainError }
        let elapsed = clock.now - start
        try await client.shutdown()
        return (try #require(caught, "\(url) answered or failed with another error"), elapsed)
    }

    @Test func closedPortIsUnreachableAfterRetries() async throws {
        let url = "http://127.0.0.1:\(try SilentServer.unusedPort())"
        let (error, elapsed) = try await failure(url: url, timeout: .seconds(2)) { _ = try await $0.chainId() }
        guard case let .nodeUnreachable(failedURL, _) = error else { Issue.record("expected nodeUnreachable, got \(error)"); return }
        #expect(failedURL == url)
        // Two backoffs of at least 50 ms and 100 ms happened (jitter halves at most) ...
        #expect(elapsed >= .milliseconds(150))
        // ... and the whole stays within the policy's worst case (plus slack for a loaded machine).
        #expect(elapsed < Self.fastRetry.worstCase(requestTimeout: .seconds(2)) + .seconds(3))
    }

    @Test func silentServerTimesOut() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let url = "http://127.0.0.1:\(server.port)"
        let (error, elapsed) = try await failure(url: url, timeout: .milliseconds(500)) { _ = try await $0.blockNumber() }
        guard case let .timeout(failedURL, method, seconds) = error else { Issue.record("expected timeout, got \(error)"); return }
        #expect(failedURL == url && method == "eth_blockNumber" && seconds == 0.5)
        #expect(elapsed >= .milliseconds(3 * 500 + 150))
        #expect(elapsed < Self.fastRetry.worstCase(requestTimeout: .milliseconds(500)) + .seconds(3))
    }

    @Test func backoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1))
        var generator = SystemRandomNumberGenerator()
        for retry in 1...9 {
            let ceiling = min(Duration.milliseconds(100) * (1 << (retry - 1)), .seconds(1))
            let delay = policy.delay(beforeRetry: retry, using: &generator)
            #expect(delay >= ceiling / 2 && delay <= ceiling, "retry \(retry): \(delay)")
        }
    }
}

/// A TCP listener on 127.0.0.1 that never accepts: the kernel completes connections into its
/// backlog, the request is sent, and no answer ever comes.
final class SilentServer: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32

    init() throws {
        (socket, port) = try Self.bound()
        guard listen(socket, 16) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    func close() { _ = Glibc.close(socket) }

    /// A port that nothing listens on (bound, then closed).
    static func unusedPort() throws -> UInt16 {
        let (socket, port) = try bound()
        _ = Glibc.close(socket)
        return port
    }

    private static func bound() throws -> (Int32, UInt16) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
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
        guard ok else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
