// The snarkjs Groth16 .zkey format (magic "zkey", version 1), points in LEM encoding:
//   1  u32 protocol (1 = Groth16)
//   2  u32 n8q, q, u32 n8r, r, u32 nVars, u32 nPublic, u32 domainSize,
//      α1, β1, β2, γ2, δ1, δ2
//   3  IC: nPublic + 1 G1 points
//   4  u32 count, then (u32 matrix 0=A/1=B, u32 constraint, u32 signal, 32-byte value) records;
//      the value is stored as coefficient · R² mod r (R = 2^256), little-endian
//   5  A, 6 B1: nVars G1 points each; 7 B2: nVars G2 points
//   8  C: nVars - nPublic - 1 G1 points; 9 H: domainSize G1 points
//   10 the phase-2 transcript: 64-byte circuit hash, u32 count, contributions
// `groth16 setup` writes the sections in the order 1,2,4,3,9,8,5,6,7,10, contributions 1...10;
// the reader records the order and the writer follows it, so files round-trip byte for byte.

/// One phase-2 contribution: δ after it, the proof of knowledge of its secret, the transcript
/// hash it signed, and its kind and parameters.
public struct Phase2Contribution: Equatable, Hashable, Sendable {
    /// δ·G1 after this contribution.
    public var deltaAfter: G1Affine
    /// The proof of knowledge of the contribution's secret.
    public var delta: KnowledgeProof
    /// The 64-byte BLAKE2b transcript hash the proof of knowledge is bound to.
    public var transcript: [UInt8]
    public var kind: ContributionKind
    public var parameters: ContributionParameters

    public init(deltaAfter: G1Affine, delta: KnowledgeProof, transcript: [UInt8], kind: ContributionKind,
                parameters: ContributionParameters) {
        precondition(transcript.count == 64, "a phase-2 transcript hash has 64 bytes")
        self.deltaAfter = deltaAfter
        self.delta = delta
        self.transcript = transcript
        self.kind = kind
        self.parameters = parameters
    }
}

/// Section 10 of a .zkey: the circuit hash and the chain of phase-2 contributions.
public struct Phase2Transcript: Equatable, Hashable, Sendable {
    /// The 64-byte BLAKE2b hash of the initial key (snarkjs `csHash`).
    public var circuitHash: [UInt8]
    public var contributions: [Phase2Contribution]

    public init(circuitHash: [UInt8], contributions: [Phase2Contribution] = []) {
        precondition(circuitHash.count == 64, "a circuit hash has 64 bytes")
        self.circuitHash = circuitHash
        self.contributions = contributions
    }
}

/// A Groth16 .zkey: the proving key, the phase-2 transcript and the file's section order.
public struct ZKeyFile: SnarkJSBinaryFile, Equatable, Sendable {
    public static var fileKind: FileKind { .zkey }

    /// The order `groth16 setup` (zkey new) writes.
    public static let setupSectionOrder: [UInt32] = [1, 2, 4, 3, 9, 8, 5, 6, 7, 10]
    /// The order of contributed keys (zkey contribute, beacon).
    public static let contributedSectionOrder: [UInt32] = Array(1...10)

    public var provingKey: ProvingKey
    public var transcript: Phase2Transcript
    /// The order in which the writer emits the sections (that of the file read).
    public var sectionOrder: [UInt32]

    public init(provingKey: ProvingKey, transcript: Phase2Transcript,
                sectionOrder: [UInt32] = ZKeyFile.contributedSectionOrder) {
        self.provingKey = provingKey
        self.transcript = transcript
        self.sectionOrder = sectionOrder
    }

