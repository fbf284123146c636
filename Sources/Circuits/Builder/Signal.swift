/// One term `coefficient * wire` of a signal, in the builder's own wire numbering (creation
/// order; wire 0 is the constant 1 and never appears as a term).
public struct WireTerm: Equatable, Sendable {
    public var wire: Int32
    public var coefficient: Fr

    public init(wire: Int32, coefficient: Fr) {
        self.wire = wire
        self.coefficient = coefficient
    }
}

/// An affine combination `c + Σ kᵢ·wᵢ` of wires together with its witness value.
///
/// Linear arithmetic on signals is free: it builds a new combination (merging duplicate wires,
/// dropping zero terms) and never allocates a wire or a constraint. Multiplying two signals
/// either folds a constant or goes through `ConstraintSystem.product`, which pins the result
/// with a rank-1 constraint.
///
/// `isConstant` is structural (it does not look at the terms), so every builder mode makes the
/// same decisions: a signal is constant when it was built from constants only. In
/// `.witnessOnly` mode the terms are not tracked at all; in `.constraintsOnly` mode the values
/// are not meaningful.
public struct Signal: Sendable, CustomStringConvertible {
    /// The coefficient of the constant wire.
    public internal(set) var constantTerm: Fr
    /// The wire terms, sorted by wire, with non-zero coefficients.
    public internal(set) var terms: [WireTerm]
    /// Whether the signal is a circuit constant (known without a witness).
    public internal(set) var isConstant: Bool
    /// The witness value (zero in `.constraintsOnly` mode).
    public internal(set) var value: Fr

    init(constantTerm: Fr, terms: [WireTerm], isConstant: Bool, value: Fr) {
        self.constantTerm = constantTerm
        self.terms = terms
        self.isConstant = isConstant
        self.value = value
    }

    /// The constant `c`.
    public static func constant(_ c: Fr) -> Signal {
        Signal(constantTerm: c, terms: [], isConstant: true, value: c)
    }

    /// The constant `c` (negative values wrap modulo r).
    public static func constant(_ c: Int) -> Signal { .constant(Fr(signed: c)) }

    public static var zero: Signal { .constant(.zero) }
    public static var one: Signal { .constant(.one) }

    public var description: String {
        var parts: [String] = []
        if !constantTerm.isZero || terms.isEmpty { parts.append(constantTerm.decimalString) }
        for t in terms { parts.append("\(t.coefficient.decimalString)·w\(t.wire)") }
        return parts.joined(separator: " + ") + " (= \(value.decimalString))"
    }

    /// `ka·a + kb·b`, merging the sorted term lists.
    static func combine(_ a: Signal, _ ka: Fr, _ b: Signal, _ kb: Fr) -> Signal {
        let value = ka * a.value + kb * b.value
        let constant = ka * a.constantTerm + kb * b.constantTerm
        let isConstant = (a.isConstant || ka.isZero) && (b.isConstant || kb.isZero)
        if ka.isZero || a.terms.isEmpty {
            return Signal(constantTerm: constant, terms: scaled(b.terms, kb), isConstant: isConstant, value: value)
        }
        if kb.isZero || b.terms.isEmpty {
            return Signal(constantTerm: constant, terms: scaled(a.terms, ka), isConstant: isConstant, value: value)
        }
        let aOne = ka.isOne, bOne = kb.isOne
        var out: [WireTerm] = []
        out.reserveCapacity(a.terms.count + b.terms.count)
        var i = 0, j = 0
        let at = a.terms, bt = b.terms
        while i < at.count && j < bt.count {
            let wa = at[i].wire, wb = bt[j].wire
            if wa < wb {
                out.append(WireTerm(wire: wa, coefficient: aOne ? at[i].coefficient : ka * at[i].coefficient))
                i += 1
            } else if wb < wa {
                out.append(WireTerm(wire: wb, coefficient: bOne ? bt[j].coefficient : kb * bt[j].coefficient))
                j += 1
            } else {
                let c = (aOne ? at[i].coefficient : ka * at[i].coefficient)
                    + (bOne ? bt[j].coefficient : kb * bt[j].coefficient)
                if !c.isZero { out.append(WireTerm(wire: wa, coefficient: c)) }
                i += 1
                j += 1
            }
        }
        while i < at.count {
            out.append(WireTerm(wire: at[i].wire, coefficient: aOne ? at[i].coefficient : ka * at[i].coefficient))
            i += 1
        }
        while j < bt.count {
            out.append(WireTerm(wire: bt[j].wire, coefficient: bOne ? bt[j].coefficient : kb * bt[j].coefficient))
            j += 1
        }
        return Signal(constantTerm: constant, terms: out, isConstant: isConstant, value: value)
    }

    static func scaled(_ terms: [WireTerm], _ k: Fr) -> [WireTerm] {
        if k.isZero { return [] }
        if k.isOne { return terms }
        return terms.map { WireTerm(wire: $0.wire, coefficient: k * $0.coefficient) }
    }

