import Groth16

/// `settlement-bench pairing`: one pairing, and a product check of 4 pairings with one shared
/// final exponentiation (the shape of a Groth16 verification), as mcl.py measures them; plus
/// the two halves and the check with prepared G2 points. One thread.
enum PairingSuite: BenchmarkSuite {
    static let name = "pairing"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        // Each run times one operation, as mcl.py does, so that on a busy machine both sides
        // see the same chance of a preempted run; the median discards those.
        func perOperation(_ what: String, _ body: () -> Void) {
            body()
            let seconds = measure(runs: options.runs, body)
            report(BenchResult(suite: name, name: what, n: 1, threads: 1, seconds: seconds))
        }
        let g1 = G1Affine.generator, g2 = G2Affine.generator
        perOperation("pairing") { blackHole(Pairing.pairing(g1, g2)) }

        // e(aP, Q) · e(-P, aQ) · e(bP, Q) · e(-P, bQ) = 1, the pairs of mcl.py.
        let a = Fr(0x1234_5678_90AB_CDEF), b = Fr(0xFEDC_BA09_8765_4321)
        let pairs: [(G1Affine, G2Affine)] = [
            (g1.multipliedVartime(by: a), g2), (-g1, g2.multipliedVartime(by: a)),
            (g1.multipliedVartime(by: b), g2), (-g1, g2.multipliedVartime(by: b)),
        ]
        precondition(Pairing.productIsOne(pairs), "the benchmark's product must be 1")
        perOperation("pairing-check-4") { blackHole(Pairing.productIsOne(pairs)) }

        let prepared = pairs.map { ($0.0, G2Prepared($0.1)) }
        perOperation("pairing-check-4-prepared") { blackHole(Pairing.productIsOne(prepared: prepared)) }
        perOperation("g2-prepare") { blackHole(G2Prepared(g2)) }
        perOperation("miller-loop") { blackHole(Pairing.millerLoop([(g1, g2)])) }
        let f = Pairing.millerLoop([(g1, g2)])
        perOperation("final-exponentiation") { blackHole(Pairing.finalExponentiation(f)) }
    }
}
