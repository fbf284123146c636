import Dispatch

/// What one fuzzing run of a target did.
public struct FuzzReport: Sendable {
    public var target: String
    public var executions = 0
    public var seconds = 0.0
    /// Seeds given, and inputs kept (seeds plus mutants that reached a new outcome class).
    public var seeds = 0
    public var corpus = 0
    /// Executions per outcome class ("ok", "FormatError 2 truncated", ...).
    public var outcomes: [String: Int] = [:]
    /// Contract violations found without a crash, with the input (at most `maxFindings`).
    public var findings: [(finding: FuzzFinding, input: [UInt8])] = []
    /// The slowest single execution, in seconds.
    public var slowestSeconds = 0.0

    public init(target: String) { self.target = target }
}

/// Mutation-based fuzzing of one target: seeded, bounded by time and executions. Inputs
/// that reach an outcome class not seen before join the corpus (outcome classes stand in for
/// coverage, which a plain harness does not have). Crashes and hangs cannot be caught in
/// process: `willRun` lets a supervising process record each input first.
public struct FuzzEngine {
    public let target: FuzzTarget
    public var seed: UInt64
    /// Called with each input just before it runs, and when it has run.
    public var willRun: (([UInt8]) -> Void)?
    public var didRun: (() -> Void)?
    public var maxFindings = 20
    /// Most inputs kept in the corpus.
    public var maxCorpus = 2048

    public init(target: FuzzTarget, seed: UInt64) {
        self.target = target
        self.seed = seed
    }

    /// Runs the seeds unchanged, then mutants, until `seconds` pass or `maxExecutions` ran.
    public func run(seeds: [[UInt8]], seconds: Double, maxExecutions: Int = .max) -> FuzzReport {
        var report = FuzzReport(target: target.name)
        report.seeds = seeds.count
        var corpus = seeds.isEmpty ? [[]] : seeds
        var mutator = Mutator(seed: seed)
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1e9)
        var pending = corpus[...]
        while report.executions < maxExecutions {
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= deadline && pending.isEmpty { break }
            let input: [UInt8]
            if let next = pending.popFirst() {
                input = next
            } else {
                let parent = corpus[mutator.below(corpus.count)]
                let other = corpus[mutator.below(corpus.count)]
                input = mutator.mutate(parent, other: other, shape: target.shape, maxBytes: target.maxInputBytes)
            }
            willRun?(input)
            let before = DispatchTime.now().uptimeNanoseconds
            let outcome: String
            do {
                outcome = try target.run(input)
            } catch {
                outcome = "finding: \(error.kind.rawValue)"
                if report.findings.count < maxFindings { report.findings.append((error, input)) }
            }
            didRun?()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - before) / 1e9
            report.slowestSeconds = max(report.slowestSeconds, elapsed)
            report.executions += 1
            let seen = report.outcomes[outcome, default: 0]
            report.outcomes[outcome] = seen + 1
            if seen == 0 && pending.isEmpty && corpus.count < maxCorpus { corpus.append(input) }
        }
        report.corpus = corpus.count
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }
}
