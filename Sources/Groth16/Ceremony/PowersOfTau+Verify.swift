// Verification of a .ptau as snarkjs `powersoftau verify` does it, with the pairing checks of
// all contributions and sections batched into one multi-pairing:
// - every contribution: its proofs of knowledge of τ, α, β (bound to the previous challenge
//   hash), and that its τG1, τG2, αG1, βG1, βG2 are the previous ones times its secrets; a
//   beacon's key is recomputed from its beacon value;
// - the powers: for random r_i, Σ r_i·P_i and Σ r_i·P_(i+1) have the ratio τ in every section,
//   the first points are those of the last contribution;
// - the hash of the last response and the file's points is the recorded next challenge (when
//   the file is not reduced);
// - prepared files: each Lagrange level L of a section satisfies Σ r_i·τ^i = Σ DFT(r)_j·L_j.

/// What a successful verification found: the contribution chain with its hashes.
public struct PowersOfTauVerification: Sendable {
    public struct Contribution: Sendable {
        /// 1-based, as snarkjs numbers contributions.
        public var index: Int
        public var name: String?
        public var kind: ContributionKind
        /// The challenge this contribution signed (the previous next challenge).
        public var challenge: [UInt8]
        /// BLAKE2b of the challenge, the new points and the public key.
        public var responseHash: [UInt8]
        /// The challenge recorded for the next contributor.
        public var nextChallenge: [UInt8]
        public var beaconHash: [UInt8]?
        public var numIterationsExp: Int?
    }

    public var power: Int
    public var ceremonyPower: Int
    public var contributions: [Contribution]
    /// BLAKE2b of the last response hash and the file's points: the challenge a further
    /// contribution would sign.
    public var nextChallenge: [UInt8]
    /// Whether the Lagrange sections (12-15) were present and checked.
    public var isPrepared: Bool
}

extension PowersOfTau {
    /// Verifies the whole file. Throws `CeremonyError` naming the first failure.
    public static func verify(_ file: PowersOfTauFile, progress: CeremonyProgress? = nil) throws -> PowersOfTauVerification {
        if let problem = file.shapeProblem {
            throw CeremonyError.unexpectedPoint(section: "header", reason: problem)
        }
        guard let last = file.contributions.last else { throw CeremonyError.noContributions }
        var batch = SameRatioBatch()
        var summaries: [PowersOfTauVerification.Contribution] = []
        let firstChallenge = firstChallengeHash(power: file.ceremonyPower)
        let chainStage = ProgressStage("contributions", total: file.contributions.count, progress)
        var previous = ChainLink.initial(challenge: firstChallenge)
        for (i, c) in file.contributions.enumerated() {
            let responseHash = try checkContribution(c, index: i + 1, after: previous, into: &batch)
            summaries.append(.init(index: i + 1, name: c.parameters.name, kind: c.kind, challenge: previous.nextChallenge,
                                   responseHash: responseHash, nextChallenge: c.nextChallenge,
                                   beaconHash: c.kind == .beacon ? c.parameters.beaconHash : nil,
                                   numIterationsExp: c.kind == .beacon ? c.parameters.numIterationsExp.map(Int.init) : nil))
            previous = ChainLink(c)
            chainStage.report(i + 1)
        }
        try checkSections(file, last: last, into: &batch, progress: progress)
        try batch.verify()

        let nextChallenge = file.challengeHash(afterResponse: summaries.last!.responseHash)
        if file.power == file.ceremonyPower, nextChallenge != last.nextChallenge {
            throw CeremonyError.challengeHashMismatch(expected: last.nextChallenge.hexString, actual: nextChallenge.hexString)
        }
        if let lagrange = file.lagrange { try checkLagrange(file, lagrange, progress: progress) }
        return PowersOfTauVerification(power: file.power, ceremonyPower: file.ceremonyPower, contributions: summaries,
                                       nextChallenge: nextChallenge, isPrepared: file.lagrange != nil)
    }

    /// The first points and the next challenge of a contribution (or of the `new` file).
    private struct ChainLink {
        var tauG1: G1Affine, tauG2: G2Affine, alphaG1: G1Affine, betaG1: G1Affine, betaG2: G2Affine
        var nextChallenge: [UInt8]

        static func initial(challenge: [UInt8]) -> ChainLink {
            ChainLink(tauG1: .generator, tauG2: .generator, alphaG1: .generator, betaG1: .generator,
                      betaG2: .generator, nextChallenge: challenge)
        }

