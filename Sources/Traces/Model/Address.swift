import Groth16
/// A 20-byte account address (Ethereum style), written as "0x" + 40 hex digits. Upper- and
/// lower-case digits are accepted; the canonical form is lower case.
public struct Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 20 bytes, big-endian.
    public let bytes: [UInt8]

    /// Wraps 20 bytes. Precondition: exactly 20.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 20, "an address has 20 bytes")
        self.bytes = bytes
    }

    /// Parses "0x" + 40 hex digits; `field` names the value in the error.
    public init(hex text: String, field: String = "address") throws {
        let utf8 = Array(text.utf8)
        guard utf8.count == 42, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") else {
            throw TraceError.malformed(field: field, reason: "expected 0x followed by 40 hex digits")
        }
        var out = [UInt8](repeating: 0, count: 20)
        for i in 0..<20 {
            guard let hi = HexDigits.value(utf8[2 + 2 * i]), let lo = HexDigits.value(utf8[3 + 2 * i]) else {
                throw TraceError.malformed(field: field, reason: "expected 0x followed by 40 hex digits")
            }
            out[i] = hi << 4 | lo
        }
        bytes = out
    }

    /// "0x" + 40 lower-case hex digits.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 42) { out in
            out[0] = UInt8(ascii: "0")
            out[1] = UInt8(ascii: "x")
            for (i, b) in bytes.enumerated() {
                out[2 + 2 * i] = digits[Int(b >> 4)]
                out[3 + 2 * i] = digits[Int(b & 15)]
            }
            return 42
        }
    }

    /// The address as a field element (a 160-bit integer, always below r).
    public var fieldElement: Fr { Fr(reducingBigEndian: bytes) }

    public static func < (a: Address, b: Address) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
