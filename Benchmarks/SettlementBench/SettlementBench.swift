import ArgumentParser
import Foundation
import Groth16

/// `settlement-bench SUITE [--log-size K] [--threads T] [--runs N] [--json]`: one benchmark
/// suite, release build, one JSON line per result with `--json` (see doc/BENCHMARKS.md).
@main
struct SettlementBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement-bench",
        abstract: "Benchmarks of the BN254 arithmetic, Groth16 prover and settlement circuit.",
        discussion: "Suites: " + SuiteRegistry.all.map { $0.name }.joined(separator: ", ")
    )

    @Argument(help: "The suite to run.")
    var suite: String

    @Option(help: "log2 of the problem size where the suite has one (MSM points, NTT size, constraints).")
    var logSize: Int?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: "Timed runs per measurement; the median is reported.")
    var runs: Int = 5

    @Option(help: "Trace slots of the settlement circuit (suite settlement).")
    var traces: Int?

    @Option(help: "Accounts proved concurrently, as the agent's proving workers do (suite settlement).")
    var accounts: Int = 1

    @Option(help: "Directory to write the benchmark's .r1cs and .wtns into (suites prove, settlement).")
    var export: String?

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() throws {
        guard let suiteType = SuiteRegistry.all.first(where: { $0.name == suite }) else {
            throw ValidationError("unknown suite '\(suite)'; suites: " + SuiteRegistry.all.map { $0.name }.joined(separator: ", "))
        }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard accounts >= 1 else { throw ValidationError("--accounts must be at least 1") }
        if let threads {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            Parallelism.threadCount = threads
        }
        let options = BenchOptions(logSize: logSize, threads: Parallelism.threadCount, runs: runs,
                                   traces: traces, accounts: accounts, exportDirectory: export)
        try suiteType.run(options) { result in
            print(json ? result.jsonLine : result.humanLine)
            fflush(nil)
        }
    }
}
