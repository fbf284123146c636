import ArgumentParser
import Groth16

/// `msm-g1 --log-size K`: a G1 multi-scalar multiplication of 2^K points and scalars.
enum MSMG1Suite: BenchmarkSuite {
    static let name = "msm-g1"
    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        try MSMBenchmark.run(G1Parameters.self, suite: name, options, report: report)
    }
}

/// `msm-g2 --log-size K`: a G2 multi-scalar multiplication of 2^K points and scalars.
enum MSMG2Suite: BenchmarkSuite {
    static let name = "msm-g2"
    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        try MSMBenchmark.run(G2Parameters.self, suite: name, options, report: report)
    }
}

/// The shared body: distinct points from a chain of additions (G, G + S, G + 2S, ...) normalised
/// in batches (so setup memory stays small beside the points themselves), uniform-looking
/// scalars from a fixed-seed generator; only the MSM is timed.
enum MSMBenchmark {
    static func run<C: CurveParameters>(_: C.Type, suite: String, _ options: BenchOptions,
                                        report: (BenchResult) -> Void) throws {
        let k = options.logSize ?? 16
        guard k >= 0 && k <= 26 else { throw ValidationError("\(suite): --log-size must be in 0...26") }
        let n = 1 << k
        let step = JacobianPoint<C>.generator.multipliedVartime(by: Fr(0x5EED_5EED_5EED))
        var points: [AffinePoint<C>] = []
        points.reserveCapacity(n)
        var p = JacobianPoint<C>.generator
        while points.count < n {
            var chain: [JacobianPoint<C>] = []
            for _ in 0..<min(1 << 12, n - points.count) {
                chain.append(p)
                p = p + step
            }
            points += JacobianPoint<C>.batchNormalize(chain)
        }
        var state: UInt64 = 0x853C_49E6_748F_EA9B
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        // Montgomery limbs below 2^252 < r are valid elements with uniformly spread values.
        let scalars = (0..<n).map { _ in Fr(uncheckedMontgomery: next(), next(), next(), next() >> 4) }
        var result = JacobianPoint<C>.infinity
        let seconds = measure(runs: options.runs) {
            result = MSM.multiScalarMultiply(points: points, scalars: scalars)
        }
        blackHole(result)
        report(BenchResult(suite: suite, name: "pippenger", n: n, threads: options.threads, seconds: seconds))
    }
}
