/// Appends little-endian integers and raw bytes to a growing buffer.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func u32(_ v: Int) {
        precondition(v >= 0 && v <= Int(UInt32.max), "value \(v) does not fit a u32 field")
        u32(UInt32(v))
    }

    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func append<S: Sequence>(_ data: S) where S.Element == UInt8 { bytes.append(contentsOf: data) }

    /// Four 64-bit limbs, least significant first, each little-endian (32 bytes).
    mutating func limbs(_ w: (UInt64, UInt64, UInt64, UInt64)) {
        withUnsafeBytes(of: (w.0.littleEndian, w.1.littleEndian, w.2.littleEndian, w.3.littleEndian)) {
            bytes.append(contentsOf: $0)
        }
    }

    /// Overwrites a u64 at `offset` (used to patch a section's size once it is known).
    mutating func patchU64(_ v: UInt64, at offset: Int) {
        withUnsafeBytes(of: v.littleEndian) { src in
            for i in 0..<8 { bytes[offset + i] = src[i] }
        }
    }
}
