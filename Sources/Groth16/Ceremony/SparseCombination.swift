/// One term of a sparse combination of basis points: coefficient × bases[basis].
struct BasisTerm {
    var basis: Int
    var coefficient: Fr
}

/// For every row, Σ coefficient·bases[basis] over its terms, in parallel over rows: the
/// phase-2 key sections, each point a combination of Lagrange points with R1CS coefficients.
/// Coefficients ±1 cost an addition; rows with many terms go through Pippenger.
func sparseCombinations<C: EndomorphismCurve>(_ rows: [[BasisTerm]], bases: [AffinePoint<C>], stage: String,
                                          progress: CeremonyProgress?) -> [AffinePoint<C>] {
    let report = ProgressStage(stage, total: rows.count, progress)
    let done = ProgressCounter()
    var jacobians = [JacobianPoint<C>](repeating: .infinity, count: rows.count)
    let minusOne = -Fr.one
    jacobians.withUnsafeMutableBufferPointer { out in
        let out = SendablePointer(out.baseAddress!)
        Parallelism.forEachChunk(count: rows.count, minimumChunk: 256) { range in
            for r in range {
                let terms = rows[r]
                if terms.count > 64 {
                    out[r] = pointCombination(terms.map { bases[$0.basis] }[...], terms.map(\.coefficient.canonicalLimbs)[...],
                                              scalarBits: 254)
                    continue
                }
                var acc = JacobianPoint<C>.infinity
                for t in terms {
                    let p = bases[t.basis]
                    if t.coefficient.isOne {
                        acc += p
                    } else if t.coefficient == minusOne {
                        acc += -p
                    } else {
                        acc += p.jacobian.multipliedSplit(by: t.coefficient)
                    }
                }
                out[r] = acc
            }
            report.report(done.add(range.count))
        }
    }
    return batchNormalizeParallel(jacobians)
}
