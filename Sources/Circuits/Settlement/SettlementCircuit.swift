/// The settlement circuit for one account and L trace slots (DESIGN.md, "The settlement
/// circuit"; doc/CIRCUITS.md lists every signal and the constraint that pins it).
///
/// The constraints depend on L only, never on the values: `r1cs()` is the same for every
/// input, so one proving key serves every transition of up to L traces.
public struct SettlementCircuit: Equatable, Hashable, Sendable {
    /// The largest L this type builds (about 3.2 million constraints).
    public static let maxTraces = 1024
    static let traceRange = 1...maxTraces

    /// The number of trace slots L.
    public let traces: Int

    /// The circuit of `traces` slots; throws `SettlementInputError.traceCountOutOfRange` unless
    /// 1 ≤ traces ≤ `maxTraces`.
    public init(traces: Int) throws {
        guard Self.traceRange.contains(traces) else { throw SettlementInputError.traceCountOutOfRange(traces) }
        self.traces = traces
    }

    /// Validates `input` natively (`SettlementWitnessInput.validate(slots:)`, which names the
    /// trace and field of the first problem), then records the circuit in a new constraint
    /// system of the given mode: `.witnessOnly` to prove, `.full` to check and debug.
    public func build(mode: ConstraintSystem.Mode, input: SettlementWitnessInput) throws -> ConstraintSystem {
        try input.validate(slots: traces)
        return build(mode: mode, assignment: SettlementAssignment(input, slots: traces))
    }

    /// Records the circuit for any assignment, without validation (soundness tests forge
    /// assignments through this).
    func build(mode: ConstraintSystem.Mode, assignment: SettlementAssignment) -> ConstraintSystem {
        let cs = ConstraintSystem(mode: mode)
        constrain(cs, assignment)
        return cs
    }

    /// The constraints alone (mode `.constraintsOnly`; no input needed), for key generation.
    public func constraintSystem() -> ConstraintSystem {
        build(mode: .constraintsOnly, assignment: .placeholder(slots: traces))
    }

    /// The R1CS in the iden3 wire layout (what `circuit export` writes).
    public func r1cs() -> R1CS { constraintSystem().makeR1CS() }

    /// The full witness of a valid input in the iden3 wire order, computed without recording
    /// constraints (mode `.witnessOnly`). Throws `SettlementInputError` for an invalid input.
    public func witness(for input: SettlementWitnessInput) throws -> Witness {
        try build(mode: .witnessOnly, input: input).makeWitness()
    }

    /// Sizes of the circuit.
    public struct Info: Equatable, Sendable {
        /// L.
        public var traces: Int
        public var constraints: Int
        public var publicInputs: Int
        public var privateInputs: Int
        /// All wires, including the constant wire 0.
        public var wires: Int
        /// Constraints of one trace slot (every slot has the same).
        public var constraintsPerTrace: Int
        /// Constraints outside the slots (key, range checks of the public values, final links).
        public var fixedConstraints: Int
    }

    /// Counts constraints and wires (builds the constraints once).
    public func info() -> Info {
        let cs = ConstraintSystem(mode: .constraintsOnly)
        let perSlot = constrain(cs, .placeholder(slots: traces))
        return Info(traces: traces, constraints: cs.constraintCount, publicInputs: cs.wireCount(of: .publicInput),
                    privateInputs: cs.wireCount(of: .privateInput), wires: cs.wireCount, constraintsPerTrace: perSlot[0],
                    fixedConstraints: cs.constraintCount - perSlot.reduce(0, +))
    }
}
