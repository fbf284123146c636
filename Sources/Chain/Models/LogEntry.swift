/// An event log as `eth_getLogs` and receipts return it.
public struct LogEntry: Sendable, Equatable, Codable {
    public var address: EthereumAddress
    /// topics[0] is the event signature's hash for non-anonymous events.
    public var topics: [Bytes32]
    public var data: [UInt8]
    public var blockNumber: UInt64
    public var blockHash: Bytes32
    public var transactionHash: Bytes32
    public var transactionIndex: UInt64
    public var logIndex: UInt64
    /// True when the node reports the log as removed by a reorg.
    public var removed: Bool

    private enum CodingKeys: String, CodingKey {
        case address, topics, data, blockNumber, blockHash, transactionHash, transactionIndex, logIndex, removed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        address = try c.decode(EthereumAddress.self, forKey: .address)
        topics = try c.decode([Bytes32].self, forKey: .topics)
        guard topics.count <= 4 else {
            throw DecodingError.dataCorruptedError(forKey: .topics, in: c, debugDescription: "a log has at most 4 topics, got \(topics.count)")
        }
        data = try c.data(.data)
        blockNumber = try c.quantity(.blockNumber)
        blockHash = try c.decode(Bytes32.self, forKey: .blockHash)
        transactionHash = try c.decode(Bytes32.self, forKey: .transactionHash)
        transactionIndex = try c.quantity(.transactionIndex)
        logIndex = try c.quantity(.logIndex)
        removed = try c.decodeIfPresent(Bool.self, forKey: .removed) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(topics, forKey: .topics)
        try c.encodeData(data, forKey: .data)
        try c.encodeQuantity(blockNumber, forKey: .blockNumber)
        try c.encode(blockHash, forKey: .blockHash)
        try c.encode(transactionHash, forKey: .transactionHash)
        try c.encodeQuantity(transactionIndex, forKey: .transactionIndex)
        try c.encodeQuantity(logIndex, forKey: .logIndex)
        try c.encode(removed, forKey: .removed)
    }
}

/// The filter of `eth_getLogs` over an inclusive block range.
public struct LogFilter: Sendable, Equatable {
    public var fromBlock: UInt64
    public var toBlock: UInt64
    /// Logs of any of these contracts; empty: any contract.
    public var addresses: [EthereumAddress]
    /// Per topic position: nil matches anything, a list matches any of its values.
    public var topics: [[Bytes32]?]

    public init(fromBlock: UInt64, toBlock: UInt64, addresses: [EthereumAddress] = [], topics: [[Bytes32]?] = []) {
        self.fromBlock = fromBlock
        self.toBlock = toBlock
        self.addresses = addresses
        self.topics = topics
    }

    /// The JSON-RPC filter object for blocks `from...to`.
    func parameter(from: UInt64, to: UInt64) -> RPCValue {
        var object: [String: RPCValue] = ["fromBlock": .string(Hex.quantity(from)), "toBlock": .string(Hex.quantity(to))]
        if !addresses.isEmpty { object["address"] = .array(addresses.map { .string($0.description) }) }
        if !topics.isEmpty {
            object["topics"] = .array(topics.map { position in
                position.map { .array($0.map { .string($0.description) }) } ?? .null
            })
        }
        return .object(object)
    }
}
