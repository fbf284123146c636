import Groth16

/// The hex text of JSON-RPC: DATA is "0x" + an even number of digits (bytes), QUANTITY is "0x" +
/// the digits of an integer without leading zeros ("0x0" for zero). Every parser here checks
/// the form and the range and throws `HexError`; nothing traps on input from outside.
public enum Hex {
    /// "0x" + lower-case digits of `bytes` (DATA).
    public static func data(_ bytes: [UInt8]) -> String { "0x" + ABIEncoding.hexDigits(bytes) }

    /// "0x" + the digits of `value` without leading zeros (QUANTITY).
    public static func quantity<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }

    /// The bytes of DATA text; `count`, when given, is the exact length required.
    public static func bytes(_ text: String, count: Int? = nil, field: String) throws(HexError) -> [UInt8] {
        let digits = try digitsAfterPrefix(text, field: field)
        guard digits.count % 2 == 0 else { throw .malformed(field: field, reason: "odd number of hex digits") }
        if let count, digits.count != 2 * count {
            throw .malformed(field: field, reason: "expected \(count) bytes, got \(digits.count / 2)")
        }
        var out = [UInt8]()
        out.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            out.append(digits[index] << 4 | digits[index + 1])
            index += 2
        }
        return out
    }

    /// The integer of QUANTITY text, range-checked against `T`.
    public static func quantity<T: FixedWidthInteger & UnsignedInteger>(_ text: String, as _: T.Type = T.self,
                                                                         field: String) throws(HexError) -> T {
        let digits = try digitsAfterPrefix(text, field: field)
        guard !digits.isEmpty else { throw .malformed(field: field, reason: "no digits after 0x") }
        guard digits.count == 1 || digits[0] != 0 else {
            throw .malformed(field: field, reason: "leading zero digits in a quantity")
        }
        // Leading zeros are excluded above, so the digit count alone decides the range (the
        // widths used, 8 to 128 bits, are multiples of 4).
        guard digits.count * 4 <= T.bitWidth else {
            throw .outOfRange(field: field, value: text, limit: "\(T.bitWidth)-bit unsigned")
        }
        return digits.reduce(T.zero) { $0 << 4 | T($1) }
    }

    /// The digit values after "0x".
    private static func digitsAfterPrefix(_ text: String, field: String) throws(HexError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") else {
            throw .malformed(field: field, reason: "expected 0x-prefixed hex")
        }
        var digits = [UInt8]()
        digits.reserveCapacity(utf8.count - 2)
        for c in utf8.dropFirst(2) {
            guard let value = HexDigits.value(c) else { throw .malformed(field: field, reason: "not a hex digit in \(text.prefix(80))") }
            digits.append(value)
        }
        return digits
    }
}

/// Hex text that is not of the required form or range.
public enum HexError: Error, Equatable, CustomStringConvertible {
    /// `field` is not hex of the expected form.
    case malformed(field: String, reason: String)
    /// `field` holds `value`, above `limit`.
    case outOfRange(field: String, value: String, limit: String)

    public var description: String {
        switch self {
        case let .malformed(field, reason): return "\(field): \(reason)"
        case let .outOfRange(field, value, limit): return "\(field): \(value.prefix(80)) does not fit in \(limit)"
        }
    }
}
