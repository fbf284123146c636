import Foundation

/// A JSON document the bad-input table can edit by path ("signature.R8[0]") and write back as
/// text with sorted keys.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// Parses JSON bytes.
    init(data: Data) throws { self = try JSONDecoder().decode(JSONValue.self, from: data) }

    /// Compact JSON text with sorted keys.
    var text: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .integer(i): return String(i)
        case let .number(d): return String(d)
        case let .string(s): return Self.quoted(s)
        case let .array(a): return "[" + a.map(\.text).joined(separator: ",") + "]"
        case let .object(o): return "{" + o.keys.sorted().map { Self.quoted($0) + ":" + o[$0]!.text }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ s: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// Every string with `transform` applied.
    func mapStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case let .string(s): return .string(transform(s))
        case let .array(a): return .array(a.map { $0.mapStrings(transform) })
        case let .object(o): return .object(o.mapValues { $0.mapStrings(transform) })
        default: return self
        }
    }

    /// Sets the value at `path` ("a.b[2]"); an index one past the end appends.
    mutating func set(_ path: String, to value: JSONValue) {
        update(Self.components(path)[...]) { $0 = value }
    }

    /// Removes the value at `path`.
    mutating func remove(_ path: String) {
        var parts = Self.components(path)
        let last = parts.removeLast()
        update(parts[...]) { parent in
            switch (parent, last) {
            case (.object(var o), .key(let k)):
                o[k] = nil
                parent = .object(o)
            case (.array(var a), .index(let i)):
                a.remove(at: i)
                parent = .array(a)
            default:
                preconditionFailure("no \(path) to remove")
            }
        }
    }

    private enum Component { case key(String), index(Int) }

    private static func components(_ path: String) -> [Component] {
        var result: [Component] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                if open > rest.startIndex { result.append(.key(String(rest[..<open]))) }
                rest = rest[open...]
                while let o = rest.firstIndex(of: "["), let c = rest.firstIndex(of: "]") {
                    result.append(.index(Int(rest[rest.index(after: o)..<c])!))
                    rest = rest[rest.index(after: c)...]
                }
            } else {
                result.append(.key(String(rest)))
            }
        }
        return result
    }

    private mutating func update(_ path: ArraySlice<Component>, _ change: (inout JSONValue) -> Void) {
        guard let first = path.first else { return change(&self) }
        switch (self, first) {
        case (.object(var o), .key(let k)):
            var child = o[k] ?? .null
            child.update(path.dropFirst(), change)
            o[k] = child
            self = .object(o)
        case (.array(var a), .index(let i)):
            var child = i < a.count ? a[i] : .null
            child.update(path.dropFirst(), change)
            if i < a.count { a[i] = child } else { a.append(child) }
            self = .array(a)
        default:
            preconditionFailure("cannot follow \(first) in \(text)")
        }
    }
}
