extension JacobianPoint {
    /// scalar * self for any 256-bit scalar given as little-endian limbs (width-5 wNAF).
    /// Variable time: the sequence of operations depends on the scalar. Scalars >= r are
    /// accepted and behave as scalar mod r on the prime-order subgroup, as the EVM expects.
    // Exported specialisations: callers in other modules get the G1/G2 code compiled with the
    // concrete field arithmetic inlined, not the generic entry point through witness tables.
    @_specialize(exported: true, where C == G1Parameters)
    @_specialize(exported: true, where C == G2Parameters)
    public func multipliedVartime(byLimbs limbs: (UInt64, UInt64, UInt64, UInt64)) -> Self {
        let digits = Self.wnafDigits(limbs, width: 5)
        if digits.isEmpty || isInfinity { return .infinity }
        // Odd multiples P, 3P, ..., 15P.
        var table = [self]
        let twice = doubled()
        for i in 1..<8 { table.append(table[i - 1] + twice) }
        var acc = Self.infinity
        for d in digits.reversed() {
            acc = acc.doubled()
            if d > 0 { acc = acc + table[Int(d) >> 1] } else if d < 0 { acc = acc - table[Int(-d) >> 1] }
        }
        return acc
    }

    /// scalar * self (variable time; see `multipliedVartime(byLimbs:)`).
    @_specialize(exported: true, where C == G1Parameters)
    @_specialize(exported: true, where C == G2Parameters)
    public func multipliedVartime(by scalar: Fr) -> Self {
        multipliedVartime(byLimbs: scalar.canonicalLimbs)
    }

    /// The width-w non-adjacent form of a 256-bit integer, least significant digit first;
    /// every non-zero digit is odd and in (-2^(w-1), 2^(w-1)).
    static func wnafDigits(_ limbs: (UInt64, UInt64, UInt64, UInt64), width w: Int) -> [Int8] {
        var k: [UInt64] = [limbs.0, limbs.1, limbs.2, limbs.3, 0]
        var digits: [Int8] = []
        digits.reserveCapacity(258)
        let window = UInt64(1) << UInt64(w)
        while k.contains(where: { $0 != 0 }) {
            var d: Int64 = 0
            if k[0] & 1 == 1 {
                d = Int64(k[0] & (window - 1))
                if d >= Int64(window >> 1) { d -= Int64(window) }
                if d > 0 {
                    subtractSmall(&k, UInt64(d))
                } else {
                    addSmall(&k, UInt64(-d))
                }
            }
            digits.append(Int8(d))
            for i in 0..<4 { k[i] = (k[i] >> 1) | (k[i + 1] << 63) }
            k[4] >>= 1
        }
        return digits
    }

    private static func subtractSmall(_ k: inout [UInt64], _ v: UInt64) {
        var borrow = v
        for i in 0..<k.count where borrow != 0 {
            let (r, o) = k[i].subtractingReportingOverflow(borrow)
            k[i] = r
            borrow = o ? 1 : 0
        }
    }

    private static func addSmall(_ k: inout [UInt64], _ v: UInt64) {
        var carry = v
        for i in 0..<k.count where carry != 0 {
            let (r, o) = k[i].addingReportingOverflow(carry)
            k[i] = r
            carry = o ? 1 : 0
        }
    }
}

extension AffinePoint {
    /// scalar * self (variable time), in affine form.
    @_specialize(exported: true, where C == G1Parameters)
    @_specialize(exported: true, where C == G2Parameters)
    public func multipliedVartime(by scalar: Fr) -> Self {
        jacobian.multipliedVartime(by: scalar).affine
    }
}
