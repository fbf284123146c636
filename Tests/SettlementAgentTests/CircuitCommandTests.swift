import Circuits
import Foundation
import Testing
@testable import SettlementAgent

/// The run logic of `circuit info` and `circuit export`.
@Suite struct CircuitCommandTests {
    @Test func infoJSON() throws {
        let out = try CircuitCommand.Info.info(traces: 2, json: true)
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Int]
        let info = try SettlementCircuit(traces: 2).info()
        #expect(object["traces"] == 2)
        #expect(object["publicInputs"] == 8)
        #expect(object["constraints"] == info.constraints)
        #expect(object["constraintsPerTrace"] == info.constraintsPerTrace)
        #expect(object["wires"] == info.wires)
        #expect(object["constraints"]! == object["fixedConstraints"]! + 2 * object["constraintsPerTrace"]!)
        let text = try CircuitCommand.Info.info(traces: 2, json: false)
        #expect(text.contains("constraints:          \(info.constraints)"))
        #expect(text.contains("domain, provider, user, signerKeyHash, initNonce, finalNonce, initBalance, finalBalance"))
    }

    @Test func badTraceCountIsMalformed() {
        for l in [0, -1, SettlementCircuit.maxTraces + 1] {
            #expect(throws: CLIFailure.self) { try CircuitCommand.Info.info(traces: l, json: true) }
            do {
                _ = try CircuitCommand.Export.export(traces: l, to: "/dev/null")
            } catch let failure as CLIFailure {
                #expect(failure.exitCode == 2)
                #expect(failure.message.hasPrefix("--traces"))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func exportWritesTheR1CS() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("settlement-\(UUID().uuidString).r1cs")
        defer { try? FileManager.default.removeItem(at: path) }
        let summary = try CircuitCommand.Export.export(traces: 1, to: path.path)
        let file = try R1CSFile(contentsOf: path)
        let expected = try SettlementCircuit(traces: 1).r1cs()
        #expect(file.r1cs == expected)
        #expect(file.r1cs.numPublicInputs == 8 && file.r1cs.numPublicOutputs == 0)
        #expect(summary == "wrote \(path.path): \(expected.constraints.count) constraints, \(expected.numWires) wires, 8 public inputs")
        do {
            _ = try CircuitCommand.Export.export(traces: 1, to: "/nonexistent-directory/x.r1cs")
            Issue.record("writing into a missing directory succeeded")
        } catch let failure as CLIFailure {
            #expect(failure.exitCode == 2)
        }
    }
}
