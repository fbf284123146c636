import Testing
import TestSupport
@testable import Circuits

/// Builds `circuit` for every assignment in each builder mode and checks, as gnark's
/// `test.CheckCircuit` does, that
/// - every valid assignment satisfies all constraints;
/// - the constraints do not depend on the values: `.constraintsOnly` records the same R1CS as
///   `.full`, and `.witnessOnly` computes the same witness;
/// - every invalid assignment violates some constraint (the failing label is returned).
@discardableResult
func checkCircuit<Input>(
    _ circuit: (ConstraintSystem, Input) -> Void, valid: [Input], invalid: [Input] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) -> (valid: [ConstraintSystem], failures: [ConstraintFailure?]) {
    var systems: [ConstraintSystem] = []
    var reference: R1CS?
    for input in valid {
        let cs = ConstraintSystem(mode: .full)
        circuit(cs, input)
        let failure = cs.firstUnsatisfiedConstraint()
        #expect(failure == nil, "valid assignment fails: \(String(describing: failure))", sourceLocation: sourceLocation)
        let r1cs = cs.makeR1CS()
        if let reference {
            #expect(r1cs == reference, "the R1CS depends on the assignment", sourceLocation: sourceLocation)
        } else {
            let shape = ConstraintSystem(mode: .constraintsOnly)
            circuit(shape, input)
            #expect(shape.makeR1CS() == r1cs, ".constraintsOnly builds another R1CS", sourceLocation: sourceLocation)
            reference = r1cs
        }
        let witnessOnly = ConstraintSystem(mode: .witnessOnly)
        circuit(witnessOnly, input)
        #expect(witnessOnly.constraintCount == cs.constraintCount, sourceLocation: sourceLocation)
        #expect(witnessOnly.makeWitness() == cs.makeWitness(), ".witnessOnly computes another witness",
                sourceLocation: sourceLocation)
        #expect(r1cs.firstUnsatisfiedConstraint(cs.makeWitness()) == nil, "exported R1CS and witness disagree",
                sourceLocation: sourceLocation)
        systems.append(cs)
    }
    var failures: [ConstraintFailure?] = []
    for input in invalid {
        let cs = ConstraintSystem(mode: .full)
        circuit(cs, input)
        let failure = cs.firstUnsatisfiedConstraint()
        #expect(failure != nil, "an invalid assignment satisfies every constraint", sourceLocation: sourceLocation)
        if let reference {
            #expect(cs.makeR1CS() == reference, "the R1CS depends on the assignment", sourceLocation: sourceLocation)
        }
        failures.append(failure)
    }
    return (systems, failures)
}

/// The exact single-wire mutation check: every wire of the given kinds (by default the
/// internal wires: a gadget's inputs are other assignments) is pinned, except those `isFree`
/// accepts (documented free values). Also mutates each such wire (or a seeded sample of
/// `sample` of them) to a random value and expects a violated constraint unless the wire is
/// free. Returns the unpinned wires.
@discardableResult
func expectPinned(
    _ cs: ConstraintSystem, kinds: Set<WireKind> = [.internal], sample: Int? = nil, seed: UInt64 = 1,
    isFree: (UnpinnedWire) -> Bool = { _ in false },
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> [UnpinnedWire] {
    let analysis = try PinningAnalysis(cs)
    let unpinned = analysis.unpinnedWires(kinds: kinds)
    for wire in unpinned where !isFree(wire) {
        Issue.record("not pinned: \(wire)", sourceLocation: sourceLocation)
    }
    var rng = SeededGenerator(seed: seed)
    let candidates = (1..<cs.wireCount).filter { kinds.contains(cs.kind(ofWire: $0)) }
    let chosen = sample.map { n in n >= candidates.count ? candidates : (0..<n).map { _ in candidates[Int(rng.next() % UInt64(candidates.count))] } } ?? candidates
    let freeWires = Set(unpinned.map(\.wire))
    for wire in chosen where !freeWires.contains(wire) {
        let mutated = cs.value(ofWire: wire) + Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next() >> 3)) + Fr.one
        if analysis.isSatisfied(settingWire: wire, to: mutated) {
            Issue.record("mutating \(cs.wireLabel(wire)) keeps every constraint satisfied", sourceLocation: sourceLocation)
        }
    }
    return unpinned
}
