import Synchronization

/// How an n-bit scalar N = Σ bᵢ·2ⁱ is split for the windowed multiplications.
///
/// N = Σᵢ₌₀ⁿ⁻² sᵢ·2ⁱ + (2ⁿ⁻¹ − 1 + b₀) with signed digits sᵢ = 2bᵢ₊₁ − 1 ∈ {−1, 1}. Pairs of
/// digits form windows with odd values d = s₂w + 2·s₂w₊₁ ∈ {±1, ±3} of weight 4ʷ (the last
/// window holds one digit when n − 1 is odd). The windows are summed on the Montgomery curve
/// in segments of at most 125 windows: inside a segment the partial sum is an odd multiple e
/// of its first weight with |e| < 4ᵏ before window k is added, so neither the partial sum nor
/// the sum is the identity, and the addend is never ±the partial sum, as long as
/// 4^125 = 2^250 < l. Segments and the correction (2ⁿ⁻¹ − 1 + b₀)·P are added with the
/// complete Edwards formulas. The base must have the prime order l.
struct ScalarLayout {
    static let windowsPerSegment = 125

    let bitCount: Int
    /// Number of signed digits, n − 1.
    var digitCount: Int { bitCount - 1 }
    var windowCount: Int { (digitCount + 1) / 2 }

    init(bitCount: Int) {
        precondition(bitCount >= 1, "a scalar needs at least one bit")
        self.bitCount = bitCount
    }

    /// Whether window w holds two digits.
    func isPair(_ w: Int) -> Bool { 2 * w + 1 < digitCount }

    /// The windows of each segment.
    var segments: [Range<Int>] {
        stride(from: 0, to: windowCount, by: Self.windowsPerSegment).map { $0..<min($0 + Self.windowsPerSegment, windowCount) }
    }
}

/// The constant Montgomery points of a fixed-base multiplication: per window 4ʷ·P and
/// 3·4ʷ·P, and the correction points (2ⁿ⁻¹ − 1)·P and 2ⁿ⁻¹·P.
struct FixedBaseTable: Sendable {
    let single: [(u: Fr, v: Fr)]
    let triple: [(u: Fr, v: Fr)]
    let correction: (low: BabyJubJub.Point, high: BabyJubJub.Point)

    private struct Key: Hashable {
        let base: BabyJubJub.Point
        let bits: Int
    }

    private static let cache = Mutex<[Key: FixedBaseTable]>([:])

    /// The table for `base` (of order l) and n-bit scalars, computed once per process.
    static func forBase(_ base: BabyJubJub.Point, bits: Int) -> FixedBaseTable {
        cache.withLock { tables in
            let key = Key(base: base, bits: bits)
            if let t = tables[key] { return t }
            precondition(base.isInPrimeOrderSubgroup, "a fixed base must have the prime order l")
            let layout = ScalarLayout(bitCount: bits)
            var single: [(u: Fr, v: Fr)] = [], triple: [(u: Fr, v: Fr)] = []
            var power = base
            for _ in 0..<layout.windowCount {
                single.append(power.montgomery!)
                let twice = power.doubled()
                triple.append((twice + power).montgomery!)
                power = twice.doubled()
            }
            let high = base.multipliedVartime(by: BigInteger(1) << (bits - 1))
            let t = FixedBaseTable(single: single, triple: triple, correction: (high - base, high))
            tables[key] = t
            return t
        }
    }
}

/// Multiples of a variable point P (of order l) for n-bit scalars, computed in the circuit
/// once and shared by every multiplication of P (e.g. one public key, many signatures):
/// per window 4ʷ·P and (for two-digit windows) 3·4ʷ·P on the Montgomery curve, and the
/// correction points (2ⁿ⁻¹ − 1)·P and 2ⁿ⁻¹·P in Edwards form. About ten constraints per window.
public struct VariableBaseTable: Sendable {
    let layout: ScalarLayout
    let single: [MontgomeryPointSignal]
    let triple: [MontgomeryPointSignal?]
    let correction: (low: EdwardsPointSignal, high: EdwardsPointSignal)

    /// The number of scalar bits the table serves.
    public var bitCount: Int { layout.bitCount }
}