    /// `k·self`.
    public func scaled(by k: Fr) -> Signal {
        Signal(constantTerm: k * constantTerm, terms: Signal.scaled(terms, k), isConstant: isConstant || k.isZero,
               value: k * value)
    }

    /// `self + k·other`.
    public func adding(_ other: Signal, times k: Fr) -> Signal { Signal.combine(self, .one, other, k) }

    /// The sum `Σ kᵢ·sᵢ` of many signals: all terms are gathered, sorted by wire and merged
    /// once, instead of merging pairwise.
    public static func sum(_ signals: [Signal], coefficients: [Fr]) -> Signal {
        precondition(signals.count == coefficients.count, "sum: \(signals.count) signals, \(coefficients.count) coefficients")
        var constant = Fr.zero, value = Fr.zero
        var isConstant = true
        var gathered: [WireTerm] = []
        gathered.reserveCapacity(signals.reduce(0) { $0 + $1.terms.count })
        for (s, k) in zip(signals, coefficients) where !k.isZero {
            constant += k * s.constantTerm
            value += k * s.value
            isConstant = isConstant && s.isConstant
            for t in s.terms { gathered.append(WireTerm(wire: t.wire, coefficient: k * t.coefficient)) }
        }
        gathered.sort { $0.wire < $1.wire }
        var merged: [WireTerm] = []
        merged.reserveCapacity(gathered.count)
        var i = 0
        while i < gathered.count {
            var c = gathered[i].coefficient
            var j = i + 1
            while j < gathered.count && gathered[j].wire == gathered[i].wire {
                c += gathered[j].coefficient
                j += 1
            }
            if !c.isZero { merged.append(WireTerm(wire: gathered[i].wire, coefficient: c)) }
            i = j
        }
        return Signal(constantTerm: constant, terms: merged, isConstant: isConstant, value: value)
    }

    // MARK: operators

    public static func + (a: Signal, b: Signal) -> Signal { combine(a, .one, b, .one) }
    public static func - (a: Signal, b: Signal) -> Signal { combine(a, .one, b, -.one) }
    public static prefix func - (a: Signal) -> Signal { a.scaled(by: -.one) }
    public static func * (a: Signal, k: Fr) -> Signal { a.scaled(by: k) }
    public static func * (k: Fr, a: Signal) -> Signal { a.scaled(by: k) }
    public static func * (a: Signal, k: Int) -> Signal { a.scaled(by: Fr(signed: k)) }
    public static func * (k: Int, a: Signal) -> Signal { a.scaled(by: Fr(signed: k)) }
    public static func + (a: Signal, c: Fr) -> Signal { combine(a, .one, .constant(c), .one) }
    public static func - (a: Signal, c: Fr) -> Signal { combine(a, .one, .constant(c), -.one) }
    public static func + (c: Fr, a: Signal) -> Signal { combine(.constant(c), .one, a, .one) }
    public static func - (c: Fr, a: Signal) -> Signal { combine(.constant(c), .one, a, -.one) }
    public static func + (a: Signal, c: Int) -> Signal { a + Fr(signed: c) }
    public static func - (a: Signal, c: Int) -> Signal { a - Fr(signed: c) }
    public static func + (c: Int, a: Signal) -> Signal { Fr(signed: c) + a }
    public static func - (c: Int, a: Signal) -> Signal { Fr(signed: c) - a }
    public static func += (a: inout Signal, b: Signal) { a = a + b }
    public static func -= (a: inout Signal, b: Signal) { a = a - b }

    /// The unevaluated product `a·b`, for use in `enforce(a * b == c)`.
    public static func * (a: Signal, b: Signal) -> SignalProduct { SignalProduct(a: a, b: b) }

    /// The rank-1 constraint `a·b = c`.
    public static func == (p: SignalProduct, c: Signal) -> RankOneConstraint {
        RankOneConstraint(a: p.a, b: p.b, c: c)
    }

    /// The linear constraint `a = b` (as `1·a = b`).
    public static func == (a: Signal, b: Signal) -> RankOneConstraint {
        RankOneConstraint(a: .one, b: a, c: b)
    }
}

/// The product of two signals before it is constrained (see `Signal.*`).
public struct SignalProduct: Sendable {
    public var a: Signal
    public var b: Signal
}

/// A constraint `a·b = c` over signals, before it is recorded.
public struct RankOneConstraint: Sendable {
    public var a: Signal
    public var b: Signal
    public var c: Signal

    /// Whether the witness values satisfy it.
    public var isSatisfied: Bool { a.value * b.value == c.value }
}

extension Fr {
    /// The integer `value` modulo r (negative values wrap).
    public init(signed value: Int) {
        let magnitude = Fr(UInt64(value.magnitude))
        self = value < 0 ? -magnitude : magnitude
    }
}
