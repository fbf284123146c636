import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// JSON-RPC 2.0 over HTTP POST: one request, one answer, retried as `RetryPolicy` says for
/// transport failures, timeouts, HTTP 429 and 5xx only. A JSON-RPC error is the node's
/// deterministic answer and is never retried here.
final class JSONRPCTransport: Sendable {
    let url: String
    let configuration: RPCConfiguration
    private let http: HTTPClient
    private let nextID = Atomic<UInt64>(1)

    init(url: String, configuration: RPCConfiguration) {
        self.url = url
        self.configuration = configuration
        let timeout = configuration.requestTimeout.timeAmount
        var http = HTTPClient.Configuration(timeout: .init(connect: min(timeout, .seconds(5)), read: timeout))
        // Fail a refused connection at once; the retry policy here decides on backoff.
        http.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    func shutdown() async throws { try await http.shutdown() }

    /// Calls `method` and decodes its `result` as `R` (an Optional `R` accepts null).
    func call<R: Decodable>(_ method: String, _ params: [RPCValue], as _: R.Type = R.self) async throws(ChainError) -> R {
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            do {
                return try await attemptCall(method, params)
            } catch let failure where failure.isTransient && attempt < configuration.retry.maxAttempts {
                let wait = configuration.retry.delay(beforeRetry: attempt, using: &generator)
                // Cancelled while waiting: the failure so far is the answer.
                do { try await Task.sleep(for: wait) } catch { throw failure }
                attempt += 1
            }
        }
    }

    private func attemptCall<R: Decodable>(_ method: String, _ params: [RPCValue]) async throws(ChainError) -> R {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let body: Data
        do {
            body = try JSONEncoder().encode(Request(id: id, method: method, params: params))
        } catch {
            throw .invalidRequest(method: method, reason: String(describing: error))
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        let bytes: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: configuration.requestTimeout.timeAmount)
            let collected = try await response.body.collect(upTo: configuration.maxResponseBytes)
            guard response.status == .ok else {
                throw ChainError.httpStatus(url: url, status: response.status.code, body: String(buffer: collected))
            }
            bytes = collected
        } catch let error as ChainError {
            throw error
        } catch {
            throw classify(error, method: method)
        }
        let envelope: Response<R>
        do {
            envelope = try JSONDecoder().decode(Response<R>.self, from: Data(bytes.readableBytesView))
        } catch {
            throw .malformedResponse(method: method, reason: describe(error))
        }
        guard envelope.id == .number(Double(id)) else {
            throw .malformedResponse(method: method, reason: "answer id \(envelope.id) is not the request id \(id)")
        }
        switch envelope.outcome {
        case let .failure(error): throw .rpc(method: method, error)
        case let .success(result): return result
        }
    }

    private func classify(_ error: any Error, method: String) -> ChainError {
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout {
            return .timeout(url: url, method: method, seconds: configuration.requestTimeout.seconds)
        }
        if error is NIOTooManyBytesError {
            return .malformedResponse(method: method, reason: "answer longer than \(configuration.maxResponseBytes) bytes")
        }
        return .nodeUnreachable(url: url, reason: String(describing: error))
    }

    private func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.dataCorrupted(context), let DecodingError.typeMismatch(_, context),
             let DecodingError.valueNotFound(_, context):
            let path = codingPathText(context.codingPath)
            return (path.isEmpty ? "" : path + ": ") + context.debugDescription
        case let DecodingError.keyNotFound(key, context):
            return "missing \(codingPathText(context.codingPath + [key]))"
        case let error as HexError:
            return error.description
        default:
            return String(describing: error)
        }
    }
}

private struct Request: Encodable {
    let jsonrpc = "2.0"
    let id: UInt64
    let method: String
    let params: [RPCValue]
}

/// A JSON-RPC answer: `id` and exactly one of `result` and `error`.
private struct Response<R: Decodable>: Decodable {
    let id: RPCValue
    let outcome: Result<R, JSONRPCError>

    private enum CodingKeys: String, CodingKey { case jsonrpc, id, result, error }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard try c.decode(String.self, forKey: .jsonrpc) == "2.0" else {
            throw DecodingError.dataCorruptedError(forKey: .jsonrpc, in: c, debugDescription: "jsonrpc must be \"2.0\"")
        }
        id = try c.decode(RPCValue.self, forKey: .id)
        if let error = try c.decodeIfPresent(JSONRPCError.self, forKey: .error) {
            outcome = .failure(error)
        } else {
            outcome = .success(try c.decode(R.self, forKey: .result))
        }
    }
}

extension JSONRPCError: Error {}

extension Duration {
    /// The duration as NIO's TimeAmount (nanoseconds, saturating).
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return .nanoseconds(overflow ? .max : ns + attoseconds / 1_000_000_000)
    }
}
