@testable import Chain
import Foundation
import Testing

/// The node down (a closed port) and a node that accepts but never answers: typed errors,
/// retried with backoff a bounded number of times.
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
        // Two backoffs of at least 50 ms and 100 ms happened (jitter halves at most). No upper
        // bound: the attempts are bounded by the policy, and a timing ceiling would only measure
        // how loaded the machine running the tests is.
        #expect(elapsed >= .milliseconds(150))
    }

    @Test func silentServerTimesOut() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let url = "http://127.0.0.1:\(server.port)"
        let (error, elapsed) = try await failure(url: url, timeout: .milliseconds(500)) { _ = try await $0.blockNumber() }
        guard case let .timeout(failedURL, method, seconds) = error else { Issue.record("expected timeout, got \(error)"); return }
        #expect(failedURL == url && method == "eth_blockNumber" && seconds == 0.5)
        // Three attempts, each on a connection of its own, with backoffs between them.
        #expect(server.drainConnections() == 3)
        #expect(elapsed >= .milliseconds(3 * 500 + 150))
    }

    @Test func overloadAndServerErrorsAreRetried() async throws {
        let server = try ScriptedServer([(503, "busy"), (429, "slow down"), (200, #"{"jsonrpc":"2.0","id":ID,"result":"0x2a"}"#)])
        defer { server.close() }
        let client = EthereumRPCClient(url: server.url, configuration: RPCConfiguration(requestTimeout: .seconds(5), retry: Self.fastRetry))
        #expect(try await client.blockNumber() == 42)
        try await client.shutdown()
        #expect(server.requests == 3)
    }

    /// Deterministic answers are final after one request: a JSON-RPC error, a client error
    /// status, and answers that do not parse.
    @Test func deterministicFailuresAreNotRetried() async throws {
        let cases: [(UInt, String, (ChainError) -> Bool)] = [
            (200, #"{"jsonrpc":"2.0","id":ID,"error":{"code":-32000,"message":"boom","data":"0x01"}}"#, {
                if case let .rpc("eth_blockNumber", e) = $0 { return e == JSONRPCError(code: -32000, message: "boom", data: .string("0x01")) }
                return false
            }),
            (400, "bad request", { if case .httpStatus(_, 400, "bad request") = $0 { return true }; return false }),
            (200, #"{"jsonrpc":"2.0","id":ID,"result":"0x01"}"#, { if case .malformedResponse = $0 { return true }; return false }),
            (200, #"{"jsonrpc":"2.0","id":ID,"result":"0x10000000000000000"}"#, { if case .malformedResponse = $0 { return true }; return false }),
            (200, #"{"jsonrpc":"2.0","id":999999,"result":"0x1"}"#, { if case .malformedResponse = $0 { return true }; return false }),
            (200, "not json", { if case .malformedResponse = $0 { return true }; return false }),
            (200, #"{"jsonrpc":"2.0","id":ID}"#, { if case .malformedResponse = $0 { return true }; return false }),
        ]
        for (status, body, matches) in cases {
            let server = try ScriptedServer([(status, body)])
            defer { server.close() }
            let (error, _) = try await failure(url: server.url, timeout: .seconds(5)) { _ = try await $0.blockNumber() }
            #expect(matches(error), "\(body): \(error)")
            #expect(server.requests == 1, "\(body)")
        }
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

