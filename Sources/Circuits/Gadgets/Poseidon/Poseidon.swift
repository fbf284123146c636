/// circomlib/circomlibjs Poseidon over BN254's Fr (the native twin of the in-circuit hash).
///
/// Hashing n inputs (1 ... 16) uses width t = n + 1 and the state [initialState, inputs...].
/// Each of the 8 + R_P rounds adds the round constants, applies x⁵ to every word (the first and
/// last four rounds) or to word 0 only (the partial rounds in between), then mixes with the MDS
/// matrix. The output is the first `outputs` state words (circomlib's PoseidonEx; one word is
/// Poseidon).
public enum Poseidon {
    /// The most inputs circomlib supports.
    public static let maxInputs = 16

    /// Errors for inputs outside circomlib's range.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case inputCount(Int)
        case outputCount(requested: Int, width: Int)

        public var description: String {
            switch self {
            case .inputCount(let n): return "Poseidon takes 1...16 inputs, got \(n)"
            case let .outputCount(k, t): return "Poseidon of width \(t) has at most \(t) outputs, \(k) requested"
            }
        }
    }

    /// Poseidon(inputs): circomlib's `Poseidon(n)` / circomlibjs `poseidon(inputs)`.
    public static func hash(_ inputs: [Fr]) throws -> Fr {
        try hash(inputs, initialState: .zero, outputs: 1)[0]
    }

    /// PoseidonEx: the first `outputs` words of the permuted state [initialState, inputs...].
    public static func hash(_ inputs: [Fr], initialState: Fr, outputs: Int) throws -> [Fr] {
        guard (1...maxInputs).contains(inputs.count) else { throw Error.inputCount(inputs.count) }
        let t = inputs.count + 1
        guard (1...t).contains(outputs) else { throw Error.outputCount(requested: outputs, width: t) }
        var state = [initialState] + inputs
        permute(&state)
        return Array(state.prefix(outputs))
    }

    /// The Poseidon permutation of a state of width 2 ... 17, in place: four full rounds, the
    /// partial rounds in their sparse form (`SparsePartialRounds`), four full rounds.
    public static func permute(_ state: inout [Fr]) {
        let p = PoseidonParameters.forWidth(state.count)
        let t = p.width
        let half = PoseidonParameters.fullRounds / 2
        state.withUnsafeMutableBufferPointer { s in
            p.roundConstants.withUnsafeBufferPointer { c in
                var scratch = [Fr](repeating: .zero, count: t)
                scratch.withUnsafeMutableBufferPointer { mixed in
                    for round in 0..<half { fullRound(s, c, round: round, p.mds, mixed) }
                    let sparse = p.sparse
                    for r in 0..<p.partialRoundCount {
                        let shifted = sparse.constants[r], row = sparse.firstRows[r], column = sparse.firstColumns[r]
                        let y = fifthPower(s[0] + shifted[0])
                        var z0 = row[0] * y
                        for i in 1..<t {
                            let w = s[i] + shifted[i]
                            z0 += row[i] * w
                            s[i] = w + column[i - 1] * y
                        }
                        s[0] = z0
                    }
                    for i in 1..<t {
                        var acc = Fr.zero
                        for j in 1..<t { acc += sparse.finalBlock[i - 1][j - 1] * s[j] }
                        mixed[i] = acc
                    }
                    for i in 1..<t { s[i] = mixed[i] }
                    for round in (half + p.partialRoundCount)..<(2 * half + p.partialRoundCount) {
                        fullRound(s, c, round: round, p.mds, mixed)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func fullRound(_ s: UnsafeMutableBufferPointer<Fr>, _ c: UnsafeBufferPointer<Fr>, round: Int,
                                  _ mds: [[Fr]], _ mixed: UnsafeMutableBufferPointer<Fr>) {
        let t = s.count
        for i in 0..<t { s[i] = fifthPower(s[i] + c[round * t + i]) }
        for i in 0..<t {
            var acc = Fr.zero
            let row = mds[i]
            for j in 0..<t { acc += row[j] * s[j] }
            mixed[i] = acc
        }
        for i in 0..<t { s[i] = mixed[i] }
    }

    @inline(__always)
    static func fifthPower(_ x: Fr) -> Fr {
        let x2 = x.squared()
        return x2.squared() * x
    }
}
