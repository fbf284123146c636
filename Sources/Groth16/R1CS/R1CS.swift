/// One rank-1 constraint <a, w> * <b, w> = <c, w>.
public struct Constraint: Equatable, Hashable, Sendable {
    public var a: LinearCombination
    public var b: LinearCombination
    public var c: LinearCombination

    public init(a: LinearCombination, b: LinearCombination, c: LinearCombination) {
        self.a = a
        self.b = b
        self.c = c
    }
}

/// A rank-1 constraint system over Fr with the iden3 wire layout: wire 0 is the constant 1,
/// then public outputs, public inputs, private inputs, and internal wires.
public struct R1CS: Equatable, Sendable {
    /// Total number of wires, including the constant wire 0.
    public var numWires: Int
    public var numPublicOutputs: Int
    public var numPublicInputs: Int
    public var numPrivateInputs: Int
    public var constraints: [Constraint]
    /// Optional symbol label of each wire (the .r1cs wire-to-label map); empty when unknown.
    public var wireLabels: [UInt64]

    public init(numWires: Int, numPublicOutputs: Int, numPublicInputs: Int, numPrivateInputs: Int,
                constraints: [Constraint], wireLabels: [UInt64] = []) {
        self.numWires = numWires
        self.numPublicOutputs = numPublicOutputs
        self.numPublicInputs = numPublicInputs
        self.numPrivateInputs = numPrivateInputs
        self.constraints = constraints
        self.wireLabels = wireLabels
    }

    /// Public signals as Groth16 counts them: outputs then inputs (wires 1...numPublic).
    public var numPublic: Int { numPublicOutputs + numPublicInputs }

    /// The index of the first constraint the witness violates, or nil when all hold.
    /// Precondition: the witness has `numWires` values.
    public func firstUnsatisfiedConstraint(_ witness: Witness) -> Int? {
        precondition(witness.values.count == numWires, "witness has \(witness.values.count) values, R1CS has \(numWires) wires")
        for (i, c) in constraints.enumerated() {
            let w = witness.values
            if c.a.evaluate(w) * c.b.evaluate(w) != c.c.evaluate(w) { return i }
        }
        return nil
    }

    /// Checks the witness shape (length, constant wire 1) and every constraint.
    public func check(_ witness: Witness) throws {
        guard witness.values.count == numWires else {
            throw R1CSError.witnessLength(expected: numWires, got: witness.values.count)
        }
        guard witness.values.first == .one else { throw R1CSError.constantWireNotOne }
        if let i = firstUnsatisfiedConstraint(witness) { throw R1CSError.unsatisfied(constraint: i) }
    }
}

/// A full assignment of the wires of an R1CS; values[0] is 1.
public struct Witness: Equatable, Sendable {
    public var values: [Fr]

    public init(values: [Fr]) { self.values = values }

    /// The public signals (wires 1...numPublic), as public.json lists them.
    public func publicSignals(count: Int) -> [Fr] { Array(values[1...count]) }
}

/// Why a witness does not fit an R1CS.
public enum R1CSError: Error, Equatable, CustomStringConvertible {
    case witnessLength(expected: Int, got: Int)
    case constantWireNotOne
    case unsatisfied(constraint: Int)

    public var description: String {
        switch self {
        case let .witnessLength(e, g): return "witness has \(g) values, the R1CS has \(e) wires"
        case .constantWireNotOne: return "witness value 0 (the constant wire) is not 1"
        case let .unsatisfied(i): return "constraint \(i) is not satisfied"
        }
    }
}
