import Foundation
import Fuzzing

/// Runs one target's fuzzing in worker processes for the allotted time. A worker that dies
/// (fatal signal, hang, memory cap) leaves its last input in the crash file; the supervisor
/// saves it under --findings, records the problem, and starts a new worker with another seed
/// for the time left (at most `maxRestarts` times).
struct Supervisor {
    let target: FuzzTarget
    let options: SettlementFuzz.Run
    let maxRestarts = 5

    struct Summary {
        var target: String
        var executions = 0
        var seconds = 0.0
        var seeds = 0
        var corpus = 0
        var outcomeClasses = 0
        var slowest = 0.0
        var problems: [String] = []

        var text: String {
            let rate = seconds > 0 ? Double(executions) / seconds : 0
            var line = "\(target.padding(toLength: 12, withPad: " ", startingAt: 0)) \(executions) executions in "
                + "\(String(format: "%.0f", seconds)) s (\(String(format: "%.0f", rate))/s), \(seeds) seeds, corpus \(corpus), "
                + "\(outcomeClasses) outcome classes, slowest input \(String(format: "%.3f", slowest)) s: "
            line += problems.isEmpty ? "no crash, hang or finding" : "\(problems.count) PROBLEMS"
            return ([line] + problems.map { "  " + $0 }).joined(separator: "\n")
        }

        var jsonLine: String {
            let object: [String: Any] = ["target": target, "executions": executions, "seconds": seconds, "seeds": seeds,
                                         "corpus": corpus, "outcome_classes": outcomeClasses, "slowest_s": slowest,
                                         "problems": problems]
            return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(),
                          as: UTF8.self)
        }
    }

    func run() throws -> Summary {
        var summary = Summary(target: target.name)
        var outcomes = Set<String>()
        let start = Date()
        var seed = options.seed
        let crashFile = URL(fileURLWithPath: options.findings).appendingPathComponent("\(target.name).current").path
        defer { try? FileManager.default.removeItem(atPath: crashFile) }
        for attempt in 0...maxRestarts {
            let left = options.seconds - Date().timeIntervalSince(start)
            if attempt > 0 && left < 1 { break }
            let result = try worker(seed: seed, seconds: max(left, 0), crashFile: crashFile)
            if let report = result.report {
                summary.executions += report["executions"] as? Int ?? 0
                summary.seeds = report["seeds"] as? Int ?? summary.seeds
                summary.corpus = max(summary.corpus, report["corpus"] as? Int ?? 0)
                summary.slowest = max(summary.slowest, report["slowest_s"] as? Double ?? 0)
                outcomes.formUnion((report["outcomes"] as? [String: Int] ?? [:]).keys)
                summary.problems += (report["findings"] as? [String] ?? [])
            }
            guard let death = result.death else { break }
            let saved = URL(fileURLWithPath: options.findings).appendingPathComponent("\(target.name)-seed\(seed)-\(death.kind).bin")
            try? FileManager.default.removeItem(at: saved)
            try? FileManager.default.moveItem(atPath: crashFile, toPath: saved.path)
            summary.problems.append("\(death.kind) (\(death.detail)); input saved as \(saved.path)")
            seed &+= 1_000_003
        }
        summary.seconds = Date().timeIntervalSince(start)
        summary.outcomeClasses = outcomes.count
        return summary
    }

    /// How a worker died.
    struct Death {
        var kind: String
        var detail: String
    }

    private func worker(seed: UInt64, seconds: Double, crashFile: String) throws -> (report: [String: Any]?, death: Death?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["worker", "--target", target.name, "--seconds", String(seconds), "--seed", String(seed),
                             "--corpus", options.corpus, "--crash-file", crashFile, "--findings", options.findings,
                             "--memory-cap-mib", String(options.memoryCapMib), "--input-timeout", String(options.inputTimeout)]
            + options.extraSeeds.flatMap { ["--extra-seeds", $0] }
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let report = String(decoding: stdout, as: UTF8.self).split(separator: "\n").last
            .flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let status = process.terminationStatus
        if process.terminationReason == .exit && status == 0 { return (report, nil) }
        let tail = stderr.split(separator: "\n").suffix(3).joined(separator: " | ")
        let kind: String
        switch (process.terminationReason, status) {
        case (.uncaughtSignal, _): kind = "killed-signal\(status)"
        case (_, CrashGuard.hangStatus): kind = "hang"
        case (_, CrashGuard.signalBase...): kind = "crash-signal\(status - CrashGuard.signalBase)"
        default: kind = "exit\(status)"
        }
        return (report, Death(kind: kind, detail: tail.isEmpty ? "no message" : String(tail.prefix(400))))
    }
}
