import Foundation
import Hummingbird
import NIOCore

/// Reading JSON bodies with Foundation's JSONSerialization, with a size limit on what is read,
/// and writing them with `JSONWriter`.
enum JSONBody {
    /// The request body parsed as JSON; 413 past `limit` bytes, 400 when it is empty or not JSON.
    static func read(_ request: Request, limit: Int) async throws -> Any {
        guard let value = try await readOptional(request, limit: limit) else {
            throw APIError.badRequest("malformed_json", "the request body is empty")
        }
        return value
    }

    /// The request body parsed as JSON, or nil when there is none; 413 past `limit` bytes, 400
    /// when it is not JSON or the connection ends (or times out) before the body is complete.
    static func readOptional(_ request: Request, limit: Int) async throws -> Any? {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "body_too_large", "the request body exceeds \(limit) bytes")
        } catch {
            throw APIError.badRequest("incomplete_body", "the connection ended before the request body was complete")
        }
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])
        } catch {
            throw APIError.badRequest("malformed_json", "the request body is not valid JSON")
        }
    }

    /// The body as a JSON object, or nil when there is none; 400 when it is another JSON value.
    static func readOptionalObject(_ request: Request, limit: Int) async throws -> [String: Any]? {
        guard let value = try await readOptional(request, limit: limit) else { return nil }
        guard let object = value as? [String: Any] else { throw APIError.badRequest("malformed_json", "expected a JSON object") }
        return object
    }

    /// The body as a JSON object; 400 when it is another JSON value.
    static func readObject(_ request: Request, limit: Int) async throws -> [String: Any] {
        guard let object = try await read(request, limit: limit) as? [String: Any] else {
            throw APIError.badRequest("malformed_json", "expected a JSON object")
        }
        return object
    }

    /// The response body: `JSONWriter`'s bytes, or JSONSerialization's for values it does not
    /// cover; a newline ends it.
    static func encode(_ value: Any) -> [UInt8] {
        if let bytes = JSONWriter.encode(value) { return bytes + [0x0A] }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"error":"internal","message":"response not encodable"}"#.utf8)
        return Array(data) + [0x0A]
    }

    /// A JSON response.
    static func response(_ value: Any, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: encode(value))))
    }

    /// A text response with the given content type.
    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Typed access to the fields of a JSON object, with errors that name the field.
struct JSONFields {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String = "") {
        self.object = object
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Rejects fields outside `allowed`.
    func only(_ allowed: Set<String>) throws {
        if let extra = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.badRequest("unknown_field", "\(name(extra)): unknown field")
        }
    }

    func string(_ key: String) throws -> String {
        guard let value = object[key] else { throw APIError.badRequest("missing_field", "\(name(key)): missing") }
        guard let s = value as? String else { throw APIError.badRequest("malformed_field", "\(name(key)): expected a string") }
        return s
    }

    func optionalString(_ key: String) throws -> String? {
        guard object[key] != nil, !(object[key] is NSNull) else { return nil }
        return try string(key)
    }
}