    public init(fileBytes bytes: UnsafeRawBufferPointer) throws {
        let container = try BinaryContainer(bytes, file: .zkey, allowed: Set(1...10))
        sectionOrder = container.order

        var protocolSection = try container.reader(1)
        let protocolId = try protocolSection.u32()
        try protocolSection.expectEnd()
        guard protocolId == 1 else {
            throw protocolSection.error(.invalidValue(what: "protocol", reason: "\(protocolId) is not 1 (Groth16)"))
        }

        var header = try container.reader(2)
        try header.primeHeader(of: FpParameters.self)
        try header.primeHeader(of: FrParameters.self)
        let numVariables = try header.count32()
        let numPublic = try header.count32()
        let domainSize = try header.count32()
        guard numVariables >= numPublic + 1 else {
            throw header.error(.invalidValue(what: "nVars", reason: "\(numVariables) wires cannot hold the constant and \(numPublic) public signals"))
        }
        guard domainSize >= 1, domainSize & (domainSize - 1) == 0, domainSize <= 1 << Fr.twoAdicity else {
            throw header.error(.invalidValue(what: "domainSize", reason: "\(domainSize) is not a power of two up to 2^\(Fr.twoAdicity)"))
        }
        let alpha1 = try header.g1("alpha1")
        let beta1 = try header.g1("beta1")
        let beta2 = try header.g2("beta2")
        let gamma2 = try header.g2("gamma2")
        let delta1 = try header.g1("delta1")
        let delta2 = try header.g2("delta2")
        try header.expectEnd()

        let coefficients = try Self.readCoefficients(try container.reader(4), numVariables: numVariables, domainSize: domainSize)
        let ic = try Self.readPoints(container, 3, count: numPublic + 1, what: "IC point")
        let a = try Self.readPoints(container, 5, count: numVariables, what: "A point")
        let b1 = try Self.readPoints(container, 6, count: numVariables, what: "B1 point")
        var b2Reader = try container.reader(7)
        try b2Reader.expectSize(numVariables * LEM.g2Size)
        let b2 = try b2Reader.g2Array(count: numVariables, what: "B2 point")
        let c = try Self.readPoints(container, 8, count: numVariables - numPublic - 1, what: "C point")
        let h = try Self.readPoints(container, 9, count: domainSize, what: "H point")

        provingKey = ProvingKey(numVariables: numVariables, numPublic: numPublic, domainSize: domainSize,
                                alpha1: alpha1, beta1: beta1, beta2: beta2, gamma2: gamma2,
                                delta1: delta1, delta2: delta2, ic: ic, coefficients: coefficients,
                                a: a, b1: b1, b2: b2, c: c, h: h)
        var transcriptReader = try container.reader(10)
        transcript = try Self.readTranscript(&transcriptReader)
    }

    private static func readPoints(_ container: BinaryContainer, _ id: UInt32, count: Int, what: String) throws -> [G1Affine] {
        var reader = try container.reader(id)
        try reader.expectSize(count * LEM.g1Size)
        return try reader.g1Array(count: count, what: what)
    }

    /// The value stored for coefficient v is v·R² mod r. Read as Montgomery limbs it is the
    /// element v·R; one more Montgomery reduction (a product with the element of Montgomery
    /// limbs 1, i.e. R⁻¹) gives v.
    private static let montgomeryReduction = Fr(uncheckedMontgomery: 1, 0, 0, 0)
    /// The element R mod r: multiplying v by it gives the element whose Montgomery limbs are v·R².
    private static let montgomeryScale = Fr(uncheckedMontgomery: FrParameters.r2.0, FrParameters.r2.1,
                                            FrParameters.r2.2, FrParameters.r2.3)
    private static let coefficientSize = 44

    private static func readCoefficients(_ reader: ByteReader, numVariables: Int, domainSize: Int) throws -> [ProvingKey.Coefficient] {
        var reader = reader
        let count = try reader.count32()
        try reader.expectSize(4 + count * coefficientSize)
        let region = try reader.take(count * coefficientSize)
        let placeholder = ProvingKey.Coefficient(matrix: .a, constraint: 0, signal: 0, value: .zero)
        return try reader.decodeRecords(region, count: count, stride: coefficientSize, placeholder: placeholder,
                                        minimumChunk: 1 << 14, what: "coefficient") { p, i in
            let matrix = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
            let constraint = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            let signal = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            guard let m = ProvingKey.Coefficient.Matrix(rawValue: matrix) else {
                throw reader.error(.invalidValue(what: "coefficient \(i)", reason: "matrix \(matrix) is neither 0 (A) nor 1 (B)"))
            }
            guard Int(constraint) < domainSize, Int(signal) < numVariables else {
                throw reader.error(.invalidValue(
                    what: "coefficient \(i)",
                    reason: "constraint \(constraint) (domain size \(domainSize)) or signal \(signal) (nVars \(numVariables)) out of range"))
            }
            let scaled = try Fr(canonicalMontgomery: Limbs.load(p + 12))
            return ProvingKey.Coefficient(matrix: m, constraint: constraint, signal: signal,
                                          value: scaled * montgomeryReduction)
        }
    }

