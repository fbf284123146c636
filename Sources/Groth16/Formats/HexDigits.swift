/// ASCII hexadecimal digits, for the parsers of hex text (addresses, private keys): exactly
/// 0-9, a-f, A-F, one digit at a time, so no sign or prefix slips through as it would with
/// `UInt8(_:radix:)`.
public enum HexDigits {
    /// The value of one ASCII hex digit, or nil for any other byte.
    public static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
