import ArgumentParser
import Foundation
import Groth16

/// `settlement-agent ceremony ptau ...`: phase 1, the Powers of Tau.
struct CeremonyPtauCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ptau",
        abstract: "Phase 1: the Powers of Tau (.ptau).",
        subcommands: [New.self, Contribute.self, Beacon.self, Verify.self, Prepare.self]
    )

    /// Writes a contribution's file and prints the hashes its contributor publishes.
    static func publish(_ result: PowersOfTauContributionResult, to out: String) throws {
        try CeremonyFiles.write(result.file.fileBytes(), to: out)
        print(CeremonyFiles.formatHash(result.responseHash, title: "Contribution response hash:"))
        print(CeremonyFiles.formatHash(result.file.contributions.last!.nextChallenge, title: "Next challenge hash:"))
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a ceremony of power P (circuits up to 2^P constraints).")
        @Option(name: .long, help: "The power (1...28).") var power: Int
        @Option(name: .long, help: "The .ptau to write.") var out: String
        @OptionGroup var options: QuietOption

        func run() throws {
            let file = try CeremonyFiles.step { try PowersOfTau.new(power: power) }
            try CeremonyFiles.write(file.fileBytes(), to: out)
            print(CeremonyFiles.formatHash(PowersOfTau.firstChallengeHash(power: power), title: "First contribution hash:"))
        }
    }

    struct Contribute: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a contribution (secret from the CSPRNG and optional entropy).")
        @Option(name: .long, help: "The .ptau to contribute to.") var `in`: String
        @Option(name: .long, help: "The .ptau to write.") var out: String
        @Option(name: .long, help: "The contributor's name, recorded in the file.") var name: String?
        @Option(name: .long, help: "Extra entropy text mixed into the CSPRNG's bytes.") var entropy: String = ""
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let file = try CeremonyFiles.ptau(self.in)
            let result = try CeremonyFiles.step {
                try PowersOfTau.contribute(to: file, name: name, entropy: entropy, progress: reporter.handler)
            }
            reporter.finish()
            try CeremonyPtauCommand.publish(result, to: out)
        }
    }

    struct Beacon: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a beacon contribution anyone can recompute.")
        @Option(name: .long, help: "The .ptau to contribute to.") var `in`: String
        @Option(name: .long, help: "The .ptau to write.") var out: String
        @Option(name: .long, help: "A name recorded in the file.") var name: String?
        @OptionGroup var beacon: BeaconOptions
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let value = try CeremonyFiles.beaconValue(beacon.beacon)
            let file = try CeremonyFiles.ptau(self.in)
            let result = try CeremonyFiles.step {
                try PowersOfTau.beacon(to: file, name: name, beaconHash: value, numIterationsExp: beacon.iterations,
                                       progress: reporter.handler)
            }
            reporter.finish()
            try CeremonyPtauCommand.publish(result, to: out)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every contribution, the powers, the hash chain and the Lagrange sections; print the chain.")
        @Option(name: .long, help: "The .ptau to verify.") var ptau: String
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let file = try CeremonyFiles.ptau(ptau)
            let result = try CeremonyFiles.verification { try PowersOfTau.verify(file, progress: reporter.handler) }
            reporter.finish()
            print(Self.report(result))
        }

        static func report(_ r: PowersOfTauVerification) -> String {
            var lines = ["Powers of Tau: power \(r.power), ceremony power \(r.ceremonyPower), \(r.contributions.count) contributions"]
            lines.append(CeremonyFiles.formatHash(r.nextChallenge, title: "Next challenge hash:"))
            for c in r.contributions.reversed() {
                lines.append("-----------------------------------------------------")
                lines.append("Contribution #\(c.index): \(c.name ?? "")\(c.kind == .beacon ? " (beacon)" : "")")
                lines.append(CeremonyFiles.formatHash(c.nextChallenge, title: "Next Challenge:"))
                lines.append(CeremonyFiles.formatHash(c.responseHash, title: "Response Hash:"))
                lines.append(CeremonyFiles.formatHash(c.challenge, title: "Challenge:"))
                if let beacon = c.beaconHash, let exp = c.numIterationsExp {
                    lines.append("Beacon generator: \(beacon.hexString)")
                    lines.append("Beacon iterations Exp: \(exp)")
                }
            }
            lines.append("-----------------------------------------------------")
            lines.append(r.isPrepared ? "Lagrange sections (phase 2) checked." : "Not prepared for phase 2: run `ceremony ptau prepare`.")
            lines.append("Powers of Tau OK")
            return lines.joined(separator: "\n")
        }
    }

    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the Lagrange-basis sections phase 2 needs.")
        @Option(name: .long, help: "The .ptau to prepare.") var `in`: String
        @Option(name: .long, help: "The prepared .ptau to write.") var out: String
        @OptionGroup var options: QuietOption

        func run() throws {
            let reporter = options.reporter
            let file = try CeremonyFiles.ptau(self.in)
            let prepared = try CeremonyFiles.step { try PowersOfTau.prepare(file, progress: reporter.handler) }
            reporter.finish()
            try CeremonyFiles.write(prepared.fileBytes(), to: out)
        }
    }
}
