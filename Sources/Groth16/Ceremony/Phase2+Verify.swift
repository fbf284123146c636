// Verification of a .zkey against its circuit and Powers of Tau, as snarkjs
// `zkey verify`: the initial key is recomputed; every contribution's transcript hash must
// follow the chain, its proof of knowledge must hold, and δ must move by its secret; the
// key's fixed parts must equal the initial key's, and C and H must be the initial ones
// divided by the final δ (random linear combinations, one pairing check each; H up to the
// one component snarkjs leaves out, see `hQueryChallenge`). All pairing checks form one batch.

/// What a successful phase-2 verification found.
public struct Phase2Verification: Sendable {
    public struct Contribution: Sendable {
        /// 1-based.
        public var index: Int
        public var name: String?
        public var kind: ContributionKind
        public var contributionHash: [UInt8]
        public var beaconHash: [UInt8]?
        public var numIterationsExp: Int?
    }

    /// The circuit hash (csHash) the file's transcript chain starts from.
    public var circuitHash: [UInt8]
    /// The circuit hash of the initial key recomputed here. It differs from snarkjs's csHash
    /// for the snarkjs vectors (see doc/CEREMONY.md, "Known gaps"); the key itself is checked
    /// section by section, so the difference does not weaken the check of the key.
    public var recomputedCircuitHash: [UInt8]
    public var contributions: [Contribution]
}

extension Phase2 {
    /// Verifies `file` against the circuit and the Powers of Tau it was made from. Throws
    /// `CeremonyError` naming the first failure.
    public static func verify(_ file: ZKeyFile, r1cs: R1CS, ptau: PowersOfTauReader,
                              progress: CeremonyProgress? = nil) throws -> Phase2Verification {
        let initial = try newKey(r1cs: r1cs, ptau: ptau, progress: progress)
        return try verify(file, initial: initial, progress: progress)
    }

