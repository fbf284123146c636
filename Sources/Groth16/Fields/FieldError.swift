/// Why a field element could not be decoded.
public enum FieldError: Error, Equatable, CustomStringConvertible {
    /// The value is not below the modulus of the named field.
    case nonCanonical(field: String, value: String)
    /// The text is not a decimal (or hexadecimal) number in the accepted form.
    case malformedNumber(field: String, text: String)
    /// The byte string has the wrong length.
    case wrongLength(field: String, expected: Int, got: Int)

    public var description: String {
        switch self {
        case let .nonCanonical(field, value):
            return "\(field): value \(value) is not below the field modulus"
        case let .malformedNumber(field, text):
            let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
            return "\(field): '\(shown)' is not a canonical number"
        case let .wrongLength(field, expected, got):
            return "\(field): expected \(expected) bytes, got \(got)"
        }
    }
}
