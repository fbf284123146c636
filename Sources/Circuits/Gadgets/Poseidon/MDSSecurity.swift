/// The checks "generate_parameters_grain.sage" runs on each candidate MDS matrix before it
/// accepts it (Grassi, Rechberger, Schofnegger: invariant subspace trails through the partial
/// rounds). A matrix that fails is discarded and the next candidate is drawn from the LFSR.
/// Like the script, these run with s = 1 S-box per partial round.
enum MDSSecurity {
    /// All three algorithms pass.
    static func isSecure(_ m: FieldMatrix) -> Bool {
        hasNoInvariantSubspaceTrail(m) && hasNoIterativeSubspaceTrail(m) && hasNoLongIterativeSubspaceTrail(m)
    }

    /// Algorithm 1. For i = 1 ... t−1: Mⁱ must not be a scalar matrix; no eigenvector of Mⁱ with
    /// an eigenvalue in Fr may lie in the subspace Sᵢ of states whose first word stays inactive
    /// for i rounds; and Sᵢ must not be invariant under Mʲ for j ≤ i.
    static func hasNoInvariantSubspaceTrail(_ m: FieldMatrix) -> Bool {
        let t = m.rows
        var powers = [FieldMatrix.identity(t)]  // powers[k] = M^k
        for _ in 0..<t { powers.append(powers[powers.count - 1] * m) }
        for i in 1..<t {
            let mi = powers[i]
            if mi.isScalar { return false }
            let s = inactiveSubspace(rounds: i, powers: powers)
            var eigenvectorsInS = Subspace(ambient: t)
            for lambda in mi.characteristicPolynomial().roots() {
                let eigenspace = Subspace(ambient: t, spannedBy: mi.shifted(by: lambda).rightKernel())
                for v in s.intersection(eigenspace).basis { eigenvectorsInS.insert(v) }
            }
            if eigenvectorsInS.dimension >= 1 && eigenvectorsInS.dimension < t { return false }
            for j in 1...i where s.mapped(by: powers[j]) == s { return false }
        }
        return true
    }

    /// Sᵢ: vectors (0, v) with (M^(k+1))[0][1...]·v = 0 for k < i − 1 (for i = 1, all (0, v)).
    private static func inactiveSubspace(rounds i: Int, powers: [FieldMatrix]) -> Subspace {
        let t = powers[0].rows
        let conditions = FieldMatrix(rows: i - 1, columns: t - 1) { k, j in powers[k + 1][0, j + 1] }
        let solutions = i == 1 ? FieldMatrix.identity(t - 1).entries.chunked(t - 1) : conditions.rightKernel()
        return Subspace(ambient: t, spannedBy: solutions.map { [.zero] + $0 })
    }

    /// Algorithm 2: the first unit vector is cyclic for M (its orbit spans Frᵗ), so no proper
    /// subspace through the S-box word is invariant.
    static func hasNoIterativeSubspaceTrail(_ m: FieldMatrix) -> Bool {
        let t = m.rows
        var v = [Fr](repeating: .zero, count: t)
        v[0] = .one
        var span = Subspace(ambient: t, spannedBy: [v])
        while span.dimension < t {
            v = m * v
            if !span.insert(v) { return false }
        }
        return true
    }

    /// Algorithm 3: algorithm 2 for every power M^r, r = 2 ... 4t.
    static func hasNoLongIterativeSubspaceTrail(_ m: FieldMatrix) -> Bool {
        var power = m
        for _ in 2...(4 * m.rows) {
            power = power * m
            if !hasNoIterativeSubspaceTrail(power) { return false }
        }
        return true
    }
}

extension Array {
    /// Consecutive slices of `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
