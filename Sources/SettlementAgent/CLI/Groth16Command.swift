import ArgumentParser
import Foundation
import Groth16

/// `settlement-agent groth16 prove|verify|calldata`: snarkjs's commands on snarkjs files.
struct Groth16Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groth16",
        abstract: "Prove, verify and export calldata with snarkjs-format files.",
        subcommands: [Prove.self, Verify.self, Calldata.self]
    )

    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove from a .zkey and a .wtns (like `snarkjs groth16 prove`); writes proof.json and public.json.")

        @Option(help: "The proving key (.zkey).") var zkey: String
        @Option(help: "The witness (.wtns).") var wtns: String
        @Option(help: "Where to write proof.json.") var proof: String
        @Option(name: .customLong("public"), help: "Where to write public.json.") var publicSignals: String
        @Flag(help: "Print nothing on success.") var quiet = false

        func run() throws {
            let key = try InputFiles.decode(zkey, what: "zkey") { try ZKeyFile(fileBytes: $0).provingKey }
            let witness = try InputFiles.decode(wtns, what: "witness") { try Witness(fileBytes: $0) }
            let prover: Groth16Prover
            do { prover = try Groth16Prover(key: key) } catch { throw CLIFailure.malformed("zkey \(zkey): \(error)") }
            let result: (proof: Proof, timings: ProvingTimings)
            do { result = try prover.prove(witness) } catch { throw CLIFailure.malformed("witness \(wtns): \(error)") }
            let signals = prover.publicSignals(witness)
            // A witness that breaks a constraint yields a proof that does not verify: say so.
            guard try Groth16Verifier.verify(result.proof, publicSignals: signals, key: key.verifyingKey) else {
                throw CLIFailure.invalid("the witness does not satisfy the circuit of \(zkey): the proof does not verify")
            }
            try InputFiles.write(result.proof.snarkjsJSON(), to: proof)
            try InputFiles.write(PublicSignalsJSON.encode(signals), to: publicSignals)
            if !quiet {
                print(String(format: "proof written to %@ (%.3f s: evaluate %.3f, ntt %.3f, msm %.3f)", proof,
                             result.timings.total, result.timings.witnessEvaluation, result.timings.polynomials,
                             result.timings.msmA + result.timings.msmB + result.timings.msmC))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify proof.json against verification_key.json and public.json (exit 0 valid, 1 invalid, 2 malformed).")

        @Option(help: "verification_key.json") var vkey: String
        @Option(help: "proof.json") var proof: String
        @Option(name: .customLong("public"), help: "public.json") var publicSignals: String
        @Flag(help: "Print nothing; the exit code tells.") var quiet = false

        func run() throws {
            let key = try InputFiles.decode(vkey, what: "verification key") { try VerifyingKey(snarkjsJSON: $0) }
            let p = try InputFiles.decode(proof, what: "proof") { try Proof(snarkjsJSON: $0) }
            let signals = try InputFiles.decode(publicSignals, what: "public signals") { try PublicSignalsJSON.decode($0) }
            let valid: Bool
            do { valid = try Groth16Verifier.verify(p, publicSignals: signals, key: key) } catch {
                throw CLIFailure.malformed("\(error)")
            }
            guard valid else { throw CLIFailure.invalid("INVALID: the proof does not verify") }
            if !quiet { print("OK: the proof verifies") }
        }
    }

    struct Calldata: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Solidity calldata for verifyProof (snarkjs text, or JSON with the ABI-encoded bytes).")

        @Option(help: "proof.json") var proof: String
        @Option(name: .customLong("public"), help: "public.json") var publicSignals: String
        @Flag(help: "Print {pA, pB, pC, pubSignals, calldata} as JSON.") var json = false

        func run() throws {
            let p = try InputFiles.decode(proof, what: "proof") { try Proof(snarkjsJSON: $0) }
            let signals = try InputFiles.decode(publicSignals, what: "public signals") { try PublicSignalsJSON.decode($0) }
            if json {
                let object = VerifierCalldata.verifyProofJSON(p, publicSignals: signals)
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(SolidityCalldata.snarkjsText(proof: p, publicSignals: signals))
            }
        }
    }
}
