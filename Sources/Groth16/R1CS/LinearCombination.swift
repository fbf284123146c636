/// One term `coefficient * w[wire]` of a linear combination over the witness vector w.
public struct Term: Equatable, Hashable, Sendable {
    public var wire: Int
    public var coefficient: Fr

    public init(wire: Int, coefficient: Fr) {
        self.wire = wire
        self.coefficient = coefficient
    }
}

/// A sparse linear combination of witness wires. Wire 0 is the constant 1.
public struct LinearCombination: Equatable, Hashable, Sendable, ExpressibleByArrayLiteral {
    public var terms: [Term]

    public init(_ terms: [Term] = []) { self.terms = terms }

    public init(arrayLiteral elements: Term...) { self.terms = elements }

    /// The combination's value for a full witness vector.
    @inlinable
    public func evaluate(_ witness: [Fr]) -> Fr {
        var acc = Fr.zero
        for t in terms { acc += t.coefficient * witness[t.wire] }
        return acc
    }
}
