/// Poseidon(a, b) (circomlib, width t = 3: 8 full rounds, 57 partial rounds) as contract code,
/// generated from the parameters our Swift `Poseidon` uses (`PoseidonParameters.forWidth(3)`),
/// so the registry computes its domain Poseidon(chainid, address(this)) on chain exactly as
/// the agent does. Both texts run the plain rounds: add the round constants, x⁵ on every word
/// (full rounds) or on word 0 (partial rounds), multiply by the MDS matrix. Inputs must be
/// below r (the registry passes a chain id below 2^64 and a 160-bit address).
enum PoseidonContractCode {
    static var parameters: PoseidonParameters { PoseidonParameters.forWidth(3) }

    /// Whether `round` (0-based) is a full round.
    static func isFullRound(_ round: Int, _ p: PoseidonParameters) -> Bool {
        let half = PoseidonParameters.fullRounds / 2
        return round < half || round >= half + p.partialRoundCount
    }

    /// A Solidity library `name` with `hash(uint256 a, uint256 b) internal pure returns (uint256)`,
    /// straight-line Yul over the round constants.
    static func solidityLibrary(name: String = "SettlementPoseidon") -> String {
        let p = parameters
        let r = SettlementRegistry.r
        let m = p.mds.map { $0.map(\.decimalString) }
        var rounds = ""
        for round in 0..<(PoseidonParameters.fullRounds + p.partialRoundCount) {
            let c = (0..<3).map { p.roundConstants[3 * round + $0].decimalString }
            rounds += "            s0 := addmod(s0, \(c[0]), \(r))\n"
            rounds += "            s1 := addmod(s1, \(c[1]), \(r))\n"
            rounds += "            s2 := addmod(s2, \(c[2]), \(r))\n"
            rounds += isFullRound(round, p) ? "            s0 := sbox(s0)\n            s1 := sbox(s1)\n            s2 := sbox(s2)\n"
                : "            s0 := sbox(s0)\n"
            rounds += "            s0, s1, s2 := mix(s0, s1, s2)\n"
        }
        func row(_ i: Int) -> String {
            "addmod(addmod(mulmod(s0, \(m[i][0]), \(r)), mulmod(s1, \(m[i][1]), \(r)), \(r)), mulmod(s2, \(m[i][2]), \(r)), \(r))"
        }
        return """
            /// Poseidon(a, b), circomlib's Poseidon(2) over BN254's scalar field (width 3, 8 full and
            /// \(p.partialRoundCount) partial rounds), generated from the agent's parameters. a, b < r.
            library \(name) {
                function hash(uint256 a, uint256 b) internal pure returns (uint256 h) {
                    assembly {
                        function sbox(x) -> y {
                            let x2 := mulmod(x, x, \(r))
                            y := mulmod(mulmod(x2, x2, \(r)), x, \(r))
                        }
                        function mix(s0, s1, s2) -> t0, t1, t2 {
                            t0 := \(row(0))
                            t1 := \(row(1))
                            t2 := \(row(2))
                        }
                        let s0 := 0
                        let s1 := a
                        let s2 := b
            \(rounds)            h := s0
                    }
                }
            }

            """
    }

    /// Vyper declarations: the constants `POSEIDON_C`, `POSEIDON_M` and
    /// `_poseidon2(a: uint256, b: uint256) -> uint256`, an internal pure function that needs
    /// the constant `R` (the scalar field order) declared beside it.
    static func vyperFunction() -> String {
        let p = parameters
        let rounds = PoseidonParameters.fullRounds + p.partialRoundCount
        let half = PoseidonParameters.fullRounds / 2
        let constants = p.roundConstants.map(\.decimalString).joined(separator: ",\n    ")
        let mds = p.mds.flatMap { $0 }.map(\.decimalString).joined(separator: ",\n    ")
        return """
            # Poseidon(a, b), circomlib's Poseidon(2) (width 3, \(half * 2) full and \(p.partialRoundCount) partial rounds),
            # generated from the agent's parameters: round constants, 3 per round, and the MDS matrix by rows.
            POSEIDON_C: constant(uint256[\(p.roundConstants.count)]) = [
                \(constants),
            ]
            POSEIDON_M: constant(uint256[9]) = [
                \(mds),
            ]


            @internal
            @pure
            def _poseidon2(a: uint256, b: uint256) -> uint256:
                s: uint256[3] = [0, a, b]
                for rnd: uint256 in range(\(rounds)):
                    for i: uint256 in range(3):
                        x: uint256 = uint256_addmod(s[i], POSEIDON_C[3 * rnd + i], R)
                        if i == 0 or rnd < \(half) or rnd >= \(half + p.partialRoundCount):
                            x2: uint256 = uint256_mulmod(x, x, R)
                            x = uint256_mulmod(uint256_mulmod(x2, x2, R), x, R)
                        s[i] = x
                    mixed: uint256[3] = empty(uint256[3])
                    for i: uint256 in range(3):
                        for j: uint256 in range(3):
                            mixed[i] = uint256_addmod(mixed[i], uint256_mulmod(POSEIDON_M[3 * i + j], s[j], R), R)
                    s = mixed
                return s[0]

            """
    }
}
