import Groth16

/// `settlement-bench curve`: G1 and G2 group operations and scalar multiplications (one thread),
/// timed over short runs (about 0.1-0.3 ms) reported per operation.
enum CurveSuite: BenchmarkSuite {
    static let name = "curve"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let chain = 400
        func perOperation(_ what: String, count: Int, _ body: () -> Void) {
            report(BenchResult(suite: name, name: what, n: 1, threads: 1,
                               seconds: measure(runs: options.runs, perRun: count, body)))
        }
        let p = G1Jacobian.generator.multipliedVartime(by: .random())
        let pAffine = G1Affine.generator.multipliedVartime(by: .random())
        perOperation("g1-mixed-add", count: chain) {
            var acc = p
            for _ in 0..<chain { acc = acc + pAffine }
            blackHole(acc)
        }
        perOperation("g1-add", count: chain) {
            var acc = p
            for _ in 0..<chain { acc = acc + p }
            blackHole(acc)
        }
        perOperation("g1-double", count: chain) {
            var acc = p
            for _ in 0..<chain { acc = acc.doubled() }
            blackHole(acc)
        }
        let scalars = (0..<2).map { _ in Fr.random() }
        perOperation("g1-scalar-mul", count: scalars.count) {
            for k in scalars { blackHole(p.multipliedVartime(by: k)) }
        }
        let q = G2Jacobian.generator.multipliedVartime(by: .random())
        perOperation("g2-scalar-mul", count: scalars.count) {
            for k in scalars { blackHole(q.multipliedVartime(by: k)) }
        }
        let qAffine = q.affine
        perOperation("g2-subgroup-check", count: 2) {
            for _ in 0..<2 { blackHole(qAffine.isInPrimeOrderSubgroup) }
        }
    }
}