extension ConstraintSystem {
    /// N·P for a constant P of prime order l and the bits of N (least significant first):
    /// per two bits one constraint for the table lookup and three for a Montgomery addition,
    /// plus a few to convert and combine segments (about 2 constraints per bit).
    public func scalarMultiply(_ bits: [Bit], fixedBase base: BabyJubJub.Point) -> EdwardsPointSignal {
        scope("fixedBaseMul") {
            let layout = ScalarLayout(bitCount: bits.count)
            let table = FixedBaseTable.forBase(base, bits: bits.count)
            let correction = EdwardsPointSignal(
                x: .constant(table.correction.low.x) + bits[0].signal * (table.correction.high.x - table.correction.low.x),
                y: .constant(table.correction.low.y) + bits[0].signal * (table.correction.high.y - table.correction.low.y))
            return windowedSum(bits, layout, correction: correction) { w in
                let one = table.single[w]
                guard layout.isPair(w) else {
                    // d = s ∈ {−1, 1}: v changes sign, linearly in the bit.
                    return MontgomeryPointSignal(u: .constant(one.u), v: (2 * bits[2 * w + 1].signal - 1) * one.v)
                }
                let three = table.triple[w]
                let bx = bits[2 * w + 1].signal, by = bits[2 * w + 2].signal
                let both = product(bx, by, "b·b′", index: w)
                // d for (bx, by) = 00, 10, 01, 11 is −3, −1, 1, 3; interpolate multilinearly.
                func interpolate(_ f: [Fr]) -> Signal {
                    Signal.sum([bx, by, both], coefficients: [f[1] - f[0], f[2] - f[0], f[3] - f[2] - f[1] + f[0]]) + f[0]
                }
                return MontgomeryPointSignal(u: interpolate([three.u, one.u, one.u, three.u]),
                                             v: interpolate([-three.v, -one.v, one.v, three.v]))
            }
        }
    }

    /// The multiples of P (which must have prime order l, e.g. 8·A for a checked key) that
    /// `scalarMultiply(_:table:)` looks up, for scalars of `bits` bits.
    public func variableBaseTable(for p: EdwardsPointSignal, bits: Int) -> VariableBaseTable {
        scope("variableBaseTable") {
            let layout = ScalarLayout(bitCount: bits)
            var single: [MontgomeryPointSignal] = [], triple: [MontgomeryPointSignal?] = []
            let base = toMontgomery(p)
            var power = base
            var high: MontgomeryPointSignal? = nil
            for w in 0..<layout.windowCount {
                scope("window", index: w) {
                    single.append(power)
                    let twice = montgomeryDouble(power)
                    if layout.isPair(w) {
                        let thrice = montgomeryAdd(twice, power)
                        triple.append(thrice)
                        power = montgomeryAdd(thrice, power)
                        if w == layout.windowCount - 1 { high = power }  // 2^(n−1) = 4^W
                    } else {
                        triple.append(nil)
                        high = twice  // 2^(n−1) = 2·4^(W−1)
                    }
                }
            }
            let highPoint = high.map { toEdwards($0) } ?? p  // n = 1: 2⁰·P
            let lowPoint = edwardsAdd(highPoint, -p)
            return VariableBaseTable(layout: layout, single: single, triple: triple, correction: (lowPoint, highPoint))
        }
    }

    /// N·P with the table of P: per two bits four constraints for the lookup and three for a
    /// Montgomery addition (3.5 per bit), plus a few to combine segments and the correction.
    public func scalarMultiply(_ bits: [Bit], table: VariableBaseTable) -> EdwardsPointSignal {
        precondition(bits.count == table.bitCount, "the table serves \(table.bitCount)-bit scalars, got \(bits.count) bits")
        return scope("variableBaseMul") {
            let layout = table.layout
            let b0 = bits[0].signal
            let (low, high) = table.correction
            let correction = EdwardsPointSignal(x: low.x + product(b0, high.x - low.x, "correction x"),
                                                y: low.y + product(b0, high.y - low.y, "correction y"))
            return windowedSum(bits, layout, correction: correction) { w in
                let one = table.single[w]
                guard let three = table.triple[w] else {
                    return MontgomeryPointSignal(u: one.u, v: product(2 * bits[2 * w + 1].signal - 1, one.v, "±v", index: w))
                }
                let bx = bits[2 * w + 1].signal, by = bits[2 * w + 2].signal
                // |d| = 3 exactly when bx = by; the sign is that of s₂w₊₁ = 2·by − 1.
                let same = 1 - bx - by + 2 * product(bx, by, "b·b′", index: w)
                let u = one.u + product(same, three.u - one.u, "u", index: w)
                let magnitude = one.v + product(same, three.v - one.v, "|v|", index: w)
                return MontgomeryPointSignal(u: u, v: product(2 * by - 1, magnitude, "±v", index: w))
            }
        }
    }

    /// N·P for a variable P of prime order l: builds the table, then multiplies.
    public func scalarMultiply(_ bits: [Bit], point p: EdwardsPointSignal) -> EdwardsPointSignal {
        scalarMultiply(bits, table: variableBaseTable(for: p, bits: bits.count))
    }

    /// Σ over windows of their addends (Montgomery, per segment), converted to Edwards and
    /// added to `correction`.
    private func windowedSum(_ bits: [Bit], _ layout: ScalarLayout, correction: EdwardsPointSignal,
                             _ addend: (Int) -> MontgomeryPointSignal) -> EdwardsPointSignal {
        var total = correction
        for (k, segment) in layout.segments.enumerated() {
            let partial = scope("segment", index: k) { () -> EdwardsPointSignal in
                var acc: MontgomeryPointSignal? = nil
                for w in segment {
                    let next = scope("window", index: w) { () -> MontgomeryPointSignal in
                        let q = addend(w)
                        return acc.map { montgomeryAdd($0, q) } ?? q
                    }
                    acc = next
                }
                return toEdwards(acc!)
            }
            total = edwardsAdd(total, partial)
        }
        return total
    }
}
