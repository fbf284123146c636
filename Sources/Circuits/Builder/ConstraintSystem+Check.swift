/// A constraint the witness violates, with its label.
public struct ConstraintFailure: Error, Equatable, CustomStringConvertible {
    /// Index of the constraint, in recording (and export) order.
    public var index: Int
    /// Its hierarchical label, e.g. `trace[3].signature.S < l`.
    public var label: String

    public var description: String { "constraint \(index) (\(label)) is not satisfied" }
}

extension ConstraintSystem {
    /// The value of row `row` (0 = A, 1 = B, 2 = C of constraint row / 3) for the given wires.
    func evaluateRow(_ row: Int, _ values: UnsafeBufferPointer<Fr>) -> Fr {
        var acc = Fr.zero
        for k in Int(rowEnds[row])..<Int(rowEnds[row + 1]) {
            acc += termCoefficients[k] * values[Int(termWires[k])]
        }
        return acc
    }

    /// Whether constraint `i` holds for the given wire values (builder numbering).
    func isSatisfied(_ i: Int, _ values: UnsafeBufferPointer<Fr>) -> Bool {
        evaluateRow(3 * i, values) * evaluateRow(3 * i + 1, values) == evaluateRow(3 * i + 2, values)
    }

    /// The first constraint that `values` (builder numbering, one per wire) violates, or nil.
    public func firstUnsatisfiedConstraint(values: [Fr]) -> ConstraintFailure? {
        precondition(recordsConstraints, "the checker needs recorded constraints (mode .full)")
        precondition(values.count == wireCount, "\(values.count) values for \(wireCount) wires")
        return values.withUnsafeBufferPointer { v in
            for i in 0..<constraintCount where !isSatisfied(i, v) {
                return ConstraintFailure(index: i, label: constraintLabel(i))
            }
            return nil
        }
    }

    /// The first constraint the builder's own witness violates, or nil (mode `.full`).
    public func firstUnsatisfiedConstraint() -> ConstraintFailure? {
        precondition(mode == .full, "the checker needs constraints and values (mode .full)")
        return firstUnsatisfiedConstraint(values: values)
    }

    /// Throws the first violated constraint, naming it by label (mode `.full`).
    public func check() throws {
        if let failure = firstUnsatisfiedConstraint() { throw failure }
    }

    /// The builder's witness values, one per wire in builder numbering.
    public var witnessValues: [Fr] {
        precondition(recordsValues, "no values in mode .constraintsOnly")
        return values
    }
}
