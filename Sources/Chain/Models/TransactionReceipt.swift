/// A mined transaction's receipt (`eth_getTransactionReceipt`).
public struct TransactionReceipt: Sendable, Equatable, Codable {
    public var transactionHash: Bytes32
    /// True for status 1 (success), false for status 0 (reverted).
    public var succeeded: Bool
    public var blockNumber: UInt64
    public var blockHash: Bytes32
    public var gasUsed: UInt64
    /// The price per gas paid, in wei (base fee + tip), when the node reports it.
    public var effectiveGasPrice: UInt128?
    /// The new contract's address for a deployment.
    public var contractAddress: EthereumAddress?
    public var logs: [LogEntry]

    private enum CodingKeys: String, CodingKey {
        case transactionHash, status, blockNumber, blockHash, gasUsed, effectiveGasPrice, contractAddress, logs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        transactionHash = try c.decode(Bytes32.self, forKey: .transactionHash)
        switch try c.quantity(.status, as: UInt8.self) {
        case 0: succeeded = false
        case 1: succeeded = true
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "status must be 0x0 or 0x1, got \(other)")
        }
        blockNumber = try c.quantity(.blockNumber)
        blockHash = try c.decode(Bytes32.self, forKey: .blockHash)
        gasUsed = try c.quantity(.gasUsed)
        effectiveGasPrice = try c.quantityIfPresent(.effectiveGasPrice)
        contractAddress = try c.decodeIfPresent(EthereumAddress.self, forKey: .contractAddress)
        logs = try c.decode([LogEntry].self, forKey: .logs)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(transactionHash, forKey: .transactionHash)
        try c.encodeQuantity(succeeded ? 1 : 0, forKey: .status)
        try c.encodeQuantity(blockNumber, forKey: .blockNumber)
        try c.encode(blockHash, forKey: .blockHash)
        try c.encodeQuantity(gasUsed, forKey: .gasUsed)
        try c.encodeQuantityIfPresent(effectiveGasPrice, forKey: .effectiveGasPrice)
        try c.encodeIfPresent(contractAddress, forKey: .contractAddress)
        try c.encode(logs, forKey: .logs)
    }
}
