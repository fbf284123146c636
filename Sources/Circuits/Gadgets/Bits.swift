extension Fr {
    /// The `count` low bits of the canonical value, least significant first (native twin of
    /// `ConstraintSystem.bits(of:count:)`).
    public func lowBits(_ count: Int) -> [Bool] {
        let l = canonicalLimbs
        let words = [l.0, l.1, l.2, l.3]
        return (0..<count).map { i in i < 256 && (words[i / 64] >> UInt64(i % 64)) & 1 == 1 }
    }
}

extension ConstraintSystem {
    /// The largest bit count `bits(of:count:)` accepts: 2^253 < r, so a 253-bit sum cannot wrap.
    public static let maxPlainBits = 253

    /// The `count` low bits of `x`, least significant first: `count` booleanity constraints and
    /// one linear constraint `Σ bᵢ·2ⁱ = x`. Unsatisfiable unless 0 ≤ x < 2^count. At most 253
    /// bits (use `bitsStrict` for a full field element).
    public func bits(of x: Signal, count: Int) -> [Bit] {
        precondition((1...Self.maxPlainBits).contains(count), "bits(of:count:) needs 1...253 bits, got \(count)")
        return decompose(x.value, count: count) { sum in sum == x }
    }

    /// The bits of the product a·b, pinned by the single constraint `a·b = Σ bᵢ·2ⁱ` (the
    /// product needs no wire of its own).
    public func bits(of product: SignalProduct, count: Int) -> [Bit] {
        precondition((1...Self.maxPlainBits).contains(count), "bits(of:count:) needs 1...253 bits, got \(count)")
        return decompose(product.a.value * product.b.value, count: count) { sum in product == sum }
    }

    /// Range check: 0 ≤ x < 2^count (count + 1 constraints).
    public func rangeCheck(_ x: Signal, bits count: Int) {
        _ = bits(of: x, count: count)
    }

    /// All 254 bits of a field element, unique: `bits(of:)` plus the alias check Σ bᵢ·2ⁱ ≤ r − 1,
    /// so the bits cannot spell x + r.
    public func bitsStrict(of x: Signal) -> [Bit] {
        let bits = decompose(x.value, count: 254) { sum in sum == x }
        scope("alias check") { enforceLessOrEqual(bits, Fr.modulus - 1) }
        return bits
    }

    /// All 254 bits of the product a·b, unique (see `bitsStrict(of:)`), pinned by the single
    /// constraint `a·b = Σ bᵢ·2ⁱ`.
    public func bitsStrict(of product: SignalProduct) -> [Bit] {
        let bits = decompose(product.a.value * product.b.value, count: 254) { sum in product == sum }
        scope("alias check") { enforceLessOrEqual(bits, Fr.modulus - 1) }
        return bits
    }

    /// The number Σ bᵢ·2ⁱ (free).
    public static func number(from bits: [Bit]) -> Signal {
        var weights: [Fr] = []
        weights.reserveCapacity(bits.count)
        var w = Fr.one
        for _ in bits {
            weights.append(w)
            w = w.doubled()
        }
        return Signal.sum(bits.map(\.signal), coefficients: weights)
    }

    private func decompose(_ value: Fr, count: Int, _ link: (Signal) -> RankOneConstraint) -> [Bit] {
        let bitValues = recordsValues ? value.lowBits(count) : []
        var bits: [Bit] = []
        bits.reserveCapacity(count)
        for i in 0..<count {
            let b = witness("bit", index: i) { bitValues[i] ? .one : .zero }
            bits.append(boolean(b, "bit", index: i))
        }
        enforce(link(Self.number(from: bits)), "Σ bits")
        return bits
    }

    /// Enforces Σ bᵢ·2ⁱ ≤ bound for boolean `bits` (least significant first).
    ///
    /// Scanning from the top, a flag stays 1 while the bits equal the bound's. Below a run of
    /// zeros in the bound the bits must be zero while the flag is set (one constraint per run);
    /// a run of ones multiplies the flag by each bit (one constraint per bit, none while the
    /// flag is the constant 1). The scan stops at the bound's lowest zero bit. Costs about the
    /// number of runs in the bound plus its one bits above the lowest zero.
    public func enforceLessOrEqual(_ bits: [Bit], _ bound: BigInteger) {
        precondition(bound.signum >= 0, "negative bound")
        let n = bits.count
        guard let lowestZero = (0..<n).first(where: { !bound.bit($0) }) else { return }  // bound ≥ 2^n − 1
        var tight = Bit.constant(true)
        var i = n - 1
        while i >= lowestZero {
            if bound.bit(i) {
                tight = Bit(unchecked: product(tight.signal, bits[i].signal, "prefix equal", index: i))
                i -= 1
            } else {
                var run = Signal.zero
                let top = i
                while i >= 0 && !bound.bit(i) {
                    run += bits[i].signal
                    i -= 1
                }
                enforce(tight.signal * run == .zero, "bits ≤ bound", index: top)
            }
        }
    }
}
