import Groth16
/// Why a request trace (or a value inside one) is not acceptable. Every case names the field.
public enum TraceError: Error, Equatable, CustomStringConvertible {
    /// The JSON is not an object of the expected shape, or a value has the wrong JSON type.
    case malformed(field: String, reason: String)
    /// A required field is absent.
    case missingField(String)
    /// A field the format does not define is present.
    case unknownField(String)
    /// A number is outside its range (u64, u128, field element < r, S < l).
    case outOfRange(field: String, reason: String)

    public var field: String {
        switch self {
        case let .malformed(f, _), let .outOfRange(f, _): return f
        case let .missingField(f), let .unknownField(f): return f
        }
    }

    public var description: String {
        switch self {
        case let .malformed(f, r): return "\(f): \(r)"
        case let .missingField(f): return "\(f): missing"
        case let .unknownField(f): return "\(f): unknown field"
        case let .outOfRange(f, r): return "\(f): \(r)"
        }
    }
}
