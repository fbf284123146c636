/// Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B): a byte string or a
/// list of items, each with a length prefix.
public indirect enum RLP: Sendable, Equatable {
    case bytes([UInt8])
    case list([RLP])

    /// An unsigned integer as RLP does: big-endian without leading zeros; zero is empty.
    public static func integer<T: FixedWidthInteger & UnsignedInteger>(_ value: T) -> RLP {
        .bytes(minimalBigEndian(value))
    }

    /// The encoding of this item.
    public var encoded: [UInt8] {
        switch self {
        case let .bytes(b):
            if b.count == 1, b[0] < 0x80 { return b }
            return Self.prefix(b.count, short: 0x80) + b
        case let .list(items):
            let payload = items.flatMap(\.encoded)
            return Self.prefix(payload.count, short: 0xC0) + payload
        }
    }

    /// A length prefix: `short + length` below 56 bytes, else `short + 55 + len(len)` and the
    /// length's big-endian bytes.
    private static func prefix(_ length: Int, short: UInt8) -> [UInt8] {
        if length < 56 { return [short + UInt8(length)] }
        let lengthBytes = minimalBigEndian(UInt64(length))
        return [short + 55 + UInt8(lengthBytes.count)] + lengthBytes
    }
}

/// Big-endian bytes without leading zeros (empty for zero).
func minimalBigEndian<T: FixedWidthInteger & UnsignedInteger>(_ value: T) -> [UInt8] {
    let byteCount = (T.bitWidth - value.leadingZeroBitCount + 7) / 8
    return (0..<byteCount).map { UInt8(truncatingIfNeeded: value >> (8 * (byteCount - 1 - $0))) }
}
