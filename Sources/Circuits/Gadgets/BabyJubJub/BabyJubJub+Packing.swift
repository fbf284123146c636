extension Fr {
    /// (r − 1)/2: circomlibjs calls a coordinate "negative" when it exceeds this.
    static let halfModulus = (Fr.modulus - 1) >> 1

    /// Whether the canonical value exceeds (r − 1)/2.
    var exceedsHalfModulus: Bool { bigInteger > Fr.halfModulus }
}

extension BabyJubJub.Point {
    /// circomlibjs `packPoint`: y as 32 little-endian bytes, with the top bit of the last byte
    /// set when x > (r − 1)/2.
    public var packed: [UInt8] {
        var bytes = y.littleEndianBytes
        if x.exceedsHalfModulus { bytes[31] |= 0x80 }
        return bytes
    }

    /// circomlibjs `unpackPoint`: recovers x from the curve equation, taking the root
    /// ≤ (r − 1)/2 and negating it when the sign bit is set. Stricter than circomlibjs, it
    /// rejects y ≥ r and a set sign bit with x = 0 (both are second encodings of a point).
    public init(packed bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw BabyJubJub.Error.packedLength(bytes.count) }
        var yBytes = bytes
        let negative = yBytes[31] & 0x80 != 0
        yBytes[31] &= 0x7F
        guard let y = try? Fr(canonicalLittleEndian: yBytes) else {
            throw BabyJubJub.Error.packedNotCanonical("y is not below the field modulus")
        }
        let y2 = y.squared()
        guard let denominator = (BabyJubJub.a - BabyJubJub.d * y2).inverse(),
            var x = ((.one - y2) * denominator).squareRoot()
        else { throw BabyJubJub.Error.packedNotOnCurve }
        if x.exceedsHalfModulus { x = -x }
        if negative {
            guard !x.isZero else { throw BabyJubJub.Error.packedNotCanonical("sign bit set for x = 0") }
            x = -x
        }
        self.init(uncheckedX: x, y: y)
    }
}
