import Synchronization

/// circomlib's Poseidon instances over BN254's Fr: width t = 2 ... 17 (1 ... 16 inputs),
/// S-box x⁵, 8 full rounds and the partial rounds of `partialRounds`.
///
/// The round constants and the MDS matrix are generated in code, exactly as the reference
/// script `generate_parameters_grain.sage 1 0 254 t 8 R_P r` does: the Grain LFSR yields
/// (8 + R_P)·t round constants by rejection sampling, then 2t values xᵢ, yⱼ (reduced mod r,
/// redrawn while any repeat or any xᵢ + yⱼ = 0) for the Cauchy matrix M[i][j] = 1/(xᵢ + yⱼ),
/// which is redrawn until it passes the script's three security checks (`MDSSecurity`).
/// Each width is generated once, lazily and thread-safely, and cached for the process.
public struct PoseidonParameters: Sendable {
    /// Partial rounds per width t = 2 ... 17 (circomlib's N_ROUNDS_P).
    public static let partialRounds = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68]
    public static let fullRounds = 8
    public static let widths = 2...17

    /// The state width t.
    public let width: Int
    /// The number of partial rounds.
    public let partialRoundCount: Int
    /// Round constants, `width` per round, for the 8 + R_P rounds in order.
    public let roundConstants: [Fr]
    /// The MDS matrix, `mds[i][j]`; the linear layer is stateᵢ ← Σⱼ mds[i][j]·stateⱼ.
    public let mds: [[Fr]]
    /// The same permutation with sparse partial rounds (see `SparsePartialRounds`).
    let sparse: SparsePartialRounds

    /// The parameters for width t (2 ... 17), generated on first use.
    public static func forWidth(_ t: Int) -> PoseidonParameters {
        precondition(widths.contains(t), "Poseidon width must be 2...17, got \(t)")
        return cache.withLock { slots in
            if let p = slots[t] { return p }
            let p = generate(width: t)
            slots[t] = p
            return p
        }
    }

    private static let cache = Mutex<[Int: PoseidonParameters]>([:])

    /// Runs the reference procedure for width t.
    static func generate(width t: Int) -> PoseidonParameters {
        let rp = partialRounds[t - 2]
        var lfsr = GrainLFSR(field: 1, sbox: 0, fieldBits: 254, width: t, fullRounds: fullRounds, partialRounds: rp)
        let constants = (0..<((fullRounds + rp) * t)).map { _ in lfsr.nextFieldElementRejecting() }
        while true {
            let m = cauchyMatrix(width: t, &lfsr)
            if MDSSecurity.isSecure(m) {
                return PoseidonParameters(width: t, partialRoundCount: rp, roundConstants: constants,
                                          mds: (0..<t).map { m.row($0) },
                                          sparse: SparsePartialRounds(mds: m, constants: constants, partialRounds: rp))
            }
        }
    }

    /// The script's "create_mds_p": M[i][j] = 1/(xᵢ + yⱼ) with 2t distinct LFSR values.
    static func cauchyMatrix(width t: Int, _ lfsr: inout GrainLFSR) -> FieldMatrix {
        while true {
            var values = (0..<(2 * t)).map { _ in lfsr.nextFieldElementReducing() }
            while Set(values).count != values.count {
                values = (0..<(2 * t)).map { _ in lfsr.nextFieldElementReducing() }
            }
            let xs = values[0..<t], ys = values[t...]
            if xs.contains(where: { x in ys.contains { y in (x + y).isZero } }) { continue }
            return FieldMatrix(rows: t, columns: t) { i, j in (xs[xs.startIndex + i] + ys[ys.startIndex + j]).inverse()! }
        }
    }
}
