// The snarkjs Powers of Tau format (magic "ptau", version 1), points in LEM encoding, for a
// file of power p:
//   1  u32 n8 (32), q, u32 power p, u32 ceremonyPower
//   2  τ^i·G1 for i < 2^(p+1) - 1        3  τ^i·G2 for i < 2^p
//   4  α·τ^i·G1 for i < 2^p              5  β·τ^i·G1 for i < 2^p
//   6  β·G2                              7  contributions (see PowersOfTauContribution)
// A file prepared for phase 2 adds the Lagrange-basis sections 12 (from 2), 13 (from 3),
// 14 (from 4), 15 (from 5): levels k = 0...p (12: also p + 1) concatenated, level k holding the
// 2^k points of the size-2^k Lagrange basis at τ, starting at point 2^k - 1.

/// The public key of a phase-1 contribution: a proof of knowledge for each secret τ, α, β.
/// Stored as τ g1_s, τ g1_sx, α g1_s, α g1_sx, β g1_s, β g1_sx, then τ, α, β g2_spx.
public struct PowersOfTauPublicKey: Equatable, Hashable, Sendable {
    public var tau: KnowledgeProof
    public var alpha: KnowledgeProof
    public var beta: KnowledgeProof

    public init(tau: KnowledgeProof, alpha: KnowledgeProof, beta: KnowledgeProof) {
        self.tau = tau
        self.alpha = alpha
        self.beta = beta
    }
}

/// One phase-1 contribution record (section 7).
public struct PowersOfTauContribution: Equatable, Hashable, Sendable {
    /// The first powers after this contribution: τ·G1, τ·G2, α·G1, β·G1, β·G2.
    public var tauG1: G1Affine
    public var tauG2: G2Affine
    public var alphaG1: G1Affine
    public var betaG1: G1Affine
    public var betaG2: G2Affine
    public var publicKey: PowersOfTauPublicKey
    /// The 216-byte partial BLAKE2b state of the response hash before the public key was
    /// absorbed (a 128-byte buffer, then the eight 64-bit chain words and the counters, as
    /// snarkjs lays them out).
    public var partialHash: [UInt8]
    /// The 64-byte hash of the challenge that follows this contribution.
    public var nextChallenge: [UInt8]
    public var kind: ContributionKind
    public var parameters: ContributionParameters

    public init(tauG1: G1Affine, tauG2: G2Affine, alphaG1: G1Affine, betaG1: G1Affine, betaG2: G2Affine,
                publicKey: PowersOfTauPublicKey, partialHash: [UInt8], nextChallenge: [UInt8],
                kind: ContributionKind, parameters: ContributionParameters) {
        precondition(partialHash.count == 216, "a partial BLAKE2b state has 216 bytes")
        precondition(nextChallenge.count == 64, "a challenge hash has 64 bytes")
        self.tauG1 = tauG1
        self.tauG2 = tauG2
        self.alphaG1 = alphaG1
        self.betaG1 = betaG1
        self.betaG2 = betaG2
        self.publicKey = publicKey
        self.partialHash = partialHash
        self.nextChallenge = nextChallenge
        self.kind = kind
        self.parameters = parameters
    }
}

/// The Lagrange-basis sections of a ptau prepared for phase 2 (12-15), each the concatenation
/// of levels k = 0, 1, ...; level k starts at point 2^k - 1 and has 2^k points.
public struct PowersOfTauLagrangeBases: Equatable, Sendable {
    /// Levels 0...power + 1 (section 12).
    public var tauG1: [G1Affine]
    /// Levels 0...power (section 13).
    public var tauG2: [G2Affine]
    /// Levels 0...power (sections 14, 15).
    public var alphaTauG1: [G1Affine]
    public var betaTauG1: [G1Affine]

    public init(tauG1: [G1Affine], tauG2: [G2Affine], alphaTauG1: [G1Affine], betaTauG1: [G1Affine]) {
        self.tauG1 = tauG1
        self.tauG2 = tauG2
        self.alphaTauG1 = alphaTauG1
        self.betaTauG1 = betaTauG1
    }

    /// The point indices of level k (the size-2^k basis).
    public static func level(_ k: Int) -> Range<Int> { ((1 << k) - 1)..<((1 << (k + 1)) - 1) }

    /// The number of points of levels 0...k.
    static func count(throughLevel k: Int) -> Int { (1 << (k + 1)) - 1 }
}

/// A .ptau file: the powers, the contribution chain, and (when prepared) the Lagrange bases.
public struct PowersOfTauFile: SnarkJSBinaryFile, Equatable, Sendable {
    public static var fileKind: FileKind { .ptau }
    /// The largest power whose domain Fr has (2-adicity 28).
    public static var maximumPower: Int { Fr.twoAdicity }

    /// log2 of the number of τ powers in G2 (the largest circuit domain is 2^power).
    public var power: Int
    /// The power of the ceremony this file was cut from (= power for a new ceremony).
    public var ceremonyPower: Int
    /// 2^(power+1) - 1 points τ^i·G1.
    public var tauG1: [G1Affine]
    /// 2^power points τ^i·G2.
    public var tauG2: [G2Affine]
    /// 2^power points α·τ^i·G1.
    public var alphaTauG1: [G1Affine]
    /// 2^power points β·τ^i·G1.
    public var betaTauG1: [G1Affine]
    public var betaG2: G2Affine
    public var contributions: [PowersOfTauContribution]
    /// Present in a file prepared for phase 2.
    public var lagrange: PowersOfTauLagrangeBases?
    /// The order in which the writer emits the sections (that of the file read).
    public var sectionOrder: [UInt32]

