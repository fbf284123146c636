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

    /// The Poseidon permutation of a state of width 2 ... 17, in place.
    public static func permute(_ state: inout [Fr]) {
        let p = PoseidonParameters.forWidth(state.count)
        let t = p.width
        let half = PoseidonParameters.fullRounds / 2
        var mixed = [Fr](repeating: .zero, count: t)
        for round in 0..<(PoseidonParameters.fullRounds + p.partialRoundCount) {
            for i in 0..<t { state[i] += p.roundConstants[round * t + i] }
            if round < half || round >= half + p.partialRoundCount {
                for i in 0..<t { state[i] = fifthPower(state[i]) }
            } else {
                state[0] = fifthPower(state[0])
            }
            for i in 0..<t {
                var acc = Fr.zero
                let row = p.mds[i]
                for j in 0..<t { acc += row[j] * state[j] }
                mixed[i] = acc
            }
            swap(&state, &mixed)
        }
    }

    @inline(__always)
    static func fifthPower(_ x: Fr) -> Fr {
        let x2 = x.squared()
        return x2.squared() * x
    }
}
