extension ConstraintSystem {
    /// In-circuit Poseidon(inputs) (1 ... 16 inputs), circomlib-compatible.
    ///
    /// Each S-box costs three constraints (x², x⁴, x⁵); the round constants and the MDS mixing
    /// stay linear combinations, so they cost nothing. A constant S-box input costs nothing,
    /// so the constant first word of the initial state saves one S-box: 3·(8t + R_P − 1)
    /// constraints for t = n + 1 (circomlib: the same).
    public func poseidon(_ inputs: [Signal]) -> Signal {
        poseidon(inputs, initialState: .zero, outputs: 1)[0]
    }

    /// In-circuit PoseidonEx: the first `outputs` words of the permuted [initialState, inputs].
    public func poseidon(_ inputs: [Signal], initialState: Signal, outputs: Int) -> [Signal] {
        precondition((1...Poseidon.maxInputs).contains(inputs.count), "Poseidon takes 1...16 inputs, got \(inputs.count)")
        precondition((1...(inputs.count + 1)).contains(outputs), "too many Poseidon outputs: \(outputs)")
        return scope("poseidon") {
            var state = [initialState] + inputs
            permute(&state)
            return Array(state.prefix(outputs))
        }
    }

    /// The Poseidon permutation on signals (width 2 ... 17), with the sparse partial rounds of
    /// the native twin: 2t − 1 linear operations per partial round instead of t².
    public func permute(_ state: inout [Signal]) {
        let p = PoseidonParameters.forWidth(state.count)
        let t = p.width
        let half = PoseidonParameters.fullRounds / 2
        func fullRound(_ round: Int) {
            for i in 0..<t { state[i] = fifthPower(state[i] + p.roundConstants[round * t + i], round: round) }
            state = (0..<t).map { i in Signal.sum(state, coefficients: p.mds[i]) }
        }
        for round in 0..<half { fullRound(round) }
        let sparse = p.sparse
        for r in 0..<p.partialRoundCount {
            let shifted = sparse.constants[r]
            let y = fifthPower(state[0] + shifted[0], round: half + r)
            for i in 1..<t { state[i] = state[i] + shifted[i] }
            state[0] = y
            let z0 = Signal.sum(state, coefficients: sparse.firstRows[r])
            for i in 1..<t { state[i] = state[i].adding(y, times: sparse.firstColumns[r][i - 1]) }
            state[0] = z0
        }
        let tail = Array(state[1...])
        for i in 1..<t { state[i] = Signal.sum(tail, coefficients: sparse.finalBlock[i - 1]) }
        for round in (half + p.partialRoundCount)..<(2 * half + p.partialRoundCount) { fullRound(round) }
    }

    /// x⁵ in three constraints (none for a constant).
    func fifthPower(_ x: Signal, round: Int) -> Signal {
        let x2 = product(x, x, "x²", index: round)
        let x4 = product(x2, x2, "x⁴", index: round)
        return product(x4, x, "x⁵", index: round)
    }
}
