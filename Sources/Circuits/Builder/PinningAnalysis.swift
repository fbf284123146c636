/// A wire whose value can change, on its own, without violating any constraint.
public struct UnpinnedWire: Equatable, Sendable, CustomStringConvertible {
    /// Builder index of the wire.
    public var wire: Int
    /// Its label.
    public var label: String
    /// Another value that satisfies every constraint, or nil when every value does (the wire
    /// is in no constraint that restricts it).
    public var alternative: Fr?

    public var description: String {
        "\(label) (wire \(wire)) " + (alternative.map { "may also be \($0.decimalString)" } ?? "is unconstrained")
    }
}

/// Exact single-wire mutation analysis of a satisfied witness.
///
/// Fixing every other wire, each constraint `a·b = c` is a polynomial of degree at most two in
/// one wire w: `(a₀ + a₁w)(b₀ + b₁w) = c₀ + c₁w`. The current value is a root; the other root
/// (if any) follows from Vieta's formulas. A wire is pinned when some constraint has no other
/// root, or the constraints' other roots disagree; otherwise the common other root (or any
/// value, when nothing restricts the wire) satisfies everything. This decides, for every wire
/// and every possible replacement value at once, what a random mutation test only samples.
public struct PinningAnalysis {
    private let system: ConstraintSystem
    private let values: [Fr]
    /// Row values (A, B, C of every constraint) at the current witness.
    private var rowValues: [Fr]
    /// For each wire, the (row, coefficient) pairs where it appears, grouped by constraint.
    private var incidenceStart: [Int]
    private var incidenceRow: [Int32]
    private var incidenceCoefficient: [Fr]

    /// Prepares the analysis; the witness must satisfy every constraint (mode `.full`).
    public init(_ system: ConstraintSystem, values: [Fr]? = nil) throws {
        let values = values ?? system.witnessValues
        if let failure = system.firstUnsatisfiedConstraint(values: values) { throw failure }
        self.system = system
        self.values = values
        let rows = 3 * system.constraintCount
        rowValues = values.withUnsafeBufferPointer { v in (0..<rows).map { system.evaluateRow($0, v) } }
        var counts = [Int](repeating: 0, count: system.wireCount + 1)
        for w in system.termWires { counts[Int(w) + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        incidenceStart = counts
        var fill = counts
        incidenceRow = [Int32](repeating: 0, count: system.termWires.count)
        incidenceCoefficient = [Fr](repeating: .zero, count: system.termWires.count)
        var row = 0
        for k in 0..<system.termWires.count {
            while Int(system.rowEnds[row + 1]) <= k { row += 1 }
            let w = Int(system.termWires[k])
            incidenceRow[fill[w]] = Int32(row)
            incidenceCoefficient[fill[w]] = system.termCoefficients[k]
            fill[w] += 1
        }
    }

    /// Whether every constraint still holds after setting `wire` to `newValue` (only the
    /// constraints containing the wire can change).
    public func isSatisfied(settingWire wire: Int, to newValue: Fr) -> Bool {
        let delta = newValue - values[wire]
        var k = incidenceStart[wire]
        let end = incidenceStart[wire + 1]
        while k < end {
            let constraint = Int(incidenceRow[k]) / 3
            var rows = (rowValues[3 * constraint], rowValues[3 * constraint + 1], rowValues[3 * constraint + 2])
            while k < end && Int(incidenceRow[k]) / 3 == constraint {
                let shift = incidenceCoefficient[k] * delta
                switch Int(incidenceRow[k]) % 3 {
                case 0: rows.0 += shift
                case 1: rows.1 += shift
                default: rows.2 += shift
                }
                k += 1
            }
            if rows.0 * rows.1 != rows.2 { return false }
        }
        return true
    }

    /// How firmly the constraints hold one wire, the others fixed.
    public enum Pinning: Equatable, Sendable {
        /// Only the current value satisfies every constraint.
        case pinned
        /// Exactly one other value also does.
        case alternative(Fr)
        /// No constraint restricts the wire: every value does.
        case unconstrained
    }

    /// Decides whether `wire` is pinned (see the type's documentation).
    public func pinning(ofWire wire: Int) -> Pinning {
        let v = values[wire]
        var other: Fr? = nil  // the common other root so far; nil while nothing restricts the wire
        var k = incidenceStart[wire]
        let end = incidenceStart[wire + 1]
        while k < end {
            let constraint = Int(incidenceRow[k]) / 3
            var slope = (Fr.zero, Fr.zero, Fr.zero)
            while k < end && Int(incidenceRow[k]) / 3 == constraint {
                switch Int(incidenceRow[k]) % 3 {
                case 0: slope.0 += incidenceCoefficient[k]
                case 1: slope.1 += incidenceCoefficient[k]
                default: slope.2 += incidenceCoefficient[k]
                }
                k += 1
            }
            let a0 = rowValues[3 * constraint] - slope.0 * v
            let b0 = rowValues[3 * constraint + 1] - slope.1 * v
            let quadratic = slope.0 * slope.1
            let linear = a0 * slope.1 + slope.0 * b0 - slope.2
            if quadratic.isZero {
                if linear.isZero { continue }  // the constraint does not depend on the wire
                return .pinned  // linear in the wire: the current value is the only root
            }
            let root = -(linear * quadratic.inverse()!) - v
            if root == v { return .pinned }  // double root
            if let previous = other, previous != root { return .pinned }
            other = root
        }
        return other.map { .alternative($0) } ?? .unconstrained
    }

    /// Every wire of the given kinds that is not pinned.
    public func unpinnedWires(kinds: Set<WireKind> = [.privateInput, .internal]) -> [UnpinnedWire] {
        var out: [UnpinnedWire] = []
        for wire in 1..<system.wireCount where kinds.contains(system.kind(ofWire: wire)) {
            switch pinning(ofWire: wire) {
            case .pinned: continue
            case .alternative(let x): out.append(UnpinnedWire(wire: wire, label: system.wireLabel(wire), alternative: x))
            case .unconstrained: out.append(UnpinnedWire(wire: wire, label: system.wireLabel(wire), alternative: nil))
            }
        }
        return out
    }
}
