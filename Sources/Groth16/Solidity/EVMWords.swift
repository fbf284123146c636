/// 32-byte big-endian ABI words for proofs and public signals, in the order the EVM verifier
/// takes them: A = (x, y); B = ((x.c1, x.c0), (y.c1, y.c0)) — imaginary parts first, as
/// EIP-197 requires; C = (x, y).
extension Proof {
    /// The 8 proof words: a.x, a.y, b.x.c1, b.x.c0, b.y.c1, b.y.c0, c.x, c.y.
    public var evmWords: [[UInt8]] {
        [a.x.bigEndianBytes, a.y.bigEndianBytes,
         b.x.c1.bigEndianBytes, b.x.c0.bigEndianBytes, b.y.c1.bigEndianBytes, b.y.c0.bigEndianBytes,
         c.x.bigEndianBytes, c.y.bigEndianBytes]
    }
}

/// ABI encoding of the values the verifiers take.
public enum ABIEncoding {
    /// A uint256 word for a small integer.
    public static func word(_ value: Int) -> [UInt8] {
        precondition(value >= 0, "ABI words here are unsigned")
        return [UInt8](repeating: 0, count: 24) + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(value) >> (56 - 8 * UInt64($0))) }
    }

    /// "0x" + 64 lower-case hex digits of a word.
    public static func hex(_ word: [UInt8]) -> String {
        "0x" + hexDigits(word)
    }

    /// Lower-case hex digits of bytes, no prefix.
    public static func hexDigits(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
