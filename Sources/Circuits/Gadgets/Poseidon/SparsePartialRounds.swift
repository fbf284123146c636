/// The partial rounds rewritten so each costs 2t − 1 multiplications instead of t².
///
/// A partial round is s ← M·P(s + c), where P raises word 0 to the fifth power. Write
/// M = [[m₀₀, m₀₁ᵀ], [m₁₀, M̂]]. Keep the state as s = A·z with A = diag(1, Â), which commutes
/// with P. Then M·P(s + c) = M·A·P(z + A⁻¹c), and M·A = A′·S for A′ = diag(1, M̂·Â) and the
/// sparse S = [[m₀₀, m₀₁ᵀ·Â], [(M̂·Â)⁻¹·m₁₀, I]]. Starting from Â = I, round r uses
/// Â = M̂ʳ: z ← S_r·P(z + c′_r) with c′_r = (c_r[0], M̂⁻ʳ·ĉ_r), and after the last round
/// s = diag(1, M̂^R_P)·z. Word 0 of z equals word 0 of s, so the S-box inputs (and the
/// circuit's S-box wires) are exactly those of the plain rounds.
struct SparsePartialRounds: Sendable {
    /// Per round: the first row of S_r (t values).
    let firstRows: [[Fr]]
    /// Per round: the first column of S_r below the diagonal (t − 1 values).
    let firstColumns: [[Fr]]
    /// Per round: c′_r (t values).
    let constants: [[Fr]]
    /// M̂^R_P, applied to words 1 ... t−1 after the last partial round.
    let finalBlock: [[Fr]]

    init(mds m: FieldMatrix, constants c: [Fr], partialRounds: Int) {
        let t = m.rows
        let firstFull = PoseidonParameters.fullRounds / 2
        let block = FieldMatrix(rows: t - 1, columns: t - 1) { m[$0 + 1, $1 + 1] }
        let blockInverse = block.inverse()
        let m01 = FieldMatrix(rows: 1, columns: t - 1) { m[0, $1 + 1] }
        let m10 = (1..<t).map { m[$0, 0] }
        var power = FieldMatrix.identity(t - 1)         // M̂ʳ
        var inversePower = FieldMatrix.identity(t - 1)  // M̂⁻ʳ
        var rows: [[Fr]] = [], columns: [[Fr]] = [], shifted: [[Fr]] = []
        for r in 0..<partialRounds {
            let roundConstants = Array(c[((firstFull + r) * t)..<((firstFull + r + 1) * t)])
            shifted.append([roundConstants[0]] + inversePower * Array(roundConstants[1...]))
            rows.append([m[0, 0]] + (m01 * power).entries)
            power = block * power
            inversePower = inversePower * blockInverse
            columns.append(inversePower * m10)
        }
        firstRows = rows
        firstColumns = columns
        constants = shifted
        finalBlock = (0..<(t - 1)).map { power.row($0) }
    }
}
