import ArgumentParser
import Circuits
import Foundation
import Groth16

/// `settlement-agent setup`: the whole one-time trusted setup of a circuit on this machine.
/// Phase 1 is either an imported .ptau (verified first; e.g. a public Hermez file) or a fresh
/// ceremony of N local contributions and a beacon; phase 2 takes N local contributions and a
/// beacon; the outputs are the final key, its verification key, the Solidity and Vyper
/// verifiers and transcript.json. With `--traces L` the circuit is the settlement circuit of L
/// trace slots: its `circuit.r1cs` and the `circuit.json` that `serve` reads are written too,
/// so the output directory is a complete keys directory for the agent. A production ceremony
/// has several independent parties: see doc/CEREMONY.md and the `ceremony` commands.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Run the one-time trusted setup of a circuit: keys, verification key, verifiers, transcript."
    )

    /// The settlement circuit's R1CS, written beside the keys by `--traces`.
    static let settlementR1CSFile = "circuit.r1cs"

    /// The beacon used when none is given: fixed and public (so not a source of randomness);
    /// the transcript marks it as the default.
    static let defaultBeacon = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"

    @Option(name: .long, help: "The circuit (.r1cs); or use --traces.") var r1cs: String?
    @Option(name: .long, help: "Set up the settlement circuit of this many trace slots (writes circuit.r1cs and circuit.json too).")
    var traces: Int?
    @Option(name: .long, help: "The output directory.") var out: String
    @Option(name: .long, help: "Import this Powers of Tau (.ptau, e.g. a public Hermez file); it is verified first.") var ptau: String?
    @Option(name: .long, help: "Power of a fresh phase 1 (default: the smallest the circuit needs).") var power: Int?
    @Option(name: .long, help: "Local contributions in each phase.") var contributions = 1
    @Option(name: .long, help: "Beacon value, hexadecimal (default: a fixed public value, marked in the transcript).") var beacon: String?
    @Option(name: .long, help: "log2 of the beacon's SHA-256 iterations (10...63).") var iterations = 10
    @Option(name: .long, help: "Extra entropy text mixed into each contribution's CSPRNG bytes.") var entropy = ""
    @OptionGroup var options: QuietOption

    func validate() throws {
        guard contributions >= 1 else { throw ValidationError("--contributions must be at least 1") }
        guard ptau == nil || power == nil else { throw ValidationError("--ptau and --power exclude each other") }
        guard (r1cs == nil) != (traces == nil) else { throw ValidationError("give exactly one of --r1cs and --traces") }
    }

    func run() throws {
        let reporter = options.reporter
        let progress = reporter.handler
        let beaconValue = try CeremonyFiles.beaconValue(beacon ?? Self.defaultBeacon)
        try CeremonyFiles.step { try PowersOfTau.checkBeaconParameters(beaconValue, iterations) }
        let directory = URL(fileURLWithPath: out)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw CLIFailure.malformed("\(out): cannot create the directory: \(error.localizedDescription)")
        }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        var files: [String] = []
        let circuit: R1CS
        let circuitSource: String
        if let traces {
            circuit = try CircuitCommand.circuit(traces).r1cs()
            try CeremonyFiles.write(R1CSFile(r1cs: circuit).fileBytes(), to: path(Self.settlementR1CSFile))
            try CeremonyFiles.write(SettlementKeys.circuitDescription(traces: traces), to: path(SettlementKeys.circuitFile))
            files += [Self.settlementR1CSFile, SettlementKeys.circuitFile]
            circuitSource = path(Self.settlementR1CSFile)
        } else {
            circuit = try CeremonyFiles.r1cs(r1cs!)
            circuitSource = r1cs!
        }
        let domainPower = Phase2.domainPower(constraints: circuit.constraints.count, publicInputs: circuit.numPublic)
        if beacon == nil { reporter.note("note: no --beacon given; using the fixed public default \(Self.defaultBeacon)") }
        reporter.note("circuit: \(circuit.constraints.count) constraints, \(circuit.numPublic) public inputs, domain 2^\(domainPower)")

        // Phase 1.
        var phase1Contributions: [SetupTranscript.Phase1Contribution] = []
        let basis: Phase2Basis
        let phase1: SetupTranscript.Phase1
        if let ptau {
            let file = try CeremonyFiles.ptau(ptau)
            let verified = try reporter.step("verify \(ptau)") {
                try CeremonyFiles.verification { try PowersOfTau.verify(file, progress: progress) }
            }
            phase1Contributions = verified.contributions.map {
                .init(index: $0.index, name: $0.name, kind: SetupTranscript.kind($0.kind), challenge: $0.challenge.hexString,
                      responseHash: $0.responseHash.hexString, nextChallenge: $0.nextChallenge.hexString)
            }
            basis = try reporter.step("phase-2 bases") {
                try CeremonyFiles.step {
                    file.lagrange != nil
                        ? try Phase2Basis(r1cs: circuit, ptau: PowersOfTauReader(data: Data(file.fileBytes())))
                        : try Phase2Basis(r1cs: circuit, ptau: file, progress: progress)
                }
            }
            phase1 = .init(source: "imported", file: ptau, power: file.power, ceremonyPower: file.ceremonyPower,
                           contributions: phase1Contributions)
        } else {
            let p = power ?? Phase2.requiredPower(domainPower: domainPower)
            var file = try CeremonyFiles.step { try PowersOfTau.new(power: p) }
            for i in 1...contributions {
                let result = try reporter.step("phase 1 contribution \(i)") {
                    try CeremonyFiles.step {
                        try PowersOfTau.contribute(to: file, name: "setup contribution \(i)", entropy: entropy, progress: progress)
                    }
                }
                phase1Contributions.append(Self.summary(result, index: i, challenge: PowersOfTau.currentChallenge(file)))
                file = result.file
            }
            let challenge = PowersOfTau.currentChallenge(file)
            let result = try reporter.step("phase 1 beacon") {
                try CeremonyFiles.step {
                    try PowersOfTau.beacon(to: file, name: "setup beacon", beaconHash: beaconValue, numIterationsExp: iterations,
                                           progress: progress)
                }
            }
            phase1Contributions.append(Self.summary(result, index: contributions + 1, challenge: challenge))
            file = result.file
            try CeremonyFiles.write(file.fileBytes(), to: path("powersoftau.ptau"))
            files.append("powersoftau.ptau")
            let final = file
            basis = try reporter.step("phase-2 bases (Lagrange levels the circuit needs)") {
                try CeremonyFiles.step { try Phase2Basis(r1cs: circuit, ptau: final, progress: progress) }
            }
            phase1 = .init(source: "fresh", file: nil, power: p, ceremonyPower: p, contributions: phase1Contributions)
        }

        // Phase 2.
        let initial = try reporter.step("initial key") {
            try CeremonyFiles.step { try Phase2.newKey(r1cs: circuit, basis: basis, progress: progress) }
        }
        var key = initial
        for i in 1...contributions {
            key = try reporter.step("phase 2 contribution \(i)") {
                try CeremonyFiles.step {
                    try Phase2.contribute(to: key, name: "setup contribution \(i)", entropy: entropy, progress: progress).file
                }
            }
        }
        let current = key
        key = try reporter.step("phase 2 beacon") {
            try CeremonyFiles.step {
                try Phase2.beacon(to: current, name: "setup beacon", beaconHash: beaconValue, numIterationsExp: iterations,
                                  progress: progress).file
            }
        }
        let finalKey = key
        let verified = try reporter.step("verify the key") {
            try CeremonyFiles.verification { try Phase2.verify(finalKey, initial: initial, progress: progress) }
        }

        // Outputs.
        let vk = finalKey.provingKey.verifyingKey
        try CeremonyFiles.write(finalKey.fileBytes(), to: path("circuit.zkey"))
        try CeremonyFiles.write(VerificationKeyJSON(exporting: finalKey.provingKey).snarkjsJSON(), to: path("verification_key.json"))
        try CeremonyFiles.write(SolidityVerifier.source(vk), to: path("Verifier.sol"))
        try CeremonyFiles.write(VyperVerifier.source(vk), to: path("Verifier.vy"))
        try CeremonyFiles.write(SolidityBatchVerifier.source(vk), to: path("BatchVerifier.sol"))
        files += ["circuit.zkey", "verification_key.json", "Verifier.sol", "Verifier.vy", "BatchVerifier.sol"]
        // The registry settles the settlement circuit's statements (8 public signals) only.
        if vk.numPublic == SettlementRegistry.publicSignalCount {
            try CeremonyFiles.write(SettlementRegistry.soliditySource(), to: path("SettlementRegistry.sol"))
            files.append("SettlementRegistry.sol")
        }
        files.append("transcript.json")
        let transcript = SetupTranscript(
            circuit: .init(r1cs: circuitSource, constraints: circuit.constraints.count, publicInputs: circuit.numPublic,
                           wires: circuit.numWires, domainPower: domainPower),
            phase1: phase1,
            phase2: .init(circuitHash: verified.circuitHash.hexString, contributions: verified.contributions.map {
                .init(index: $0.index, name: $0.name, kind: SetupTranscript.kind($0.kind), contributionHash: $0.contributionHash.hexString)
            }),
            beacon: .init(value: beaconValue.hexString, numIterationsExp: iterations, isDefault: beacon == nil),
            files: files)
        do { try transcript.json().write(to: URL(fileURLWithPath: path("transcript.json")), options: .atomic) } catch {
            throw CLIFailure.malformed("\(path("transcript.json")): cannot write: \(error.localizedDescription)")
        }
        reporter.finish()
        print("setup complete: \(files.map { path($0) }.joined(separator: ", "))")
        print(CeremonyFiles.formatHash(verified.contributions.last!.contributionHash, title: "Final contribution hash:"))
    }

    private static func summary(_ r: PowersOfTauContributionResult, index: Int, challenge: [UInt8]) -> SetupTranscript.Phase1Contribution {
        let c = r.file.contributions.last!
        return .init(index: index, name: c.parameters.name, kind: SetupTranscript.kind(c.kind), challenge: challenge.hexString,
                     responseHash: r.responseHash.hexString, nextChallenge: c.nextChallenge.hexString)
    }
}
