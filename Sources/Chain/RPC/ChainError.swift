/// The errors of the chain client. Transport failures name the node's URL; a JSON-RPC error
/// keeps the node's code, message and data; a response that does not parse names the method.
public enum ChainError: Error, Sendable, CustomStringConvertible {
    /// The request cannot be encoded (a parameter that is not JSON, such as a NaN number).
    case invalidRequest(method: String, reason: String)
    /// The node could not be reached (connection refused or reset, DNS, TLS), after retries.
    case nodeUnreachable(url: String, reason: String)
    /// No answer within the per-request timeout, after retries.
    case timeout(url: String, method: String, seconds: Double)
    /// The node answered with an HTTP status other than 200.
    case httpStatus(url: String, status: UInt, body: String)
    /// The node answered the call with a JSON-RPC error object.
    case rpc(method: String, JSONRPCError)
    /// The answer is not a JSON-RPC response of the expected shape.
    case malformedResponse(method: String, reason: String)
    /// The chain answered something that contradicts the request (e.g. a page of logs
    /// outside its block range).
    case inconsistent(method: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidRequest(method, reason): return "cannot encode the request \(method): \(reason)"
        case let .nodeUnreachable(url, reason): return "Ethereum node at \(url) is unreachable: \(reason)"
        case let .timeout(url, method, seconds): return "Ethereum node at \(url) did not answer \(method) within \(seconds) s"
        case let .httpStatus(url, status, body): return "Ethereum node at \(url) answered HTTP \(status): \(body.prefix(200))"
        case let .rpc(method, error): return "\(method) failed: \(error)"
        case let .malformedResponse(method, reason): return "malformed answer to \(method): \(reason)"
        case let .inconsistent(method, reason): return "inconsistent answer to \(method): \(reason)"
        }
    }

    /// Whether another attempt may succeed: transport failures, timeouts, 429 and 5xx.
    var isTransient: Bool {
        switch self {
        case .nodeUnreachable, .timeout: return true
        case let .httpStatus(_, status, _): return status == 429 || (500...599).contains(status)
        case .invalidRequest, .rpc, .malformedResponse, .inconsistent: return false
        }
    }
}

/// A JSON-RPC 2.0 error object as the node sent it.
public struct JSONRPCError: Sendable, Equatable, Codable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: RPCValue?

    public init(code: Int, message: String, data: RPCValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String {
        "JSON-RPC error \(code): \(message)" + (data.map { " (data: \($0))" } ?? "")
    }

    /// The node already holds this transaction in its pool (geth: "already known").
    public var isAlreadyKnown: Bool {
        let m = message.lowercased()
        return m.contains("already known") || m.contains("known transaction") || m.contains("already imported")
    }

    /// The transaction's nonce is below the account's next one.
    public var isNonceTooLow: Bool { message.lowercased().contains("nonce too low") }

    /// The call reverted (geth: code 3, "execution reverted", revert data in `data`).
    public var isExecutionReverted: Bool { code == 3 || message.lowercased().contains("execution reverted") }

    /// The node refuses an `eth_getLogs` range as too large (Infura -32005, Alchemy and geth
    /// messages about result counts, response sizes or block ranges).
    public var isLogRangeTooLarge: Bool {
        let m = message.lowercased()
        return code == -32005 || m.contains("more than") || m.contains("too many") || m.contains("response size")
            || m.contains("block range") || m.contains("range too large") || m.contains("limit exceeded")
    }
}
