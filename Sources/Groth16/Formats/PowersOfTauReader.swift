import Foundation

/// Random access to a .ptau file without decoding all of it: phase 2 on a large public
/// Powers of Tau file needs only one Lagrange level of each of sections 12-15. Opening checks
/// the container, the header and every section's size; each accessor decodes and checks
/// (canonical, on the curve, G2 subgroup) just the points it returns.
public struct PowersOfTauReader: Sendable {
    private let data: Data
    private let layout: PowersOfTauLayout

    /// log2 of the number of τ powers in G2.
    public var power: Int { layout.power }
    /// The power of the ceremony the file was cut from.
    public var ceremonyPower: Int { layout.ceremonyPower }
    /// Whether the file has the Lagrange-basis sections 12-15 (prepared for phase 2).
    public var isPrepared: Bool { layout.isPrepared }

    /// Opens a file held in memory.
    public init(data: Data) throws {
        self.data = data
        layout = try data.withUnsafeBytes { try PowersOfTauLayout($0) }
    }

    /// Opens the file at `url`, memory-mapped.
    public init(contentsOf url: URL) throws {
        try self.init(data: Data(contentsOf: url, options: .alwaysMapped))
    }

    /// Points `range` of τ^i·G1 (i < 2^(power+1) - 1). Precondition: the range is in bounds.
    public func tauG1(_ range: Range<Int>) throws -> [G1Affine] { try g1(.tauG1, range) }
    /// Points `range` of τ^i·G2 (i < 2^power).
    public func tauG2(_ range: Range<Int>) throws -> [G2Affine] { try g2(.tauG2, range) }
    /// Points `range` of α·τ^i·G1 (i < 2^power).
    public func alphaTauG1(_ range: Range<Int>) throws -> [G1Affine] { try g1(.alphaTauG1, range) }
    /// Points `range` of β·τ^i·G1 (i < 2^power).
    public func betaTauG1(_ range: Range<Int>) throws -> [G1Affine] { try g1(.betaTauG1, range) }
    /// β·G2.
    public func betaG2() throws -> G2Affine { try g2(.betaG2, 0..<1)[0] }

    /// The contribution chain (section 7).
    public func contributions() throws -> [PowersOfTauContribution] {
        try data.withUnsafeBytes { try layout.contributions(in: $0) }
    }

    /// Level k (0...power + 1) of the Lagrange basis at τ in G1: 2^k points. Throws
    /// `missingSection` when the file is not prepared. Precondition: k is in range.
    public func lagrangeTauG1(level k: Int) throws -> [G1Affine] { try g1(.lagrangeTauG1, PowersOfTauLagrangeBases.level(k)) }
    /// Level k (0...power) of the Lagrange basis at τ in G2.
    public func lagrangeTauG2(level k: Int) throws -> [G2Affine] { try g2(.lagrangeTauG2, PowersOfTauLagrangeBases.level(k)) }
    /// Level k (0...power) of α times the Lagrange basis at τ in G1.
    public func lagrangeAlphaTauG1(level k: Int) throws -> [G1Affine] {
        try g1(.lagrangeAlphaTauG1, PowersOfTauLagrangeBases.level(k))
    }
    /// Level k (0...power) of β times the Lagrange basis at τ in G1.
    public func lagrangeBetaTauG1(level k: Int) throws -> [G1Affine] {
        try g1(.lagrangeBetaTauG1, PowersOfTauLagrangeBases.level(k))
    }

    /// The whole file, every point decoded and checked.
    public func file() throws -> PowersOfTauFile {
        try data.withUnsafeBytes { try PowersOfTauFile(layout, $0) }
    }

    private func g1(_ section: PowersOfTauSection, _ range: Range<Int>) throws -> [G1Affine] {
        try data.withUnsafeBytes { try layout.g1Points(section, range, in: $0) }
    }

    private func g2(_ section: PowersOfTauSection, _ range: Range<Int>) throws -> [G2Affine] {
        try data.withUnsafeBytes { try layout.g2Points(section, range, in: $0) }
    }
}
