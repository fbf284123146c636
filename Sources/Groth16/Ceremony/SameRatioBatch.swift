/// Pairing checks of the form "a2/a1 in G1 is the same ratio as b2/b1 in G2", i.e.
/// e(a1, b2) = e(a2, b1) with no point at infinity (snarkjs `sameRatio`), collected and
/// verified together: Π e(r_k·a1_k, b2_k)·e(-r_k·a2_k, b1_k) = 1 for random 64-bit r_k, one
/// shared final exponentiation, Miller loops spread over the threads. When the batch fails,
/// the checks are redone one by one to name the first failing one.
struct SameRatioBatch {
    private struct Check {
        let a1, a2: G1Affine
        let b1, b2: G2Affine
        let failure: CeremonyError
    }

    private var checks: [Check] = []

    mutating func add(_ a1: G1Affine, _ a2: G1Affine, _ b1: G2Affine, _ b2: G2Affine, failure: CeremonyError) {
        checks.append(Check(a1: a1, a2: a2, b1: b1, b2: b2, failure: failure))
    }

    var count: Int { checks.count }

    /// Throws the failure of the first check that does not hold.
    func verify() throws {
        if let degenerate = checks.first(where: { $0.a1.isInfinity || $0.a2.isInfinity || $0.b1.isInfinity || $0.b2.isInfinity }) {
            throw degenerate.failure
        }
        guard !checks.isEmpty else { return }
        let r = randomScalars64(checks.count)
        var pairs = [(G1Affine, G2Affine)]()
        pairs.reserveCapacity(2 * checks.count)
        for (k, c) in checks.enumerated() {
            pairs.append((c.a1.jacobian.multipliedVartime(byLimbs: r[k]).affine, c.b2))
            pairs.append(((-c.a2).jacobian.multipliedVartime(byLimbs: r[k]).affine, c.b1))
        }
        if Self.productIsOne(pairs) { return }
        for c in checks where !Pairing.productIsOne([(c.a1, c.b2), (-c.a2, c.b1)]) { throw c.failure }
        // Every check holds alone, so the combination fails only with negligible probability.
        throw checks[0].failure
    }

    /// Π e(p_i, q_i) = 1 with the Miller loops split over the threads.
    private static func productIsOne(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        let threads = max(1, min(Parallelism.threadCount, pairs.count / 4))
        let share = (pairs.count + threads - 1) / threads
        var partial = [Fp12](repeating: .one, count: threads)
        partial.withUnsafeMutableBufferPointer { out in
            let out = SendablePointer(out.baseAddress!)
            Parallelism.run(workers: threads) { t in
                let range = (t * share)..<min(pairs.count, (t + 1) * share)
                if !range.isEmpty { out[t] = Pairing.millerLoop(Array(pairs[range])) }
            }
        }
        return Pairing.finalExponentiation(partial.reduce(.one, *)).isOne
    }
}
