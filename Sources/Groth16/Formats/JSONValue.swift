import Foundation

/// A JSON document as the snarkjs files use it. Objects keep their key order, so the writer
/// reproduces the files snarkjs emits; the reader walks values with a path for error messages.
indirect enum JSONValue: Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The text snarkjs's CLI writes (bfj with `space: indent`): like
    /// `JSON.stringify(value, null, indent)`, except that an empty array or object is written
    /// as an opening bracket, a newline with the enclosing indentation, and the closing bracket.
    /// No trailing newline.
    func text(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: String(repeating: " ", count: indent), level: 0)
        return out
    }

    private func write(to out: inout String, indent: String, level: Int) {
        func newline(_ depth: Int) {
            guard !indent.isEmpty else { return }
            out += "\n"
            for _ in 0..<depth { out += indent }
        }
        switch self {
        case let .string(s): Self.writeString(s, to: &out)
        case let .integer(i): out += String(i)
        case let .number(d): out += String(d)
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "]"
        case let .object(members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                Self.writeString(member.key, to: &out)
                out += indent.isEmpty ? ":" : ": "
                member.value.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue: Decodable {
    init(from decoder: Decoder) throws {
        if var items = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            while !items.isAtEnd { values.append(try items.decode(JSONValue.self)) }
            self = .array(values)
        } else if let members = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(try members.allKeys.map { ($0.stringValue, try members.decode(JSONValue.self, forKey: $0)) })
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .null
            } else if let b = try? value.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? value.decode(Int.self) {
                self = .integer(i)
            } else if let d = try? value.decode(Double.self) {
                self = .number(d)
            } else {
                self = .string(try value.decode(String.self))
            }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

/// A value inside a JSON file with its path ("IC[2][0]"), for errors that say where.
struct JSONCursor {
    let value: JSONValue
    let path: String
    let file: FileKind

    /// Parses a document; malformed JSON is a `FormatError`.
    init(parsing data: Data, file: FileKind) throws {
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw FormatError(file: file, .json(path: "", reason: "not valid JSON (\(Self.summary(of: error)))"))
        }
        path = ""
        self.file = file
    }

    private init(_ value: JSONValue, path: String, file: FileKind) {
        self.value = value
        self.path = path
        self.file = file
    }

    private static func summary(of error: Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error { return context.debugDescription }
        return String(describing: error)
    }

    func error(_ reason: String) -> FormatError { FormatError(file: file, .json(path: path, reason: reason)) }

    private var kind: String {
        switch value {
        case .string: return "a string"
        case .integer, .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    func field(_ key: String) throws -> JSONCursor {
        guard let found = try optionalField(key) else { throw error("missing field \"\(key)\"") }
        return found
    }

    func optionalField(_ key: String) throws -> JSONCursor? {
        guard case let .object(members) = value else { throw error("expected an object, found \(kind)") }
        let childPath = path.isEmpty ? key : "\(path).\(key)"
        return members.first { $0.key == key }.map { JSONCursor($0.value, path: childPath, file: file) }
    }

    /// The elements; with `count`, exactly that many.
    func array(count: Int? = nil) throws -> [JSONCursor] {
        guard case let .array(items) = value else { throw error("expected an array, found \(kind)") }
        if let count, items.count != count { throw error("expected \(count) elements, found \(items.count)") }
        return items.enumerated().map { JSONCursor($1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws -> String {
        guard case let .string(s) = value else { throw error("expected a string, found \(kind)") }
        return s
    }

    func integer() throws -> Int {
        guard case let .integer(i) = value else { throw error("expected an integer, found \(kind)") }
        return i
    }

    /// An array of strings (a point's decimal coordinates).
    func strings() throws -> [String] { try array().map { try $0.string() } }

    /// A field that, when present, must be the string `expected` ("groth16", "bn128").
    func expectOptionalTag(_ key: String, _ expected: String) throws {
        guard let tag = try optionalField(key) else { return }
        let found = try tag.string()
        guard found == expected else { throw tag.error("is \"\(found)\", expected \"\(expected)\"") }
    }

    func g1() throws -> G1Affine {
        do { return try G1Affine(decimalStrings: strings()) } catch let e as CurveError {
            throw FormatError(file: file, .invalidPoint(what: path, index: nil, e))
        }
    }

    func g2() throws -> G2Affine {
        let pairs = try array().map { try $0.strings() }
        do { return try G2Affine(decimalStrings: pairs) } catch let e as CurveError {
            throw FormatError(file: file, .invalidPoint(what: path, index: nil, e))
        }
    }
}

extension JSONValue {
    static func g1(_ p: G1Affine) -> JSONValue { .array(p.decimalStrings.map { .string($0) }) }
    static func g2(_ p: G2Affine) -> JSONValue { .array(p.decimalStrings.map { .array($0.map { .string($0) }) }) }
}
