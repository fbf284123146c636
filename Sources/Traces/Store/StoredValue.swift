import Groth16

/// How domain values are written into SQLite columns, and read back with validation (a
/// corrupted row is an error, never a trap).
enum StoredValue {
    static func nonce(_ n: UInt64) -> String {
        String(n).leftPadded(to: 20)
    }

    static func amount(_ a: UInt128) -> String { String(a) }

    static func field(_ f: Fr) -> String { f.decimalString }

    static func parseNonce(_ text: String, column: String) throws -> UInt64 {
        guard text.utf8.count == 20, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = UInt64(text) else {
            throw StoreError.corrupt("column \(column): '\(text)' is not a stored nonce")
        }
        return v
    }

    static func parseAmount(_ text: String, column: String) throws -> UInt128 {
        guard DecimalParsing.isCanonicalDigits(text), let v = UInt128(text) else {
            throw StoreError.corrupt("column \(column): '\(text)' is not a stored amount")
        }
        return v
    }

    static func parseField(_ text: String, column: String) throws -> Fr {
        do { return try Fr(decimal: text) } catch {
            throw StoreError.corrupt("column \(column): '\(text)' is not a field element")
        }
    }

    static func parseAddress(_ text: String, column: String) throws -> Address {
        do { return try Address(hex: text, field: column) } catch {
            throw StoreError.corrupt("column \(column): '\(text)' is not an address")
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Errors of the store that are not about the caller's input.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A row does not decode: the database was modified outside the agent.
    case corrupt(String)
    /// The referenced row does not exist.
    case notFound(String)
    /// The operation does not apply in the current state (e.g. confirming a failed settlement).
    case conflict(String)
    /// An account report older than what the agent already knows from the chain (a nonce below
    /// one it confirmed): account state only moves forward.
    case staleAccountState(String)

    public var description: String {
        switch self {
        case let .corrupt(m): return "database corrupt: \(m)"
        case let .notFound(m): return "\(m) not found"
        case let .conflict(m): return m
        case let .staleAccountState(m): return m
        }
    }
}
