import ArgumentParser
import Foundation
import Fuzzing

/// `settlement-fuzz`: bounded, seeded, mutation-based fuzzing of the decoders of untrusted
/// input (trace JSON, .r1cs, .wtns, .zkey, .ptau, EVM and snarkjs-JSON points). Each target
/// runs in its own worker process under a memory cap and a per-input time limit; a crash or
/// hang saves the input under --findings and fuzzing of that target goes on with a new seed.
@main
struct SettlementFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement-fuzz",
        abstract: "Fuzz the decoders of untrusted input for a bounded time.",
        subcommands: [Run.self, Worker.self, Replay.self, MakeCorpus.self],
        defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fuzz the named targets (all by default), one worker each.")

        @Argument(help: "Targets: \(FuzzTargets.all.map(\.name).joined(separator: ", ")).") var targets: [String] = []
        @Option(help: "Seconds per target.") var seconds = 120.0
        @Option(help: "Seed of the mutations.") var seed: UInt64 = 1
        @Option(help: "The seed corpus: one folder per target.") var corpus = "tests/fuzz/corpus"
        @Option(help: "Extra seed files (snarkjs test files): .r1cs, .wtns, .zkey, proof.json, public.json, verification_key.json.")
        var extraSeeds: [String] = []
        @Option(help: "Where crashing, hanging and contract-breaking inputs are written.") var findings = ".build/fuzz-findings"
        @Option(help: "Memory a worker may allocate beyond its start, MiB.") var memoryCapMib = 512
        @Option(help: "Longest one input may run, seconds.") var inputTimeout = 2.0
        @Flag(help: "One JSON line per target.") var json = false

        func run() throws {
            let chosen = try targets.isEmpty ? FuzzTargets.all : targets.map { name in
                guard let t = FuzzTargets.named(name) else { throw ValidationError("unknown target \(name)") }
                return t
            }
            try FileManager.default.createDirectory(atPath: findings, withIntermediateDirectories: true)
            var failed = false
            for target in chosen {
                let summary = try Supervisor(target: target, options: self).run()
                failed = failed || !summary.problems.isEmpty
                print(json ? summary.jsonLine : summary.text)
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Worker: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fuzz one target in this process (started by run).",
                                                        shouldDisplay: false)

        @Option var target: String
        @Option var seconds: Double
        @Option var seed: UInt64
        @Option var corpus: String
        @Option var extraSeeds: [String] = []
        @Option var crashFile: String
        @Option var findings: String
        @Option var memoryCapMib: Int
        @Option var inputTimeout: Double

        func run() throws {
            guard let t = FuzzTargets.named(target) else { throw ValidationError("unknown target \(target)") }
            let seeds = try SeedFiles.load(target: t, corpus: corpus, extra: extraSeeds)
            CrashGuard.install(crashFilePath: crashFile, maxInputBytes: t.maxInputBytes,
                               memoryCapBytes: memoryCapMib << 20, inputTimeout: inputTimeout)
            var engine = FuzzEngine(target: t, seed: seed)
            engine.willRun = CrashGuard.willRun
            engine.didRun = CrashGuard.didRun
            let report = engine.run(seeds: seeds, seconds: seconds)
            for (i, f) in report.findings.enumerated() {
                let path = URL(fileURLWithPath: findings).appendingPathComponent("\(t.name)-seed\(seed)-finding\(i).bin")
                try Data(f.input).write(to: path)
                FileHandle.standardError.write(Data("\(f.finding) (input: \(path.path))\n".utf8))
            }
            let line: [String: Any] = [
                "executions": report.executions, "seconds": report.seconds, "seeds": report.seeds, "corpus": report.corpus,
                "outcomes": report.outcomes, "findings": report.findings.map { "\($0.finding)" },
                "slowest_s": report.slowestSeconds,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run one saved input (a finding) through a target.")

        @Argument(help: "The target.") var target: String
        @Argument(help: "The input file.") var input: String

        func run() throws {
            guard let t = FuzzTargets.named(target) else { throw ValidationError("unknown target \(target)") }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
            let start = Date()
            let outcome = try t.run(bytes)
            print("\(outcome) (\(String(format: "%.3f", Date().timeIntervalSince(start))) s)")
        }
    }

    struct MakeCorpus: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "make-corpus",
                                                        abstract: "Write the seed corpus (tiny valid files from our writers).")

        @Option(help: "The corpus folder.") var out = "tests/fuzz/corpus"

        func run() throws {
            try SeedCorpus.write(to: URL(fileURLWithPath: out))
            print("wrote the seed corpus to \(out)")
        }
    }
}

/// Seed inputs of a target: its corpus folder plus the extra files that match it.
enum SeedFiles {
    static func load(target: FuzzTarget, corpus: String, extra: [String]) throws -> [[UInt8]] {
        var seeds = (try? SeedCorpus.load(target: target.name, from: URL(fileURLWithPath: corpus))) ?? []
        for path in extra where matches(path, target.name) {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            if bytes.count <= target.maxInputBytes { seeds.append(bytes) }
        }
        return seeds
    }

    static func matches(_ path: String, _ target: String) -> Bool {
        let name = URL(fileURLWithPath: path).lastPathComponent
        switch target {
        case "r1cs", "wtns", "zkey", "ptau": return name.hasSuffix("." + target)
        case "proof-json": return name == "proof.json"
        case "public-json": return name == "public.json"
        case "vkey-json": return name == "verification_key.json"
        default: return false
        }
    }
}
