import Foundation
import Testing
import TestSupport
@testable import SettlementAgent

/// `groth16 prove|verify|calldata` on the snarkjs tutorial files: exit codes 0 / 1 / 2.
@Suite struct Groth16CommandTests {
    let vectors = Vectors.url("snarkjs/tutorial_multiplier5").path
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("groth16-cli-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }

    func write(_ text: String, _ name: String) throws -> String {
        let path = out + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func proveThenVerify() throws {
        let proof = out + "/proof.json", pub = out + "/public.json"
        #expect(cliExitCode(Groth16Command.Prove.self, ["--zkey", vectors + "/circuit_final.zkey", "--wtns", vectors + "/witness.wtns",
                                                        "--proof", proof, "--public", pub, "--quiet"]) == 0)
        let vkey = vectors + "/verification_key.json"
        #expect(cliExitCode(Groth16Command.Verify.self, ["--vkey", vkey, "--proof", proof, "--public", pub, "--quiet"]) == 0)
        #expect(try String(contentsOfFile: pub, encoding: .utf8) == String(contentsOfFile: vectors + "/public.json", encoding: .utf8))
        // A changed signal: a well-formed proof that does not verify.
        let wrong = try write(#"["814418621763685803236","4","11"]"#, "wrong.json")
        #expect(cliExitCode(Groth16Command.Verify.self, ["--vkey", vkey, "--proof", proof, "--public", wrong, "--quiet"]) == 1)
        // Malformed inputs.
        let tooBig = try write(#"["21888242871839275222246405745257275088548364400416034343698204186575808495617","3","11"]"#, "big.json")
        let count = try write(#"["3","11"]"#, "count.json")
        let garbage = try write("{", "garbage.json")
        for (p, s) in [(proof, tooBig), (proof, count), (garbage, pub), (proof, garbage), (out + "/missing.json", pub)] {
            #expect(cliExitCode(Groth16Command.Verify.self, ["--vkey", vkey, "--proof", p, "--public", s, "--quiet"]) == 2, "\(p) \(s)")
        }
        #expect(cliExitCode(Groth16Command.Verify.self, ["--vkey", vkey]) == 2, "usage error")
        #expect(cliExitCode(Groth16Command.Calldata.self, ["--proof", proof, "--public", pub]) == 0)
        // A witness that breaks the circuit does not give a proof.
        var wtns = try Data(contentsOf: URL(fileURLWithPath: vectors + "/witness.wtns"))
        wtns[wtns.count - 1] ^= 1
        let badWitness = out + "/bad.wtns"
        try wtns.write(to: URL(fileURLWithPath: badWitness))
        #expect(cliExitCode(Groth16Command.Prove.self, ["--zkey", vectors + "/circuit_final.zkey", "--wtns", badWitness,
                                                        "--proof", out + "/p2.json", "--public", out + "/s2.json", "--quiet"]) == 1)
        #expect(cliExitCode(Groth16Command.Prove.self, ["--zkey", vectors + "/circuit.r1cs", "--wtns", vectors + "/witness.wtns",
                                                        "--proof", out + "/p3.json", "--public", out + "/s3.json"]) == 2)
    }
}
