/// How the client talks to its node: the per-attempt timeout, the retries, the page size of
/// `eth_getLogs`, and the largest answer it reads.
public struct RPCConfiguration: Sendable {
    /// The deadline of one attempt (connect, send, wait, read the answer).
    public var requestTimeout: Duration
    /// Retries of transport failures, timeouts, HTTP 429 and 5xx (never of JSON-RPC errors).
    public var retry: RetryPolicy
    /// The block span of one `eth_getLogs` page; halved when the node says a page is too large.
    public var logPageBlocks: UInt64
    /// Answers above this many bytes are refused as malformed.
    public var maxResponseBytes: Int

    public init(requestTimeout: Duration = .seconds(10), retry: RetryPolicy = RetryPolicy(),
                logPageBlocks: UInt64 = 2_000, maxResponseBytes: Int = 64 << 20) {
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.logPageBlocks = max(1, logPageBlocks)
        self.maxResponseBytes = maxResponseBytes
    }
}

/// Exponential backoff with jitter: before retry n (1-based) it waits a random time in
/// [d/2, d], d = min(maxBackoff, initialBackoff * 2^(n-1)).
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (1: no retries).
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// The wait before retry `retry` (1 for the first retry).
    public func delay<G: RandomNumberGenerator>(beforeRetry retry: Int, using generator: inout G) -> Duration {
        var ceiling = initialBackoff
        for _ in 1..<max(1, retry) where ceiling < maxBackoff { ceiling *= 2 }
        ceiling = min(ceiling, maxBackoff)
        return ceiling / 2 + (ceiling / 2) * Double.random(in: 0...1, using: &generator)
    }

    /// The longest a call can take before it gives up: every attempt's timeout plus every
    /// backoff at its ceiling.
    public func worstCase(requestTimeout: Duration) -> Duration {
        var total = requestTimeout * maxAttempts
        var ceiling = initialBackoff
        for _ in 1..<maxAttempts {
            total += min(ceiling, maxBackoff)
            ceiling *= 2
        }
        return total
    }
}

extension Duration {
    /// The duration in seconds, for messages.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