        init(tauG1: G1Affine, tauG2: G2Affine, alphaG1: G1Affine, betaG1: G1Affine, betaG2: G2Affine, nextChallenge: [UInt8]) {
            self.tauG1 = tauG1
            self.tauG2 = tauG2
            self.alphaG1 = alphaG1
            self.betaG1 = betaG1
            self.betaG2 = betaG2
            self.nextChallenge = nextChallenge
        }

        init(_ c: PowersOfTauContribution) {
            self.init(tauG1: c.tauG1, tauG2: c.tauG2, alphaG1: c.alphaG1, betaG1: c.betaG1, betaG2: c.betaG2,
                      nextChallenge: c.nextChallenge)
        }
    }

    /// Queues the pairing checks of one contribution, checks a beacon's key, and returns the
    /// response hash (resumed from the stored partial hash).
    private static func checkContribution(_ c: PowersOfTauContribution, index: Int, after prev: ChainLink,
                                          into batch: inout SameRatioBatch) throws -> [UInt8] {
        let key = c.publicKey
        if c.kind == .beacon {
            guard let hash = c.parameters.beaconHash, let exp = c.parameters.numIterationsExp, exp <= 63 else {
                throw CeremonyError.beaconMismatch(index: index, what: "parameters (beacon value or iterations missing)")
            }
            var rng = CeremonyRandomness.beaconGenerator(beaconHash: hash, numIterationsExp: Int(exp))
            let expected = PowersOfTauPublicKey.create(challenge: prev.nextChallenge, rng: &rng).1
            let names = ["tau", "alpha", "beta"]
            for (n, (e, a)) in zip(names, [(expected.tau, key.tau), (expected.alpha, key.alpha), (expected.beta, key.beta)]) {
                if e.g1S != a.g1S { throw CeremonyError.beaconMismatch(index: index, what: "\(n) g1_s") }
                if e.g1SX != a.g1SX { throw CeremonyError.beaconMismatch(index: index, what: "\(n) g1_sx") }
                if e.g2SPX != a.g2SPX { throw CeremonyError.beaconMismatch(index: index, what: "\(n) g2_spx") }
            }
        }
        func g2SP(_ personalization: UInt8, _ proof: KnowledgeProof) -> G2Affine {
            CeremonyRandomness.phase1G2Point(personalization: personalization, challenge: prev.nextChallenge,
                                             g1S: proof.g1S, g1SX: proof.g1SX)
        }
        let tauSP = g2SP(0, key.tau), alphaSP = g2SP(1, key.alpha), betaSP = g2SP(2, key.beta)
        func fail(_ check: String) -> CeremonyError { .invalidContribution(index: index, check: check) }
        batch.add(key.tau.g1S, key.tau.g1SX, tauSP, key.tau.g2SPX, failure: fail("invalid proof of knowledge of tau"))
        batch.add(key.alpha.g1S, key.alpha.g1SX, alphaSP, key.alpha.g2SPX, failure: fail("invalid proof of knowledge of alpha"))
        batch.add(key.beta.g1S, key.beta.g1SX, betaSP, key.beta.g2SPX, failure: fail("invalid proof of knowledge of beta"))
        batch.add(prev.tauG1, c.tauG1, tauSP, key.tau.g2SPX, failure: fail("tau*G1 does not follow the previous contribution"))
        batch.add(key.tau.g1S, key.tau.g1SX, prev.tauG2, c.tauG2, failure: fail("tau*G2 does not follow the previous contribution"))
        batch.add(prev.alphaG1, c.alphaG1, alphaSP, key.alpha.g2SPX, failure: fail("alpha*G1 does not follow the previous contribution"))
        batch.add(prev.betaG1, c.betaG1, betaSP, key.beta.g2SPX, failure: fail("beta*G1 does not follow the previous contribution"))
        batch.add(key.beta.g1S, key.beta.g1SX, prev.betaG2, c.betaG2, failure: fail("beta*G2 does not follow the previous contribution"))

        guard var response = ResumableBlake2b(partialState: c.partialHash) else {
            throw fail("the stored partial response hash is not a valid BLAKE2b state")
        }
        response.update(key.uncompressedBytes)
        return response.finalize()
    }

