// The section table of a .ptau file, validated without decoding any point, and the decoders
// of its sections. `PowersOfTauFile` decodes everything through it; `PowersOfTauReader`
// decodes only what is asked for.

/// The point sections of a .ptau file.
enum PowersOfTauSection: UInt32, CaseIterable {
    case tauG1 = 2, tauG2 = 3, alphaTauG1 = 4, betaTauG1 = 5, betaG2 = 6
    case lagrangeTauG1 = 12, lagrangeTauG2 = 13, lagrangeAlphaTauG1 = 14, lagrangeBetaTauG1 = 15

    static let lagrange: [PowersOfTauSection] = [.lagrangeTauG1, .lagrangeTauG2, .lagrangeAlphaTauG1, .lagrangeBetaTauG1]

    var isG2: Bool { self == .tauG2 || self == .betaG2 || self == .lagrangeTauG2 }

    var pointSize: Int { isG2 ? LEM.g2Size : LEM.g1Size }

    /// The number of points the section holds in a file of the given power.
    func pointCount(power: Int) -> Int {
        switch self {
        case .tauG1: return (2 << power) - 1
        case .tauG2, .alphaTauG1, .betaTauG1: return 1 << power
        case .betaG2: return 1
        case .lagrangeTauG1: return PowersOfTauLagrangeBases.count(throughLevel: power + 1)
        case .lagrangeTauG2, .lagrangeAlphaTauG1, .lagrangeBetaTauG1: return PowersOfTauLagrangeBases.count(throughLevel: power)
        }
    }

    /// The name of one point in error messages.
    var what: String {
        switch self {
        case .tauG1: return "tauG1 point"
        case .tauG2: return "tauG2 point"
        case .alphaTauG1: return "alphaTauG1 point"
        case .betaTauG1: return "betaTauG1 point"
        case .betaG2: return "betaG2 point"
        case .lagrangeTauG1: return "Lagrange tauG1 point"
        case .lagrangeTauG2: return "Lagrange tauG2 point"
        case .lagrangeAlphaTauG1: return "Lagrange alphaTauG1 point"
        case .lagrangeBetaTauG1: return "Lagrange betaTauG1 point"
        }
    }
}

/// The validated layout of a .ptau: header values, section order and payload ranges. Every
/// section's size has been checked against the power; no point has been decoded yet.
struct PowersOfTauLayout: Sendable {
    static let contributionsSection: UInt32 = 7

    let power: Int
    let ceremonyPower: Int
    let order: [UInt32]
    private let ranges: [UInt32: Range<Int>]

    var isPrepared: Bool { ranges[PowersOfTauSection.lagrangeTauG1.rawValue] != nil }

    init(_ bytes: UnsafeRawBufferPointer) throws {
        let allowed = Set([1, Self.contributionsSection] + PowersOfTauSection.allCases.map(\.rawValue))
        let container = try BinaryContainer(bytes, file: .ptau, allowed: allowed)
        var header = try container.reader(1)
        try header.primeHeader(of: FpParameters.self)
        power = try header.count32()
        ceremonyPower = try header.count32()
        try header.expectEnd()
        guard power <= ceremonyPower, ceremonyPower <= PowersOfTauFile.maximumPower else {
            throw header.error(.invalidValue(what: "power", reason: "power \(power) and ceremony power \(ceremonyPower) "
                                             + "must satisfy power <= ceremonyPower <= \(PowersOfTauFile.maximumPower)"))
        }
        let prepared = PowersOfTauSection.lagrange.contains { container.contains($0.rawValue) }
        var ranges: [UInt32: Range<Int>] = [:]
        for section in PowersOfTauSection.allCases where prepared || !PowersOfTauSection.lagrange.contains(section) {
            let reader = try container.reader(section.rawValue)
            try reader.expectSize(section.pointCount(power: power) * section.pointSize)
            ranges[section.rawValue] = container.sections.first { $0.id == section.rawValue }!.range
        }
        _ = try container.reader(Self.contributionsSection)
        ranges[Self.contributionsSection] = container.sections.first { $0.id == Self.contributionsSection }!.range
        self.ranges = ranges
        order = container.order
    }

