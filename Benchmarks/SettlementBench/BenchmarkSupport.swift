import Foundation

/// Options every suite receives.
struct BenchOptions {
    var logSize: Int?
    var threads: Int
    var runs: Int
    var traces: Int?
    var accounts: Int = 1
    var exportDirectory: String?
}

/// A benchmark suite: a name and a function that reports results as they are measured.
protocol BenchmarkSuite {
    static var name: String { get }
    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws
}

/// One measured result, printed as a JSON line (the format of DESIGN.md).
struct BenchResult {
    var suite: String
    var name: String
    var n: Int
    var threads: Int
    var seconds: [Double]
    var extra: [String: Double] = [:]

    var median: Double {
        let s = seconds.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    var jsonLine: String {
        var object: [String: Any] = [
            "suite": suite, "name": name, "n": n, "threads": threads,
            "median_s": median, "min_s": seconds.min() ?? 0, "max_s": seconds.max() ?? 0,
            "runs": seconds.count, "peak_rss_kb": peakResidentKilobytes(),
        ]
        for (k, v) in extra { object[k] = v }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    var humanLine: String {
        let unit: (Double) -> String = { s in
            s >= 1 ? String(format: "%.3f s", s) : s >= 1e-3 ? String(format: "%.3f ms", s * 1e3)
                : s >= 1e-6 ? String(format: "%.3f µs", s * 1e6) : String(format: "%.1f ns", s * 1e9)
        }
        return "\(suite)/\(name) n=\(n) threads=\(threads): median \(unit(median)) "
            + "(min \(unit(seconds.min() ?? 0)), max \(unit(seconds.max() ?? 0)), \(seconds.count) runs), "
            + "peak RSS \(peakResidentKilobytes() / 1024) MiB"
    }
}

/// Runs `body` `runs` times and returns the wall-clock seconds of each run. `perRun` divides
/// each time (for operations repeated `perRun` times inside `body`).
func measure(runs: Int, perRun: Int = 1, _ body: () -> Void) -> [Double] {
    (0..<runs).map { _ in
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        let end = DispatchTime.now().uptimeNanoseconds
        return Double(end - start) / 1e9 / Double(perRun)
    }
}

/// Peak resident set size of this process in KiB (getrusage).
func peakResidentKilobytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss)
}

/// Keeps a value alive and opaque to the optimiser. `@_optimize(none)` keeps the optimiser from
/// proving the call free of side effects and deleting it (and the work that fed it), which it
/// does to an empty `@inline(never)` function under whole-module optimisation.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