    private static func readTranscript(_ reader: inout ByteReader) throws -> Phase2Transcript {
        let circuitHash = try reader.bytes(64)
        let count = try reader.count32()
        var contributions: [Phase2Contribution] = []
        // A contribution takes at least 392 bytes: bound the reservation by the data.
        contributions.reserveCapacity(min(count, reader.remaining / 392))
        for i in 0..<count {
            let deltaAfter = try reader.g1("contribution \(i) deltaAfter")
            let delta = try reader.knowledgeProof("contribution \(i) delta")
            let hash = try reader.bytes(64)
            let kind = try reader.contributionKind()
            let parameters = try ContributionParameters(from: &reader)
            contributions.append(Phase2Contribution(deltaAfter: deltaAfter, delta: delta, transcript: hash,
                                                    kind: kind, parameters: parameters))
        }
        try reader.expectEnd()
        return Phase2Transcript(circuitHash: circuitHash, contributions: contributions)
    }

    /// The file's bytes. Precondition: the proving key is well-formed (`shapeProblem == nil`).
    public func fileBytes() -> [UInt8] {
        let key = provingKey
        if let problem = key.shapeProblem { preconditionFailure("cannot write a malformed proving key: \(problem)") }
        let g1Points = key.ic.count + key.a.count + key.b1.count + key.c.count + key.h.count + 3
        let capacity = 12 + 10 * 12 + 4 + 80 + 64 * g1Points + 128 * (key.b2.count + 3)
            + 4 + 44 * key.coefficients.count + 68 + 500 * transcript.contributions.count
        return BinaryContainerWriter.write(file: .zkey, order: sectionOrder, sections: [
            (1, { $0.u32(1) }),
            (2, { out in
                out.u32(32)
                out.limbs((FpParameters.m0, FpParameters.m1, FpParameters.m2, FpParameters.m3))
                out.u32(32)
                out.limbs((FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3))
                out.u32(key.numVariables)
                out.u32(key.numPublic)
                out.u32(key.domainSize)
                out.g1(key.alpha1)
                out.g1(key.beta1)
                out.g2(key.beta2)
                out.g2(key.gamma2)
                out.g1(key.delta1)
                out.g2(key.delta2)
            }),
            (3, { out in for p in key.ic { out.g1(p) } }),
            (4, { out in
                out.u32(key.coefficients.count)
                for e in key.coefficients {
                    out.u32(e.matrix.rawValue)
                    out.u32(e.constraint)
                    out.u32(e.signal)
                    out.limbs((e.value * Self.montgomeryScale).montgomeryLimbs)
                }
            }),
            (5, { out in for p in key.a { out.g1(p) } }),
            (6, { out in for p in key.b1 { out.g1(p) } }),
            (7, { out in for p in key.b2 { out.g2(p) } }),
            (8, { out in for p in key.c { out.g1(p) } }),
            (9, { out in for p in key.h { out.g1(p) } }),
            (10, { out in
                out.append(transcript.circuitHash)
                out.u32(transcript.contributions.count)
                for c in transcript.contributions {
                    out.g1(c.deltaAfter)
                    out.g1(c.delta.g1S)
                    out.g1(c.delta.g1SX)
                    out.g2(c.delta.g2SPX)
                    out.append(c.transcript)
                    out.u32(c.kind.rawValue)
                    c.parameters.write(to: &out)
                }
            }),
        ], capacity: capacity)
    }
}
