extension ConstraintSystem {
    /// x == 0, with the inverse hint: `x·inv = 1 − out`, `x·out = 0` (two constraints).
    /// When x = 0 the inverse wire is free (any value satisfies both constraints and out stays 1).
    public func isZero(_ x: Signal) -> Bit {
        if x.isConstant { return .constant(x.constantTerm.isZero) }
        return scope("isZero") {
            let inv = witness("inverse") { x.value.inverse() ?? .zero }
            let out = witness("out") { x.value.isZero ? .one : .zero }
            enforce(x * inv == 1 - out, "x·inverse = 1 − out")
            enforce(x * out == .zero, "x·out = 0")
            return Bit(unchecked: out)
        }
    }

    /// a == b (two constraints).
    public func isEqual(_ a: Signal, _ b: Signal) -> Bit { isZero(a - b) }

    /// Enforces x ≠ 0 with one constraint `x·inv = 1` (the inverse is pinned).
    public func enforceNonZero(_ x: Signal, _ label: StaticString = "non-zero") {
        let inv = witness("inverse") { x.value.inverse() ?? .zero }
        enforce(x * inv == .one, label)
    }

    /// a < b for a, b < 2^bits (the caller range-checks them): the top bit of the
    /// (bits + 1)-bit number a + 2^bits − b is 0 exactly when a < b (bits + 2 constraints).
    public func lessThan(_ a: Signal, _ b: Signal, bits count: Int) -> Bit {
        precondition((1...252).contains(count), "lessThan needs 1...252 bits, got \(count)")
        return scope("lessThan") {
            let shift = Fr(reducing: BigInteger(1) << count)
            let bits = self.bits(of: a + shift - b, count: count + 1)
            return bits[count].not
        }
    }
}