    public init(power: Int, ceremonyPower: Int, tauG1: [G1Affine], tauG2: [G2Affine], alphaTauG1: [G1Affine],
                betaTauG1: [G1Affine], betaG2: G2Affine, contributions: [PowersOfTauContribution],
                lagrange: PowersOfTauLagrangeBases? = nil, sectionOrder: [UInt32] = [1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15]) {
        self.power = power
        self.ceremonyPower = ceremonyPower
        self.tauG1 = tauG1
        self.tauG2 = tauG2
        self.alphaTauG1 = alphaTauG1
        self.betaTauG1 = betaTauG1
        self.betaG2 = betaG2
        self.contributions = contributions
        self.lagrange = lagrange
        self.sectionOrder = sectionOrder
    }

    public init(fileBytes bytes: UnsafeRawBufferPointer) throws {
        try self.init(PowersOfTauLayout(bytes), bytes)
    }

    /// Decodes every section of a validated layout.
    init(_ layout: PowersOfTauLayout, _ bytes: UnsafeRawBufferPointer) throws {
        power = layout.power
        ceremonyPower = layout.ceremonyPower
        sectionOrder = layout.order
        tauG1 = try layout.allG1(.tauG1, in: bytes)
        tauG2 = try layout.allG2(.tauG2, in: bytes)
        alphaTauG1 = try layout.allG1(.alphaTauG1, in: bytes)
        betaTauG1 = try layout.allG1(.betaTauG1, in: bytes)
        betaG2 = try layout.allG2(.betaG2, in: bytes)[0]
        contributions = try layout.contributions(in: bytes)
        lagrange = layout.isPrepared
            ? PowersOfTauLagrangeBases(tauG1: try layout.allG1(.lagrangeTauG1, in: bytes),
                                       tauG2: try layout.allG2(.lagrangeTauG2, in: bytes),
                                       alphaTauG1: try layout.allG1(.lagrangeAlphaTauG1, in: bytes),
                                       betaTauG1: try layout.allG1(.lagrangeBetaTauG1, in: bytes))
            : nil
    }

    /// A description of the first inconsistency between `power` and the arrays, or nil.
    public var shapeProblem: String? {
        guard power >= 0, power <= ceremonyPower, ceremonyPower <= Self.maximumPower else {
            return "power \(power) and ceremony power \(ceremonyPower) must satisfy 0 <= power <= ceremonyPower <= \(Self.maximumPower)"
        }
        var counts: [(PowersOfTauSection, Int)] = [(.tauG1, tauG1.count), (.tauG2, tauG2.count),
                                                   (.alphaTauG1, alphaTauG1.count), (.betaTauG1, betaTauG1.count)]
        if let l = lagrange {
            counts += [(.lagrangeTauG1, l.tauG1.count), (.lagrangeTauG2, l.tauG2.count),
                       (.lagrangeAlphaTauG1, l.alphaTauG1.count), (.lagrangeBetaTauG1, l.betaTauG1.count)]
        }
        for (section, actual) in counts where actual != section.pointCount(power: power) {
            return "\(section) has \(actual) points, expected \(section.pointCount(power: power))"
        }
        return nil
    }

    /// The file's bytes. Precondition: the arrays fit `power` (`shapeProblem == nil`).
    public func fileBytes() -> [UInt8] {
        if let problem = shapeProblem { preconditionFailure("cannot write a malformed ptau: \(problem)") }
        var sections: [(id: UInt32, encode: BinaryContainerWriter.Encoder)] = [
            (1, { out in
                out.u32(32)
                out.limbs((FpParameters.m0, FpParameters.m1, FpParameters.m2, FpParameters.m3))
                out.u32(power)
                out.u32(ceremonyPower)
            }),
            (2, { out in for p in tauG1 { out.g1(p) } }),
            (3, { out in for p in tauG2 { out.g2(p) } }),
            (4, { out in for p in alphaTauG1 { out.g1(p) } }),
            (5, { out in for p in betaTauG1 { out.g1(p) } }),
            (6, { out in out.g2(betaG2) }),
            (7, { out in
                out.u32(contributions.count)
                for c in contributions { Self.write(c, to: &out) }
            }),
        ]
        var g1Count = tauG1.count + alphaTauG1.count + betaTauG1.count
        var g2Count = tauG2.count + 1
        if let l = lagrange {
            sections += [
                (12, { out in for p in l.tauG1 { out.g1(p) } }),
                (13, { out in for p in l.tauG2 { out.g2(p) } }),
                (14, { out in for p in l.alphaTauG1 { out.g1(p) } }),
                (15, { out in for p in l.betaTauG1 { out.g1(p) } }),
            ]
            g1Count += l.tauG1.count + l.alphaTauG1.count + l.betaTauG1.count
            g2Count += l.tauG2.count
        }
        let capacity = 12 + 12 * sections.count + 44 + 64 * g1Count + 128 * g2Count + 4 + 1800 * contributions.count
        return BinaryContainerWriter.write(file: .ptau, order: sectionOrder, sections: sections, capacity: capacity)
    }

    private static func write(_ c: PowersOfTauContribution, to out: inout ByteWriter) {
        out.g1(c.tauG1)
        out.g2(c.tauG2)
        out.g1(c.alphaG1)
        out.g1(c.betaG1)
        out.g2(c.betaG2)
        let key = c.publicKey
        for p in [key.tau.g1S, key.tau.g1SX, key.alpha.g1S, key.alpha.g1SX, key.beta.g1S, key.beta.g1SX] { out.g1(p) }
        for p in [key.tau.g2SPX, key.alpha.g2SPX, key.beta.g2SPX] { out.g2(p) }
        out.append(c.partialHash)
        out.append(c.nextChallenge)
        out.u32(c.kind.rawValue)
        c.parameters.write(to: &out)
    }
}