    private func reader(_ id: UInt32, in bytes: UnsafeRawBufferPointer) throws -> ByteReader {
        guard let range = ranges[id] else { throw FormatError(file: .ptau, section: id, .missingSection) }
        return ByteReader(UnsafeRawBufferPointer(rebasing: bytes[range]), file: .ptau, section: id)
    }

    /// Points `range` of a G1 section, decoded and checked.
    func g1Points(_ section: PowersOfTauSection, _ range: Range<Int>, in bytes: UnsafeRawBufferPointer) throws -> [G1Affine] {
        precondition(!section.isG2 && range.lowerBound >= 0 && range.upperBound <= section.pointCount(power: power),
                     "points \(range) are not in \(section) of a power-\(power) file")
        var r = try reader(section.rawValue, in: bytes)
        try r.skip(count: range.lowerBound, stride: LEM.g1Size)
        return try r.g1Array(count: range.count, what: section.what, firstIndex: range.lowerBound)
    }

    /// Points `range` of a G2 section, decoded and checked (subgroup included).
    func g2Points(_ section: PowersOfTauSection, _ range: Range<Int>, in bytes: UnsafeRawBufferPointer) throws -> [G2Affine] {
        precondition(section.isG2 && range.lowerBound >= 0 && range.upperBound <= section.pointCount(power: power),
                     "points \(range) are not in \(section) of a power-\(power) file")
        var r = try reader(section.rawValue, in: bytes)
        try r.skip(count: range.lowerBound, stride: LEM.g2Size)
        return try r.g2Array(count: range.count, what: section.what, firstIndex: range.lowerBound)
    }

    func allG1(_ section: PowersOfTauSection, in bytes: UnsafeRawBufferPointer) throws -> [G1Affine] {
        try g1Points(section, 0..<section.pointCount(power: power), in: bytes)
    }

    func allG2(_ section: PowersOfTauSection, in bytes: UnsafeRawBufferPointer) throws -> [G2Affine] {
        try g2Points(section, 0..<section.pointCount(power: power), in: bytes)
    }

    /// Section 7, every point checked.
    func contributions(in bytes: UnsafeRawBufferPointer) throws -> [PowersOfTauContribution] {
        var r = try reader(Self.contributionsSection, in: bytes)
        let count = try r.count32()
        var result: [PowersOfTauContribution] = []
        // A contribution takes at least 1504 bytes: bound the reservation by the data.
        result.reserveCapacity(min(count, r.remaining / 1504))
        for i in 0..<count { result.append(try Self.contribution(&r, index: i)) }
        try r.expectEnd()
        return result
    }

    private static func contribution(_ r: inout ByteReader, index i: Int) throws -> PowersOfTauContribution {
        let what = "contribution \(i)"
        let tauG1 = try r.g1("\(what) tauG1")
        let tauG2 = try r.g2("\(what) tauG2")
        let alphaG1 = try r.g1("\(what) alphaG1")
        let betaG1 = try r.g1("\(what) betaG1")
        let betaG2 = try r.g2("\(what) betaG2")
        // The public key: the six G1 points of τ, α, β, then their three G2 points.
        var g1: [G1Affine] = []
        for name in ["tau g1_s", "tau g1_sx", "alpha g1_s", "alpha g1_sx", "beta g1_s", "beta g1_sx"] {
            g1.append(try r.g1("\(what) key \(name)"))
        }
        var g2: [G2Affine] = []
        for name in ["tau", "alpha", "beta"] { g2.append(try r.g2("\(what) key \(name) g2_spx")) }
        let key = PowersOfTauPublicKey(tau: KnowledgeProof(g1S: g1[0], g1SX: g1[1], g2SPX: g2[0]),
                                       alpha: KnowledgeProof(g1S: g1[2], g1SX: g1[3], g2SPX: g2[1]),
                                       beta: KnowledgeProof(g1S: g1[4], g1SX: g1[5], g2SPX: g2[2]))
        let partialHash = try r.bytes(216)
        let nextChallenge = try r.bytes(64)
        let kind = try r.contributionKind()
        let parameters = try ContributionParameters(from: &r)
        return PowersOfTauContribution(tauG1: tauG1, tauG2: tauG2, alphaG1: alphaG1, betaG1: betaG1, betaG2: betaG2,
                                       publicKey: key, partialHash: partialHash, nextChallenge: nextChallenge,
                                       kind: kind, parameters: parameters)
    }
}
