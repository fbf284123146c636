import Testing
import TestSupport
@testable import Circuits

/// Valid transitions: they satisfy the circuit in every builder mode, the R1CS does not depend
/// on the witness, and every wire (inputs included) is pinned except the documented free values.
@Suite struct SettlementCircuitTests {
    /// The circuit as `checkCircuit` wants it.
    static func circuit(_ l: Int) -> (ConstraintSystem, SettlementAssignment) -> Void {
        let circuit = try! SettlementCircuit(traces: l)
        return { cs, a in _ = circuit.constrain(cs, a) }
    }

    @Test func validTransitionsSatisfyEveryMode() throws {
        for (l, counts) in [(1, [1]), (2, [1, 2]), (4, [1, 3, 4])] {
            var fixture = SettlementFixture(seed: 1000 + UInt64(l))
            let inputs = try counts.map { try fixture.input(traces: $0, slots: l) }
            let result = checkCircuit(Self.circuit(l), valid: inputs.map { SettlementAssignment($0, slots: l) })
            for (cs, input) in zip(result.valid, inputs) {
                #expect(cs.publicSignals() == input.statement.publicSignals, "public inputs in DESIGN.md's order")
            }
        }
    }

    @Test func publicApiBuildsTheSameR1CSAndWitness() throws {
        var fixture = SettlementFixture(seed: 1010)
        let circuit = try SettlementCircuit(traces: 3)
        let inputs = [try fixture.input(traces: 1, slots: 3), try fixture.input(traces: 3, slots: 3, initNonce: 0, initBalance: 5)]
        let r1cs = circuit.r1cs()
        for input in inputs {
            let full = try circuit.build(mode: .full, input: input)
            #expect(full.firstUnsatisfiedConstraint() == nil)
            #expect(full.makeR1CS() == r1cs, "the R1CS does not depend on the input")
            let witness = try circuit.witness(for: input)
            #expect(witness == full.makeWitness())
            #expect(r1cs.firstUnsatisfiedConstraint(witness) == nil)
            #expect(witness.publicSignals(count: r1cs.numPublic) == input.statement.publicSignals)
        }
        // A forged assignment records the same R1CS as well.
        var forged = SettlementAssignment(inputs[0], slots: 3)
        forged.finalBalance += .one
        forged.slots[2].enabled = Fr(5)
        forged.slots[1].s = -Fr.one
        #expect(circuit.build(mode: .full, assignment: forged).makeR1CS() == r1cs)
    }

    @Test func constraintCounts() throws {
        var perTrace: Int?
        for l in [1, 4, 16, 64] {
            let info = try SettlementCircuit(traces: l).info()
            print("settlement circuit L = \(l): \(info.constraints) constraints (\(info.constraintsPerTrace) per trace, "
                  + "\(info.fixedConstraints) fixed), \(info.wires) wires, \(info.privateInputs) private inputs")
            #expect(info.publicInputs == 8)
            #expect(info.privateInputs == 2 + 7 * l)
            #expect(info.constraints == info.fixedConstraints + l * info.constraintsPerTrace, "every slot costs the same")
            #expect(info.constraintsPerTrace <= 5_000)
            if let perTrace { #expect(info.constraintsPerTrace == perTrace) }
            perTrace = info.constraintsPerTrace
            #expect(try info.constraints == SettlementCircuit(traces: l).constraintSystem().constraintCount)
        }
        // The parts of a slot: enabled (1), nonce step (65) and disabled nonce (1), fee (129) and
        // disabled fee (1), message Poseidon(7) with the constant tag first (378), signature (2,564).
        #expect(perTrace == 1 + 65 + 1 + 129 + 1 + 378 + 2_564)
    }

    /// Exact single-wire analysis: every private input, internal wire and public input is
    /// pinned, except S of a disabled slot (only enabled·S = 0 enters the constraints).
    @Test(arguments: [(1, 1), (2, 1), (2, 2), (4, 1), (4, 3), (4, 4)])
    func everyWireIsPinnedExceptDisabledS(slots l: Int, traces n: Int) throws {
        var fixture = SettlementFixture(seed: 1100 + UInt64(10 * l + n))
        let input = try fixture.input(traces: n, slots: l)
        let cs = try SettlementCircuit(traces: l).build(mode: .full, input: input)
        let unpinned = try expectPinned(cs, kinds: [.publicInput, .privateInput, .internal]) { wire in
            wire.alternative == nil && Self.isDisabledS(wire.label, enabledTraces: n)
        }
        #expect(unpinned.map(\.label) == (n..<l).map { "trace[\($0)].S" })
    }

    /// Larger L: the exact analysis on every wire, the random mutation on a sample.
    @Test func sixteenSlotsArePinned() throws {
        var fixture = SettlementFixture(seed: 1200)
        let input = try fixture.input(traces: 11, slots: 16)
        let cs = try SettlementCircuit(traces: 16).build(mode: .full, input: input)
        let unpinned = try expectPinned(cs, kinds: [.publicInput, .privateInput, .internal], sample: 5_000) { wire in
            wire.alternative == nil && Self.isDisabledS(wire.label, enabledTraces: 11)
        }
        #expect(unpinned.count == 5)
    }

    static func isDisabledS(_ label: String, enabledTraces n: Int) -> Bool {
        guard label.hasPrefix("trace["), label.hasSuffix("].S"), let i = Int(label.dropFirst(6).dropLast(3)) else { return false }
        return i >= n
    }

    @Test func statementTwins() throws {
        let contract = Fr(reducingBigEndian: [UInt8](repeating: 0xEE, count: 20))
        #expect(SettlementStatement.domain(chainId: 1, settlementContract: contract) == (try Poseidon.hash([.one, contract])))
        let domain = SettlementStatement.domain(chainId: 10, settlementContract: contract)
        let fee = UInt128(UInt64.max) << 64 | 12345
        let m = SettlementStatement.message(domain: domain, user: Fr(1), provider: Fr(2), nonce: .max, fee: fee, requestHash: Fr(3))
        let feeField = try Fr(decimal: String(fee))
        let tag = Fr(reducingBigEndian: Array("zkSettlement/trace/v1".utf8))
        #expect(SettlementStatement.traceMessageTag == tag)
        #expect(m == (try Poseidon.hash([tag, domain, Fr(1), Fr(2), try Fr(decimal: String(UInt64.max)), feeField, Fr(3)])))
        let key = BabyJubJub.base8
        #expect(SettlementStatement.signerKeyHash(of: key) == (try Poseidon.hash([key.x, key.y])))
        #expect(SettlementStatement.publicInputNames.count == 8)
    }
}
