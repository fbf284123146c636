import ArgumentParser
import Groth16

/// `ntt --log-size K`: forward, inverse and coset-forward NTT of 2^K random elements of Fr, in
/// place (domain and twiddles built before timing).
enum NTTSuite: BenchmarkSuite {
    static let name = "ntt"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let k = options.logSize ?? 20
        guard k >= 0 && k <= Fr.twoAdicity else { throw ValidationError("ntt: --log-size must be in 0...\(Fr.twoAdicity)") }
        let domain = EvaluationDomain(log2Size: k)
        var values = (0..<domain.size).map { Fr(UInt64($0) &* 0x9E37_79B9_7F4A_7C15 | 1) }
        let transforms: [(String, (inout [Fr]) -> Void)] = [
            ("forward", domain.forwardNTT), ("inverse", domain.inverseNTT), ("coset-forward", domain.cosetForwardNTT),
        ]
        for (name, transform) in transforms {
            let seconds = measure(runs: options.runs) { transform(&values) }
            report(BenchResult(suite: Self.name, name: name, n: domain.size, threads: options.threads, seconds: seconds))
        }
        blackHole(values)
    }
}
