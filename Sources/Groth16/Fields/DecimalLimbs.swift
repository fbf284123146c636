/// Decimal conversion of 256-bit values held as four little-endian 64-bit limbs, in 19-digit
/// chunks (10^19 < 2^64) with full-width word arithmetic instead of GMP. The agent parses and
/// prints several field elements per trace it ingests; through GMP each conversion paid for an
/// mpz allocation and a C string round trip, several times the arithmetic itself.
/// `FieldEncodingTests` checks both directions against GMP.
enum DecimalLimbs {
    typealias Limbs = (UInt64, UInt64, UInt64, UInt64)

    /// 10^19, the largest power of ten in a word.
    static let chunkBase: UInt64 = 10_000_000_000_000_000_000
    static let chunkDigits = 19

    /// The value of ASCII decimal digits (the caller has checked they are all digits), or nil
    /// when it is 2^256 or more.
    static func parse(_ digits: UnsafeBufferPointer<UInt8>) -> Limbs? {
        var w: Limbs = (0, 0, 0, 0)
        var start = 0
        // The first chunk takes the remainder, so every later chunk is exactly 19 digits.
        var length = digits.count % chunkDigits
        if length == 0 { length = chunkDigits }
        while start < digits.count {
            var chunk: UInt64 = 0, scale: UInt64 = 1
            for i in start..<(start + length) {
                chunk = chunk &* 10 &+ UInt64(digits[i] &- UInt8(ascii: "0"))
                scale &*= 10
            }
            guard multiplyAdd(&w, by: scale, adding: chunk) else { return nil }
            start += length
            length = chunkDigits
        }
        return w
    }

    /// w = w * factor + addend; false when the result does not fit in 256 bits.
    private static func multiplyAdd(_ w: inout Limbs, by factor: UInt64, adding addend: UInt64) -> Bool {
        var carry = addend
        func step(_ limb: inout UInt64) {
            let (high, low) = limb.multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            limb = sum
            carry = high &+ (overflow ? 1 : 0)  // high <= 2^64 - 2, so this cannot wrap
        }
        step(&w.0)
        step(&w.1)
        step(&w.2)
        step(&w.3)
        return carry == 0
    }

    /// The value in decimal: no sign, no leading zeros, "0" for zero.
    static func format(_ value: Limbs) -> String {
        var w = value
        var chunks: [UInt64] = []
        chunks.reserveCapacity(5)
        repeat {
            var remainder: UInt64 = 0
            (w.3, remainder) = chunkBase.dividingFullWidth((remainder, w.3))
            (w.2, remainder) = chunkBase.dividingFullWidth((remainder, w.2))
            (w.1, remainder) = chunkBase.dividingFullWidth((remainder, w.1))
            (w.0, remainder) = chunkBase.dividingFullWidth((remainder, w.0))
            chunks.append(remainder)
        } while w != (0, 0, 0, 0)

        // Digits least significant first: every chunk but the top one is padded to 19 digits,
        // the top one has no leading zeros (and one digit for zero).
        var digits: [UInt8] = []
        digits.reserveCapacity(chunks.count * chunkDigits)
        for (i, chunk) in chunks.enumerated() {
            let isTop = i == chunks.count - 1
            var c = chunk, count = 0
            repeat {
                digits.append(UInt8(ascii: "0") + UInt8(c % 10))
                c /= 10
                count += 1
            } while isTop ? c > 0 : count < chunkDigits
        }
        digits.reverse()
        return String(decoding: digits, as: UTF8.self)
    }
}
