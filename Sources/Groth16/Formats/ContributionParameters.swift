// Pieces shared by the contribution records of .ptau (section 7) and .zkey (section 10).

/// Whether a ceremony contribution came from a participant's secret or from a public beacon.
public enum ContributionKind: UInt32, Sendable {
    case contribution = 0
    case beacon = 1
}

/// The proof of knowledge of one secret x of a contribution: a random G1 point s, s·x, and
/// x times the G2 point derived from the transcript (snarkjs `g1_s`, `g1_sx`, `g2_spx`).
public struct KnowledgeProof: Equatable, Hashable, Sendable {
    public var g1S: G1Affine
    public var g1SX: G1Affine
    public var g2SPX: G2Affine

    public init(g1S: G1Affine, g1SX: G1Affine, g2SPX: G2Affine) {
        self.g1S = g1S
        self.g1SX = g1SX
        self.g2SPX = g2SPX
    }
}

/// The optional parameters of a contribution, stored as a u32 byte length and then
/// (u8 tag, value) pairs with increasing tags: 1 name (u8 length + UTF-8), 2 numIterationsExp
/// (u8), 3 beacon hash (u8 length + bytes).
public struct ContributionParameters: Equatable, Hashable, Sendable {
    /// The contributor's name (snarkjs keeps at most 64 characters).
    public private(set) var name: String?
    /// log2 of the number of SHA-256 iterations of a beacon.
    public var numIterationsExp: UInt8?
    /// The beacon's public random value (at most 255 bytes).
    public private(set) var beaconHash: [UInt8]?

    /// New parameters. The name is cut to its first 64 characters, as snarkjs does, and to at
    /// most 255 UTF-8 bytes; the beacon hash must fit in 255 bytes (callers check user input).
    public init(name: String? = nil, numIterationsExp: UInt8? = nil, beaconHash: [UInt8]? = nil) {
        precondition((beaconHash?.count ?? 0) <= 255, "a beacon hash has at most 255 bytes")
        self.name = name.map(Self.fitted)
        self.numIterationsExp = numIterationsExp
        self.beaconHash = beaconHash
    }

    private static func fitted(_ name: String) -> String {
        var s = String(name.prefix(64))
        while s.utf8.count > 255 { s.removeLast() }
        return s
    }

    /// Reads the u32 length and the tagged values.
    init(from reader: inout ByteReader) throws {
        let length = try reader.count32()
        let start = reader.offset
        var lastTag: UInt8 = 0
        while reader.offset - start < length {
            let tag = try reader.u8()
            guard tag > lastTag else {
                throw reader.error(.invalidValue(what: "contribution parameter tag \(tag)",
                                                 reason: "tags must be increasing (previous \(lastTag))"))
            }
            lastTag = tag
            switch tag {
            case 1:
                let bytes = try reader.bytes(Int(try reader.u8()))
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw reader.error(.invalidValue(what: "contribution name", reason: "not UTF-8"))
                }
                name = text
            case 2:
                numIterationsExp = try reader.u8()
            case 3:
                beaconHash = try reader.bytes(Int(try reader.u8()))
            default:
                throw reader.error(.invalidValue(what: "contribution parameter tag \(tag)", reason: "unknown tag"))
            }
        }
        guard reader.offset - start == length else {
            throw reader.error(.invalidValue(what: "contribution parameters",
                                             reason: "\(reader.offset - start) bytes used, \(length) declared"))
        }
    }

    func write(to out: inout ByteWriter) {
        var body = ByteWriter()
        if let name {
            let bytes = Array(name.utf8)
            body.u8(1)
            body.u8(UInt8(bytes.count))
            body.append(bytes)
        }
        if let numIterationsExp {
            body.u8(2)
            body.u8(numIterationsExp)
        }
        if let beaconHash {
            body.u8(3)
            body.u8(UInt8(beaconHash.count))
            body.append(beaconHash)
        }
        out.u32(body.count)
        out.append(body.bytes)
    }
}

extension ByteReader {
    mutating func contributionKind() throws -> ContributionKind {
        let raw = try u32()
        guard let kind = ContributionKind(rawValue: raw) else {
            throw error(.invalidValue(what: "contribution type", reason: "\(raw) is neither 0 (contribution) nor 1 (beacon)"))
        }
        return kind
    }

    /// A knowledge proof stored as g1_s, g1_sx, g2_spx.
    mutating func knowledgeProof(_ what: String) throws -> KnowledgeProof {
        KnowledgeProof(g1S: try g1("\(what) g1_s"), g1SX: try g1("\(what) g1_sx"), g2SPX: try g2("\(what) g2_spx"))
    }
}
