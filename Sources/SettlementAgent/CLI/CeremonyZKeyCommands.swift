import ArgumentParser
import Foundation
import Groth16

/// `settlement-agent ceremony zkey ...`: phase 2, the circuit's keys.
struct CeremonyZKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zkey",
        abstract: "Phase 2: the circuit's proving key (.zkey) and its exports.",
        subcommands: [New.self, Contribute.self, Beacon.self, Verify.self, ExportVKey.self, ExportSolidity.self]
    )

    /// Writes a contribution's key and prints the hash its contributor publishes.
    static func publish(_ result: Phase2ContributionResult, to out: String) throws {
        try CeremonyFiles.write(result.file.fileBytes(), to: out)
        print(CeremonyFiles.formatHash(result.contributionHash, title: "Contribution hash:"))
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The initial key of a circuit from a .ptau (prepared, or the levels it needs are computed).")
        @Option(name: .long, help: "The circuit (.r1cs).") var r1cs: String
        @Option(name: .long, help: "The .ptau (prepared for phase 2 or not).") var ptau: String
        @Option(name: .long, help: "The .zkey to write.") var zkey: String
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let circuit = try CeremonyFiles.r1cs(r1cs)
            let basis = try CeremonyFiles.phase2Basis(circuit, ptau, progress: reporter.handler)
            let key = try CeremonyFiles.step { try Phase2.newKey(r1cs: circuit, basis: basis, progress: reporter.handler) }
            reporter.finish()
            try CeremonyFiles.write(key.fileBytes(), to: zkey)
            print(CeremonyFiles.formatHash(key.transcript.circuitHash, title: "Circuit hash:"))
        }
    }

    struct Contribute: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a contribution to delta.")
        @Option(name: .long, help: "The .zkey to contribute to.") var `in`: String
        @Option(name: .long, help: "The .zkey to write.") var out: String
        @Option(name: .long, help: "The contributor's name, recorded in the file.") var name: String?
        @Option(name: .long, help: "Extra entropy text mixed into the CSPRNG's bytes.") var entropy: String = ""
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let key = try CeremonyFiles.zkey(self.in)
            let result = try CeremonyFiles.step {
                try Phase2.contribute(to: key, name: name, entropy: entropy, progress: reporter.handler)
            }
            reporter.finish()
            try CeremonyZKeyCommand.publish(result, to: out)
        }
    }

    struct Beacon: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a beacon contribution anyone can recompute.")
        @Option(name: .long, help: "The .zkey to contribute to.") var `in`: String
        @Option(name: .long, help: "The .zkey to write.") var out: String
        @Option(name: .long, help: "A name recorded in the file.") var name: String?
        @OptionGroup var beacon: BeaconOptions
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let value = try CeremonyFiles.beaconValue(beacon.beacon)
            let key = try CeremonyFiles.zkey(self.in)
            let result = try CeremonyFiles.step {
                try Phase2.beacon(to: key, name: name, beaconHash: value, numIterationsExp: beacon.iterations,
                                  progress: reporter.handler)
            }
            reporter.finish()
            try CeremonyZKeyCommand.publish(result, to: out)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a key against its circuit and Powers of Tau, the whole contribution chain included.")
        @Option(name: .long, help: "The circuit (.r1cs).") var r1cs: String
        @Option(name: .long, help: "The .ptau the key was made from.") var ptau: String
        @Option(name: .long, help: "The .zkey to verify.") var zkey: String
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let circuit = try CeremonyFiles.r1cs(r1cs)
            let key = try CeremonyFiles.zkey(zkey)
            let basis = try CeremonyFiles.phase2Basis(circuit, ptau, progress: reporter.handler)
            let initial = try CeremonyFiles.step { try Phase2.newKey(r1cs: circuit, basis: basis, progress: reporter.handler) }
            let result = try CeremonyFiles.verification { try Phase2.verify(key, initial: initial, progress: reporter.handler) }
            reporter.finish()
            print(Self.report(result))
        }

        static func report(_ r: Phase2Verification) -> String {
            var lines = [CeremonyFiles.formatHash(r.circuitHash, title: "Circuit hash:")]
            for c in r.contributions.reversed() {
                lines.append("-------------------------")
                lines.append(CeremonyFiles.formatHash(c.contributionHash, title: "contribution #\(c.index) \(c.name ?? ""):"))
                if let beacon = c.beaconHash, let exp = c.numIterationsExp {
                    lines.append("Beacon generator: \(beacon.hexString)")
                    lines.append("Beacon iterations Exp: \(exp)")
                }
            }
            lines.append("-------------------------")
            if r.contributions.isEmpty { lines.append("WARNING: the key has no contribution; it is not safe to use.") }
            lines.append("ZKey OK")
            return lines.joined(separator: "\n")
        }
    }

    struct ExportVKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export-vkey", abstract: "Write verification_key.json.")
        @Option(name: .long, help: "The .zkey.") var zkey: String
        @Option(name: .long, help: "The verification_key.json to write.") var out: String
        @OptionGroup var options: QuietOption

        func run() throws {
            let key = try CeremonyFiles.zkey(zkey)
            try CeremonyFiles.write(VerificationKeyJSON(exporting: key.provingKey).snarkjsJSON(), to: out)
        }
    }

    struct ExportSolidity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-solidity", abstract: "Write a Solidity verifier with the snarkjs ABI.")
        @Option(name: .long, help: "The .zkey.") var zkey: String
        @Option(name: .long, help: "The Verifier.sol to write.") var out: String
        @OptionGroup var options: QuietOption

        func run() throws {
            let key = try CeremonyFiles.zkey(zkey)
            try CeremonyFiles.write(SolidityVerifier.source(key.provingKey.verifyingKey), to: out)
        }
    }
}
