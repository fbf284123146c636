/// A block header as `eth_getBlockByNumber` returns it (the fields the agent uses).
public struct Block: Sendable, Equatable, Codable {
    public var number: UInt64
    public var hash: Bytes32
    public var parentHash: Bytes32
    /// Seconds since the Unix epoch.
    public var timestamp: UInt64
    /// EIP-1559 base fee in wei; nil on a chain before London.
    public var baseFeePerGas: UInt128?

    public init(number: UInt64, hash: Bytes32, parentHash: Bytes32, timestamp: UInt64, baseFeePerGas: UInt128?) {
        self.number = number
        self.hash = hash
        self.parentHash = parentHash
        self.timestamp = timestamp
        self.baseFeePerGas = baseFeePerGas
    }

    private enum CodingKeys: String, CodingKey { case number, hash, parentHash, timestamp, baseFeePerGas }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.quantity(.number)
        hash = try c.decode(Bytes32.self, forKey: .hash)
        parentHash = try c.decode(Bytes32.self, forKey: .parentHash)
        timestamp = try c.quantity(.timestamp)
        baseFeePerGas = try c.quantityIfPresent(.baseFeePerGas)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeQuantity(number, forKey: .number)
        try c.encode(hash, forKey: .hash)
        try c.encode(parentHash, forKey: .parentHash)
        try c.encodeQuantity(timestamp, forKey: .timestamp)
        try c.encodeQuantityIfPresent(baseFeePerGas, forKey: .baseFeePerGas)
    }
}

/// Which block a read refers to.
public enum BlockTag: Sendable, Equatable, CustomStringConvertible {
    case number(UInt64)
    case latest, pending, earliest, safe, finalized

    /// The JSON-RPC parameter: a quantity or a tag name.
    public var description: String {
        switch self {
        case let .number(n): return Hex.quantity(n)
        case .latest: return "latest"
        case .pending: return "pending"
        case .earliest: return "earliest"
        case .safe: return "safe"
        case .finalized: return "finalized"
        }
    }
}
