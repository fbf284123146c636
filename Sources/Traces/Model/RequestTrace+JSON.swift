import Groth16
import Foundation

/// The JSON form of a trace:
/// `{"user":"0x…","provider":"0x…","nonce":"7","fee":"1000","requestHash":"<decimal>",
///   "signature":{"R8":["<x>","<y>"],"S":"<decimal>"}}`.
/// Integers are decimal strings; unknown fields are rejected; errors name the field.
extension RequestTrace {
    static let fieldNames: Set<String> = ["user", "provider", "nonce", "fee", "requestHash", "signature"]

    /// Parses a trace from a decoded JSON object; `path` prefixes field names in errors
    /// (e.g. "traces[3]").
    public init(jsonObject: Any, path: String = "") throws {
        let prefix = path.isEmpty ? "" : path + "."
        guard let object = jsonObject as? [String: Any] else {
            throw TraceError.malformed(field: path.isEmpty ? "trace" : path, reason: "expected a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
            throw TraceError.unknownField(prefix + unknown)
        }
        func string(_ key: String) throws -> String {
            guard let value = object[key] else { throw TraceError.missingField(prefix + key) }
            guard let s = value as? String else {
                throw TraceError.malformed(field: prefix + key, reason: "expected a string")
            }
            return s
        }
        user = try Address(hex: string("user"), field: prefix + "user")
        provider = try Address(hex: string("provider"), field: prefix + "provider")
        nonce = try DecimalParsing.parse(string("nonce"), as: UInt64.self, field: prefix + "nonce")
        fee = try DecimalParsing.parse(string("fee"), as: UInt128.self, field: prefix + "fee")
        requestHash = try DecimalParsing.fieldElement(string("requestHash"), field: prefix + "requestHash")
        guard let sig = object["signature"] else { throw TraceError.missingField(prefix + "signature") }
        signature = try TraceSignature(jsonObject: sig, path: prefix + "signature")
    }

    /// Parses a trace from JSON bytes.
    public init(jsonData: Data) throws {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: jsonData) } catch {
            throw TraceError.malformed(field: "trace", reason: "not valid JSON")
        }
        try self.init(jsonObject: object)
    }

    /// The JSON object (for JSONSerialization).
    public var jsonObject: [String: Any] {
        [
            "user": user.description, "provider": provider.description, "nonce": String(nonce),
            "fee": String(fee), "requestHash": requestHash.decimalString, "signature": signature.jsonObject,
        ]
    }

    /// Compact JSON with sorted keys.
    public var jsonData: Data {
        try! JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

extension TraceSignature {
    /// Parses `{"R8":["x","y"],"S":"s"}` (decimal field elements).
    public init(jsonObject: Any, path: String = "signature") throws {
        guard let object = jsonObject as? [String: Any] else {
            throw TraceError.malformed(field: path, reason: "expected an object with R8 and S")
        }
        if let unknown = object.keys.sorted().first(where: { $0 != "R8" && $0 != "S" }) {
            throw TraceError.unknownField(path + "." + unknown)
        }
        guard let r8Value = object["R8"] else { throw TraceError.missingField(path + ".R8") }
        guard let r8 = r8Value as? [Any], r8.count == 2, let x = r8[0] as? String, let y = r8[1] as? String else {
            throw TraceError.malformed(field: path + ".R8", reason: "expected [x, y] decimal strings")
        }
        guard let sValue = object["S"] else { throw TraceError.missingField(path + ".S") }
        guard let s = sValue as? String else { throw TraceError.malformed(field: path + ".S", reason: "expected a string") }
        r8x = try DecimalParsing.fieldElement(x, field: path + ".R8[0]")
        r8y = try DecimalParsing.fieldElement(y, field: path + ".R8[1]")
        self.s = try DecimalParsing.fieldElement(s, field: path + ".S")
    }

    public var jsonObject: [String: Any] {
        ["R8": [r8x.decimalString, r8y.decimalString], "S": s.decimalString]
    }
}
