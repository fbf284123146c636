import Foundation
import Testing
import TestSupport
@testable import Circuits

/// An independent Groth16 (arkworks, through the groth16py wheel in the peers' virtualenv) reads
/// our exported .r1cs and .wtns: it proves a valid transition that then verifies against the
/// statement's public signals (and not against a changed one), and a forged witness yields no
/// proof that verifies.
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with groth16py (make test sets it)"))
struct SettlementArkworksTests {
    /// Setup from the .r1cs, prove from each .wtns, verify against each list of public signals.
    static let script = """
        import json, sys, groth16py
        job = json.loads(sys.argv[1])
        pk, vk = groth16py.setup(job["r1cs"])
        verifier = groth16py.Verifier(vk)
        out = {"nPublic": vk.n_public, "results": []}
        for case in job["cases"]:
            try:
                proof = groth16py.prove_wtns(pk, case["wtns"])
            except Exception as e:
                out["results"].append("prove failed: " + type(e).__name__)
                continue
            out["results"].append(verifier.verify(proof, [int(x) for x in case["public"]]))
        print(json.dumps(out))
        """

    @Test func arkworksProvesOurWitnessAndRejectsForgeries() throws {
        let l = 2
        let circuit = try SettlementCircuit(traces: l)
        var fixture = SettlementFixture(seed: 4000)
        let input = try fixture.input(traces: 1, slots: l, initBalance: 1_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("settlement-ark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let r1csURL = directory.appendingPathComponent("settlement.r1cs")
        try R1CSFile(r1cs: circuit.r1cs()).write(to: r1csURL)

        var forged = SettlementAssignment(input, slots: l)  // overdraft: the fee exceeds the balance
        forged.slots[0].fee = Fr(integer: input.statement.initBalance + 1)
        let m = fixture.message(nonce: forged.slots[0].nonce, fee: forged.slots[0].fee, requestHash: forged.slots[0].requestHash)
        let signature = EdDSAPoseidon.sign(m, with: fixture.key)
        (forged.slots[0].r8x, forged.slots[0].r8y, forged.slots[0].s) = (signature.r8.x, signature.r8.y, signature.s)
        forged.finalBalance = -Fr.one
        let forgedSystem = circuit.build(mode: .full, assignment: forged)
        #expect(forgedSystem.firstUnsatisfiedConstraint()?.label == "finalBalance.Σ bits")

        let witnesses = [try circuit.witness(for: input), forgedSystem.makeWitness()]
        var wtnsPaths: [String] = []
        for (i, w) in witnesses.enumerated() {
            let url = directory.appendingPathComponent("w\(i).wtns")
            try w.write(to: url)
            wtnsPaths.append(url.path)
        }
        var changed = input.statement
        changed.finalBalance += 1
        let cases: [[String: Any]] = [
            ["wtns": wtnsPaths[0], "public": input.statement.publicSignals.map(\.decimalString)],
            ["wtns": wtnsPaths[0], "public": changed.publicSignals.map(\.decimalString)],
            ["wtns": wtnsPaths[1], "public": forgedSystem.publicSignals().map(\.decimalString)],
        ]
        let job = try JSONSerialization.data(withJSONObject: ["r1cs": r1csURL.path, "cases": cases])
        let code = "import sys; sys.argv = ['', \(String(decoding: job, as: UTF8.self).debugDescription)]\n" + Self.script
        let answer = try JSONSerialization.jsonObject(with: Data(try PythonOracle.run(code: code).utf8)) as! [String: Any]
        #expect(answer["nPublic"] as? Int == 8)
        let results = answer["results"] as! [Any]
        print("arkworks on our .r1cs/.wtns: valid \(results[0]), changed finalBalance \(results[1]), forged \(results[2])")
        #expect(results[0] as? Bool == true, "arkworks proves the valid witness: \(results[0])")
        #expect(results[1] as? Bool == false, "the proof does not verify for another finalBalance")
        #expect(results[2] as? Bool != true, "no verifying proof from the forged witness: \(results[2])")
    }
}
