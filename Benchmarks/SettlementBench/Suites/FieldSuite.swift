import Groth16

/// `settlement-bench field`: single field operations (one thread), each timed over a short chain
/// of dependent operations (about 0.1 ms, so that on a busy machine most runs go uninterrupted
/// and the median discards the rest) and reported per operation.
enum FieldSuite: BenchmarkSuite {
    static let name = "field"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let chain = 4_000
        func chained<F: Field>(_ what: String, _ a: F, _ b: F, count: Int = chain, _ op: (F, F) -> F) {
            let seconds = measure(runs: options.runs, perRun: count) {
                var x = a
                for _ in 0..<count { x = op(x, b) }
                blackHole(x)
            }
            report(BenchResult(suite: name, name: what, n: 1, threads: 1, seconds: seconds))
        }
        chained("fp-mul", Fp.random(), Fp.random()) { $0 * $1 }
        chained("fr-mul", Fr.random(), Fr.random()) { $0 * $1 }
        chained("fp-square", Fp.random(), Fp.random()) { x, _ in x.squared() }
        chained("fp-add", Fp.random(), Fp.random()) { $0 + $1 }
        chained("fp-inverse", Fp.random(), Fp.random(), count: 50) { x, b in (x + b).inverse()! }
        chained("fp2-mul", Fp2.random(), Fp2.random()) { $0 * $1 }
        chained("fp2-square", Fp2.random(), Fp2.random()) { x, _ in x.squared() }
        chained("fp12-mul", Fp12.random(), Fp12.random(), count: 50) { $0 * $1 }
        chained("fp12-square", Fp12.random(), Fp12.random(), count: 50) { x, _ in x.squared() }
        let cyclotomic = Pairing.pairing(.generator, .generator)
        chained("fp12-cyclotomic-square", cyclotomic, cyclotomic, count: 50) { x, _ in x.cyclotomicSquared() }
    }
}