    /// Verifies `file` against its initial key (as made by `newKey`).
    public static func verify(_ file: ZKeyFile, initial: ZKeyFile, progress: CeremonyProgress? = nil) throws -> Phase2Verification {
        let key = file.provingKey, start = initial.provingKey
        var batch = SameRatioBatch()
        var summaries: [Phase2Verification.Contribution] = []
        let contributions = file.transcript.contributions
        var delta = G1Affine.generator
        for (i, c) in contributions.enumerated() {
            let index = i + 1
            let expected = transcriptHash(circuitHash: file.transcript.circuitHash, contributions: contributions[..<i],
                                          g1S: c.delta.g1S, g1SX: c.delta.g1SX)
            guard expected == c.transcript else { throw CeremonyError.transcriptMismatch(index: index) }
            let g2SP = CeremonyRandomness.hashToG2(c.transcript)
            batch.add(c.delta.g1S, c.delta.g1SX, g2SP, c.delta.g2SPX,
                      failure: .invalidContribution(index: index, check: "invalid proof of knowledge of delta"))
            batch.add(delta, c.deltaAfter, g2SP, c.delta.g2SPX,
                      failure: .invalidContribution(index: index, check: "deltaAfter does not follow the previous delta by the proven secret"))
            if c.kind == .beacon {
                guard let hash = c.parameters.beaconHash, let exp = c.parameters.numIterationsExp, exp <= 63 else {
                    throw CeremonyError.beaconMismatch(index: index, what: "parameters (beacon value or iterations missing)")
                }
                var rng = CeremonyRandomness.beaconGenerator(beaconHash: hash, numIterationsExp: Int(exp))
                let delta = Fr.sample(&rng)
                let g1S = G1Affine.sample(&rng)
                if g1S != c.delta.g1S { throw CeremonyError.beaconMismatch(index: index, what: "g1_s") }
                if g1S.multipliedVartime(by: delta) != c.delta.g1SX { throw CeremonyError.beaconMismatch(index: index, what: "g1_sx") }
            }
            summaries.append(.init(index: index, name: c.parameters.name, kind: c.kind, contributionHash: c.contributionHash,
                                   beaconHash: c.kind == .beacon ? c.parameters.beaconHash : nil,
                                   numIterationsExp: c.kind == .beacon ? c.parameters.numIterationsExp.map(Int.init) : nil))
            delta = c.deltaAfter
        }

        guard key.numVariables == start.numVariables, key.numPublic == start.numPublic, key.domainSize == start.domainSize else {
            throw CeremonyError.keyMismatch(what: "the circuit sizes (nVars \(key.numVariables), nPublic \(key.numPublic), "
                                            + "domain \(key.domainSize))")
        }
        let fixed: [(String, Bool)] = [
            ("alpha1", key.alpha1 == start.alpha1), ("beta1", key.beta1 == start.beta1), ("beta2", key.beta2 == start.beta2),
            ("gamma2", key.gamma2 == start.gamma2),
            ("section 3 (IC)", key.ic == start.ic), ("section 4 (coefficients)", key.coefficients == start.coefficients),
            ("section 5 (A)", key.a == start.a), ("section 6 (B1)", key.b1 == start.b1), ("section 7 (B2)", key.b2 == start.b2),
            ("delta1", key.delta1 == delta),
        ]
        if let (what, _) = fixed.first(where: { !$0.1 }) { throw CeremonyError.keyMismatch(what: what) }
        batch.add(.generator, key.delta1, .generator, key.delta2, failure: .keyMismatch(what: "delta2 (not the same delta as delta1)"))
        guard key.c.count == start.c.count, key.h.count == start.h.count else {
            throw CeremonyError.keyMismatch(what: "the C or H section size")
        }
        let stage = ProgressStage("C and H", total: 2, progress)
        for (name, now, before) in [("8 (C)", key.c, start.c), ("9 (H)", key.h, start.h)] where !now.isEmpty {
            let scalars = name.hasPrefix("8") ? randomScalars64(now.count) : hQueryChallenge(domainSize: now.count)
            let bits = name.hasPrefix("8") ? 64 : 254
            let combinedNow = pointCombination(now[...], scalars[...], scalarBits: bits).affine
            let combinedBefore = pointCombination(before[...], scalars[...], scalarBits: bits).affine
            // before = δ·now: e(before, G2) = e(now, δ2).
            if combinedNow.isInfinity || combinedBefore.isInfinity {
                guard combinedNow == combinedBefore else { throw CeremonyError.sectionNotScaled(section: name) }
            } else {
                batch.add(combinedNow, combinedBefore, .generator, key.delta2, failure: .sectionNotScaled(section: name))
            }
            stage.report(name.hasPrefix("8") ? 1 : 2)
        }
        try batch.verify()
        return Phase2Verification(circuitHash: file.transcript.circuitHash, recomputedCircuitHash: initial.transcript.circuitHash,
                                  contributions: summaries)
    }
}

extension Phase2 {
    /// Random scalars for the H check. H_j = L_(2j+1) of the double-size basis, and
    /// Σ_i r_i·(τ^d - 1)·τ^i = -2·Σ_j p(g·ω^j)·H_j with p(X) = Σ_i r_i X^i and g = ω_(2d): the
    /// scalars are DFT(r_i·g^i) for random 64-bit r_i with r_(d-1) = 0. As in snarkjs, the
    /// component of (τ^d - 1)·τ^(d-1) is left out: a proof never uses it (h has degree at
    /// most d - 2), and a contribution made through bellman's format drops it.
    static func hQueryChallenge(domainSize d: Int) -> [(UInt64, UInt64, UInt64, UInt64)] {
        let r = randomScalars64(d)
        let g = Fr.rootOfUnity(log2Order: d.trailingZeroBitCount + 1)
        var values = [Fr](repeating: .zero, count: d)
        var power = Fr.one
        for i in 0..<(d - 1) {
            values[i] = Fr(reducingLimbs: r[i]) * power
            power = power * g
        }
        RadixTwoFFT.transform(&values, inverse: false)
        return values.map(\.canonicalLimbs)
    }
}
