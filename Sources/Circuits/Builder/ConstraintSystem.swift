/// What a wire is; the kind decides its place in the exported (iden3) wire order.
public enum WireKind: UInt8, Sendable {
    case one, publicOutput, publicInput, privateInput, `internal`
}

/// Builds a rank-1 constraint system and its witness in one pass of gadget code.
///
/// Gadgets call the same functions whatever the mode, so the constraints and the witness
/// cannot drift apart:
/// - `.full` records constraints, labels and witness values (tests, the checker, export);
/// - `.constraintsOnly` records constraints and labels but computes no hints (key generation,
///   `circuit export`); witness values are then meaningless zeros;
/// - `.witnessOnly` computes witness values and records nothing else (proving).
///
/// Wires are numbered in creation order inside the builder (wire 0 is the constant 1); the
/// export renumbers them to the iden3 layout: 1, public outputs, public inputs, private
/// inputs, internal wires. Constraints are stored flat (no per-constraint allocation) and keep
/// a hierarchical label (`trace[3].signature.S < l`) for the checker.
public final class ConstraintSystem {
    /// What the builder records.
    public enum Mode: Sendable {
        case full, constraintsOnly, witnessOnly
    }

    public let mode: Mode
    /// Whether constraints and labels are recorded (`.full`, `.constraintsOnly`).
    public let recordsConstraints: Bool
    /// Whether witness values are computed (`.full`, `.witnessOnly`).
    public let recordsValues: Bool

    var wireKinds: [WireKind] = [.one]
    var values: [Fr] = [.one]
    var wireNames: [NameRecord] = []

    /// Cumulative term counts: constraint i's A, B, C rows are the ranges
    /// rowEnds[3i]..<rowEnds[3i+1], rowEnds[3i+1]..<rowEnds[3i+2], rowEnds[3i+2]..<rowEnds[3i+3].
    var rowEnds: [Int32] = [0]
    var termWires: [Int32] = []
    var termCoefficients: [Fr] = []
    var constraintNames: [NameRecord] = []
    /// Number of constraints recorded (counted in every mode).
    public private(set) var constraintCount = 0

    var names = NameTable()
    var currentScope: Int32 = 0

    public init(mode: Mode = .full) {
        self.mode = mode
        recordsConstraints = mode != .witnessOnly
        recordsValues = mode != .constraintsOnly
        if recordsConstraints { wireNames.append(NameRecord(scope: 0, name: names.intern("one"), index: -1)) }
    }

    /// Number of wires, including the constant wire 0.
    public var wireCount: Int { wireKinds.count }

    /// The kind of each wire, in builder order.
    public func kind(ofWire wire: Int) -> WireKind { wireKinds[wire] }

    // MARK: wires

    func allocate(_ kind: WireKind, _ name: StaticString, _ index: Int, _ value: () -> Fr) -> Signal {
        let wire = Int32(wireKinds.count)
        wireKinds.append(kind)
        let v: Fr = recordsValues ? value() : .zero
        if recordsValues { values.append(v) }
        if recordsConstraints {
            wireNames.append(NameRecord(scope: currentScope, name: names.intern(name), index: Int32(index)))
        }
        let terms = recordsConstraints ? [WireTerm(wire: wire, coefficient: .one)] : []
        return Signal(constantTerm: .zero, terms: terms, isConstant: false, value: v)
    }

    /// A public input wire (the verifier supplies its value). Declare public inputs in the
    /// order the verifier lists them.
    public func publicInput(_ name: StaticString, index: Int = -1, value: @autoclosure () -> Fr) -> Signal {
        allocate(.publicInput, name, index, value)
    }

    /// A private input wire (the prover supplies its value).
    public func privateInput(_ name: StaticString, index: Int = -1, value: @autoclosure () -> Fr) -> Signal {
        allocate(.privateInput, name, index, value)
    }

    /// A public output wire constrained to equal `signal` (one constraint).
    @discardableResult
    public func publicOutput(_ name: StaticString, index: Int = -1, equals signal: Signal) -> Signal {
        let out = allocate(.publicOutput, name, index) { signal.value }
        enforce(out == signal, name, index: index)
        return out
    }

    /// An internal wire whose value the prover computes with `hint`. The wire is unconstrained
    /// until the caller constrains it; `hint` runs only when values are recorded, and must be a
    /// total function of the values it reads (it runs on invalid witnesses too).
    public func witness(_ name: StaticString, index: Int = -1, _ hint: () -> Fr) -> Signal {
        allocate(.internal, name, index, hint)
    }

    // MARK: constraints

    /// Records `a·b = c` under `label` (in the current scope).
    public func enforce(_ constraint: RankOneConstraint, _ label: StaticString, index: Int = -1) {
        constraintCount += 1
        guard recordsConstraints else { return }
        append(constraint.a)
        append(constraint.b)
        append(constraint.c)
        constraintNames.append(NameRecord(scope: currentScope, name: names.intern(label), index: Int32(index)))
    }

    private func append(_ s: Signal) {
        if !s.constantTerm.isZero {
            termWires.append(0)
            termCoefficients.append(s.constantTerm)
        }
        for t in s.terms {
            termWires.append(t.wire)
            termCoefficients.append(t.coefficient)
        }
        rowEnds.append(Int32(termWires.count))
    }

    /// `a·b` as a signal. A constant factor is folded in (no wire, no constraint); otherwise a
    /// new wire named `name` is pinned by the constraint `a·b = wire`.
    public func product(_ a: Signal, _ b: Signal, _ name: StaticString, index: Int = -1) -> Signal {
        if a.isConstant { return b.scaled(by: a.constantTerm) }
        if b.isConstant { return a.scaled(by: b.constantTerm) }
        let w = witness(name, index: index) { a.value * b.value }
        enforce(a * b == w, name, index: index)
        return w
    }

    // MARK: scopes

    /// Runs `body` inside the named scope: labels of wires and constraints made there are
    /// prefixed with `name` (or `name[index]`).
    public func scope<T>(_ name: StaticString, index: Int = -1, _ body: () throws -> T) rethrows -> T {
        guard recordsConstraints else { return try body() }
        let saved = currentScope
        currentScope = names.addScope(parent: saved, name: names.intern(name), index: Int32(index))
        defer { currentScope = saved }
        return try body()
    }

    // MARK: labels

    /// The label of constraint `i`, e.g. `trace[3].signature.S < l`.
    public func constraintLabel(_ i: Int) -> String {
        guard recordsConstraints else { return "constraint \(i)" }
        return names.label(constraintNames[i])
    }

    /// The label of a wire (builder numbering).
    public func wireLabel(_ wire: Int) -> String {
        guard recordsConstraints else { return "wire \(wire)" }
        return names.label(wireNames[wire])
    }

    /// The witness value of a wire (builder numbering).
    public func value(ofWire wire: Int) -> Fr { values[wire] }
}
