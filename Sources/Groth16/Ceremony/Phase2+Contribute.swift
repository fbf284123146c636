extension Phase2Contribution {
    /// The contribution's public key in snarkjs's uncompressed encoding, followed by its
    /// transcript hash (`hashPubKey`): what later transcripts and the contribution hash absorb.
    var publicKeyBytes: [UInt8] {
        deltaAfter.uncompressedBytes + delta.g1S.uncompressedBytes + delta.g1SX.uncompressedBytes
            + delta.g2SPX.uncompressedBytes + transcript
    }

    /// BLAKE2b of the public key: the hash snarkjs prints for a contribution.
    public var contributionHash: [UInt8] { Blake2b512.hash(publicKeyBytes) }
}

extension Phase2 {
    /// Adds a contribution: δ from libsodium's CSPRNG mixed with `entropy` through BLAKE2b (as
    /// snarkjs); δ1, δ2 multiplied by it, C and H divided by it; δ wiped afterwards.
    public static func contribute(to file: ZKeyFile, name: String?, entropy: String,
                                  progress: CeremonyProgress? = nil) throws -> Phase2ContributionResult {
        var rng = CeremonyRandomness.contributionGenerator(entropy: entropy)
        defer { rng.wipe() }
        return apply(to: file, rng: &rng, kind: .contribution, parameters: ContributionParameters(name: name), progress: progress)
    }

    /// Adds a beacon contribution: δ derived from a public random value hashed
    /// 2^numIterationsExp times with SHA-256 (numIterationsExp in 10...63).
    public static func beacon(to file: ZKeyFile, name: String?, beaconHash: [UInt8], numIterationsExp: Int,
                              progress: CeremonyProgress? = nil) throws -> Phase2ContributionResult {
        try PowersOfTau.checkBeacon(beaconHash, numIterationsExp)
        var rng = CeremonyRandomness.beaconGenerator(beaconHash: beaconHash, numIterationsExp: numIterationsExp)
        let parameters = ContributionParameters(name: name, numIterationsExp: UInt8(numIterationsExp), beaconHash: beaconHash)
        return apply(to: file, rng: &rng, kind: .beacon, parameters: parameters, progress: progress)
    }

    /// BLAKE2b(csHash ‖ public keys of `contributions` ‖ g1_s ‖ g1_sx): what a contribution's
    /// proof of knowledge is bound to.
    static func transcriptHash(circuitHash: [UInt8], contributions: ArraySlice<Phase2Contribution>,
                               g1S: G1Affine, g1SX: G1Affine) -> [UInt8] {
        let hasher = Blake2b512()
        hasher.update(circuitHash)
        for c in contributions { hasher.update(c.publicKeyBytes) }
        hasher.update(g1S.uncompressedBytes)
        hasher.update(g1SX.uncompressedBytes)
        return hasher.finalize()
    }

    /// δ, the G1 pair and the transcript drawn as snarkjs does (Fr, then a G1 point).
    static func deltaKey(_ rng: inout ChaChaGenerator, transcriptOf file: ZKeyFile) -> (delta: Fr, proof: KnowledgeProof, transcript: [UInt8]) {
        let delta = Fr.sample(&rng)
        let g1S = G1Affine.sample(&rng)
        let g1SX = g1S.multipliedVartime(by: delta)
        let transcript = transcriptHash(circuitHash: file.transcript.circuitHash, contributions: file.transcript.contributions[...],
                                        g1S: g1S, g1SX: g1SX)
        let g2SPX = CeremonyRandomness.hashToG2(transcript).multipliedVartime(by: delta)
        return (delta, KnowledgeProof(g1S: g1S, g1SX: g1SX, g2SPX: g2SPX), transcript)
    }

    private static func apply(to file: ZKeyFile, rng: inout ChaChaGenerator, kind: ContributionKind,
                              parameters: ContributionParameters, progress: CeremonyProgress?) -> Phase2ContributionResult {
        var (delta, proof, transcript) = deltaKey(&rng, transcriptOf: file)
        var inverse = delta.inverse()!
        var next = file
        next.provingKey.delta1 = file.provingKey.delta1.multipliedVartime(by: delta)
        next.provingKey.delta2 = file.provingKey.delta2.multipliedVartime(by: delta)
        next.provingKey.c = applyKey(file.provingKey.c, first: inverse, inc: .one, stage: "C", progress: progress)
        next.provingKey.h = applyKey(file.provingKey.h, first: inverse, inc: .one, stage: "H", progress: progress)
        secureZero(value: &delta)
        secureZero(value: &inverse)
        let contribution = Phase2Contribution(deltaAfter: next.provingKey.delta1, delta: proof, transcript: transcript,
                                              kind: kind, parameters: parameters)
        next.transcript.contributions.append(contribution)
        next.sectionOrder = ZKeyFile.contributedSectionOrder
        return Phase2ContributionResult(file: next, contributionHash: contribution.contributionHash)
    }
}
