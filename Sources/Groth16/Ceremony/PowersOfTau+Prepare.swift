// Preparing a .ptau for phase 2 (snarkjs `powersoftau prepare phase2`): for each of sections
// 2-5 and each level k (0...power, and power + 1 for τ·G1), the 2^k points of the Lagrange
// basis of the size-2^k domain at τ, L_j = (1/n)·Σ_i ω^(-ij)·τ^i·G, an inverse DFT over the
// group of the first 2^k powers (the missing top power of the last τ·G1 level is 0).

extension PowersOfTau {
    /// The file with the Lagrange sections 12-15 (computed anew if present). Power at most 27.
    public static func prepare(_ file: PowersOfTauFile, progress: CeremonyProgress? = nil) throws -> PowersOfTauFile {
        guard file.power <= maximumPreparedPower else {
            throw CeremonyError.unsupportedPower(file.power, reason: "prepare supports powers up to \(maximumPreparedPower)")
        }
        if let problem = file.shapeProblem { throw CeremonyError.unexpectedPoint(section: "header", reason: problem) }
        var prepared = file
        prepared.lagrange = PowersOfTauLagrangeBases(
            tauG1: lagrangeLevels(file.tauG1, through: file.power + 1, name: "tauG1", progress: progress),
            tauG2: lagrangeLevels(file.tauG2, through: file.power, name: "tauG2", progress: progress),
            alphaTauG1: lagrangeLevels(file.alphaTauG1, through: file.power, name: "alphaTauG1", progress: progress),
            betaTauG1: lagrangeLevels(file.betaTauG1, through: file.power, name: "betaTauG1", progress: progress))
        prepared.sectionOrder = [1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15]
        return prepared
    }

    /// Levels 0...top of the Lagrange basis from the powers, concatenated.
    static func lagrangeLevels<C: EndomorphismCurve>(_ powers: [AffinePoint<C>], through top: Int, name: String,
                                                 progress: CeremonyProgress?) -> [AffinePoint<C>] {
        var result: [AffinePoint<C>] = []
        result.reserveCapacity(PowersOfTauLagrangeBases.count(throughLevel: top))
        for k in 0...top { result += lagrangeBasis(powers, level: k, name: name, progress: progress) }
        return result
    }

    /// Level k: the inverse DFT of the first 2^k powers (missing powers taken as 0).
    static func lagrangeBasis<C: EndomorphismCurve>(_ powers: [AffinePoint<C>], level k: Int, name: String,
                                                progress: CeremonyProgress?) -> [AffinePoint<C>] {
        let n = 1 << k
        var values = powers.prefix(n).map(\.jacobian)
        if values.count < n { values += [JacobianPoint<C>](repeating: .infinity, count: n - values.count) }
        RadixTwoFFT.transform(&values, inverse: true, stage: "Lagrange basis (\(name), level \(k))", progress: progress)
        return batchNormalizeParallel(values)
    }
}

/// `JacobianPoint.batchNormalize` over chunks in parallel.
func batchNormalizeParallel<C: CurveParameters>(_ points: [JacobianPoint<C>]) -> [AffinePoint<C>] {
    var out = [AffinePoint<C>](repeating: .infinity, count: points.count)
    out.withUnsafeMutableBufferPointer { o in
        let o = SendablePointer(o.baseAddress!)
        Parallelism.forEachChunk(count: points.count, minimumChunk: 1024) { range in
            let affine = JacobianPoint<C>.batchNormalize(Array(points[range]))
            for (i, p) in zip(range, affine) { o[i] = p }
        }
    }
    return out
}
