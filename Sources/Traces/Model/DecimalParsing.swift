import Groth16
/// Strict parsing of the decimal strings the trace format uses for integers: ASCII digits only,
/// no sign, no leading zeros (except "0"), no whitespace.
enum DecimalParsing {
    static func isCanonicalDigits(_ text: String) -> Bool {
        let u = text.utf8
        return !u.isEmpty && u.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            && (u.count == 1 || u.first != UInt8(ascii: "0"))
    }

    /// An unsigned integer of type T (UInt64, UInt128) from a canonical decimal string.
    static func parse<T: FixedWidthInteger & UnsignedInteger>(_ text: String, as _: T.Type, field: String) throws -> T {
        guard isCanonicalDigits(text) else {
            throw TraceError.malformed(field: field, reason: "expected a decimal string without sign or leading zeros")
        }
        guard text.utf8.count <= 40, let value = T(text, radix: 10) else {
            throw TraceError.outOfRange(field: field, reason: "exceeds \(T.bitWidth)-bit range")
        }
        return value
    }

    /// A canonical field element (< r) from a decimal string.
    static func fieldElement(_ text: String, field: String) throws -> Fr {
        guard isCanonicalDigits(text) else {
            throw TraceError.malformed(field: field, reason: "expected a decimal string without sign or leading zeros")
        }
        do { return try Fr(decimal: text) } catch {
            throw TraceError.outOfRange(field: field, reason: "not a field element (must be below r)")
        }
    }
}
