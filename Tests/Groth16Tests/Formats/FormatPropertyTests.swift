import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Seeded random values, with the edge values 0, 1 and r - 1, survive a write and a read.
@Suite struct FormatPropertyTests {
    static func edgyFr(_ rng: inout SeededGenerator) -> Fr {
        switch rng.next() % 4 {
        case 0: return [Fr.zero, .one, -Fr.one][Int(rng.next() % 3)]
        default: return Fr(reducingLimbs: (rng.edgyWord(), rng.edgyWord(), rng.edgyWord(), rng.edgyWord() >> 2))
        }
    }

    @Test func r1csRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x1c5)
        for _ in 0..<40 {
            let wires = 1 + Int(rng.next() % 20)
            let outputs = Int(rng.next() % UInt64(wires)), inputs = Int(rng.next() % UInt64(wires - outputs))
            func lc(_ rng: inout SeededGenerator) -> LinearCombination {
                var terms: [Term] = []
                for _ in 0..<(rng.next() % 5) { terms.append(Term(wire: Int(rng.next() % UInt64(wires)), coefficient: Self.edgyFr(&rng))) }
                return LinearCombination(terms)
            }
            var constraints: [Constraint] = []
            for _ in 0..<(rng.next() % 10) { constraints.append(Constraint(a: lc(&rng), b: lc(&rng), c: lc(&rng))) }
            let labels = rng.next() % 2 == 0 ? [] : (0..<wires).map { _ in rng.next() }
            let r1cs = R1CS(numWires: wires, numPublicOutputs: outputs, numPublicInputs: inputs,
                            numPrivateInputs: wires - 1 - outputs - inputs, constraints: constraints, wireLabels: labels)
            let file = R1CSFile(r1cs: r1cs, numLabels: rng.next())
            let bytes = file.fileBytes()
            let read = try R1CSFile(fileBytes: bytes)
            #expect(read.r1cs == r1cs && read.numLabels == file.numLabels)
            #expect(read.fileBytes() == bytes)
        }
    }

    @Test func witnessRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x77e5)
        for count in [0, 1, 2, 33, 1000] {
            var values: [Fr] = []
            for _ in 0..<count { values.append(Self.edgyFr(&rng)) }
            let witness = Witness(values: values)
            #expect(try Witness(fileBytes: witness.fileBytes()) == witness)
        }
    }

    /// Coefficients go through the R²-scaled encoding and come back unchanged; the writer's
    /// section order is the one asked for.
    @Test func zkeyRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x2ce7)
        let g1 = (1...40).map { G1Affine.generator.jacobian.multipliedVartime(by: Fr(UInt64($0))).affine }
        let g2 = (1...6).map { G2Affine.generator.jacobian.multipliedVartime(by: Fr(UInt64($0))).affine }
        var coefficients: [ProvingKey.Coefficient] = []
        for _ in 0..<200 {
            coefficients.append(.init(matrix: rng.next() % 2 == 0 ? .a : .b, constraint: UInt32(rng.next() % 16),
                                      signal: UInt32(rng.next() % 6), value: Self.edgyFr(&rng)))
        }
        let key = ProvingKey(numVariables: 6, numPublic: 2, domainSize: 16, alpha1: g1[0], beta1: g1[1], beta2: g2[0],
                             gamma2: g2[1], delta1: .infinity, delta2: g2[2], ic: Array(g1[2..<5]), coefficients: coefficients,
                             a: Array(g1[5..<11]), b1: Array(g1[11..<17]), b2: g2, c: Array(g1[17..<20]), h: Array(g1[20..<36]))
        #expect(key.shapeProblem == nil)
        let contribution = Phase2Contribution(
            deltaAfter: g1[36], delta: KnowledgeProof(g1S: g1[37], g1SX: g1[38], g2SPX: g2[3]),
            transcript: (0..<64).map { UInt8($0) }, kind: .contribution, parameters: ContributionParameters(name: "ü"))
        for order in [ZKeyFile.setupSectionOrder, ZKeyFile.contributedSectionOrder, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]] {
            let file = ZKeyFile(provingKey: key, transcript: Phase2Transcript(circuitHash: [UInt8](repeating: 0xab, count: 64),
                                                                             contributions: [contribution]),
                                sectionOrder: order)
            let bytes = file.fileBytes()
            let read = try ZKeyFile(fileBytes: bytes)
            #expect(read == file)
            #expect(FormatFixtures.sections(bytes).map(\.id) == order)
        }
    }

    /// Names are cut to 64 characters, as snarkjs does.
    @Test func contributionNameIsCutTo64Characters() {
        let long = String(repeating: "é", count: 100)
        #expect(ContributionParameters(name: long).name == String(repeating: "é", count: 64))
    }
}