    /// Queues the powers checks of sections 2-5 and compares the singular points.
    private static func checkSections(_ file: PowersOfTauFile, last: PowersOfTauContribution,
                                      into batch: inout SameRatioBatch, progress: CeremonyProgress?) throws {
        let stage = ProgressStage("powers", total: 4, progress)
        func ratio<C: CurveParameters>(_ points: [AffinePoint<C>]) -> (JacobianPoint<C>, JacobianPoint<C>) {
            let r = randomScalars64(points.count - 1)
            return (pointCombination(points.dropLast(), r[...], scalarBits: 64),
                    pointCombination(points.dropFirst(), r[...], scalarBits: 64))
        }
        guard file.tauG1[0] == .generator else {
            throw CeremonyError.unexpectedPoint(section: "tauG1", reason: "the first point is not the generator")
        }
        guard file.tauG1[1] == last.tauG1 else {
            throw CeremonyError.unexpectedPoint(section: "tauG1", reason: "the second point is not the last contribution's tau*G1")
        }
        guard file.tauG2[0] == .generator else {
            throw CeremonyError.unexpectedPoint(section: "tauG2", reason: "the first point is not the generator")
        }
        guard file.tauG2[1] == last.tauG2 else {
            throw CeremonyError.unexpectedPoint(section: "tauG2", reason: "the second point is not the last contribution's tau*G2")
        }
        guard file.alphaTauG1[0] == last.alphaG1 else {
            throw CeremonyError.unexpectedPoint(section: "alphaTauG1", reason: "the first point is not the last contribution's alpha*G1")
        }
        guard file.betaTauG1[0] == last.betaG1 else {
            throw CeremonyError.unexpectedPoint(section: "betaTauG1", reason: "the first point is not the last contribution's beta*G1")
        }
        guard file.betaG2 == last.betaG2 else {
            throw CeremonyError.unexpectedPoint(section: "betaG2", reason: "beta*G2 is not the last contribution's beta*G2")
        }
        let (t1, t2) = ratio(file.tauG1)
        batch.add(t1.affine, t2.affine, .generator, last.tauG2, failure: .inconsistentPowers(section: "tauG1"))
        stage.report(1)
        let (u1, u2) = ratio(file.tauG2)
        batch.add(.generator, last.tauG1, u1.affine, u2.affine, failure: .inconsistentPowers(section: "tauG2"))
        stage.report(2)
        let (a1, a2) = ratio(file.alphaTauG1)
        batch.add(a1.affine, a2.affine, .generator, last.tauG2, failure: .inconsistentPowers(section: "alphaTauG1"))
        stage.report(3)
        let (b1, b2) = ratio(file.betaTauG1)
        batch.add(b1.affine, b2.affine, .generator, last.tauG2, failure: .inconsistentPowers(section: "betaTauG1"))
        stage.report(4)
    }

    /// Each level k of each Lagrange section against the powers: Σ r_i·P_i = Σ DFT(r)_j·L_j.
    private static func checkLagrange(_ file: PowersOfTauFile, _ l: PowersOfTauLagrangeBases,
                                      progress: CeremonyProgress?) throws {
        let stage = ProgressStage("Lagrange sections", total: 4 * (file.power + 1) + 1, progress)
        var done = 0
        func check<C: CurveParameters>(_ name: String, _ powers: [AffinePoint<C>], _ bases: [AffinePoint<C>],
                                       levels: ClosedRange<Int>) throws {
            for k in levels {
                let n = 1 << k
                var r = randomScalars64(n)
                var pts = Array(powers.prefix(n))
                if pts.count < n {  // the top level of tauG1 lacks τ^(2n-1): snarkjs takes it as 0
                    pts.append(.infinity)
                    r[n - 1] = (0, 0, 0, 0)
                }
                var transformed = r.map { Fr(reducingLimbs: $0) }
                RadixTwoFFT.transform(&transformed, inverse: false)
                let left = pointCombination(pts[...], r[...], scalarBits: 64)
                let right = pointCombination(bases[PowersOfTauLagrangeBases.level(k)],
                                             transformed.map(\.canonicalLimbs)[...], scalarBits: 254)
                guard left == right else { throw CeremonyError.lagrangeMismatch(section: name, level: k) }
                done += 1
                stage.report(done)
            }
        }
        try check("tauG1", file.tauG1, l.tauG1, levels: 0...(file.power + 1))
        try check("tauG2", file.tauG2, l.tauG2, levels: 0...file.power)
        try check("alphaTauG1", file.alphaTauG1, l.alphaTauG1, levels: 0...file.power)
        try check("betaTauG1", file.betaTauG1, l.betaTauG1, levels: 0...file.power)
    }
}
