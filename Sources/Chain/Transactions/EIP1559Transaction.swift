/// An EIP-1559 (type 2) transaction with an empty access list, before signing.
public struct EIP1559Transaction: Sendable, Equatable {
    public var chainId: UInt64
    public var nonce: UInt64
    /// The tip per gas to the block producer, in wei.
    public var maxPriorityFeePerGas: UInt128
    /// The most per gas the sender pays (base fee + tip), in wei.
    public var maxFeePerGas: UInt128
    public var gasLimit: UInt64
    /// nil: a contract creation, `data` being the init code.
    public var to: EthereumAddress?
    /// Wei sent with the call.
    public var value: UInt128
    public var data: [UInt8]

    public init(chainId: UInt64, nonce: UInt64, maxPriorityFeePerGas: UInt128, maxFeePerGas: UInt128, gasLimit: UInt64,
                to: EthereumAddress?, value: UInt128 = 0, data: [UInt8] = []) {
        self.chainId = chainId
        self.nonce = nonce
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.maxFeePerGas = maxFeePerGas
        self.gasLimit = gasLimit
        self.to = to
        self.value = value
        self.data = data
    }

    /// EIP-2718 type byte.
    public static let type: UInt8 = 0x02

    /// The nine fields of the payload, in EIP-1559 order, the access list empty.
    var fields: [RLP] {
        [.integer(chainId), .integer(nonce), .integer(maxPriorityFeePerGas), .integer(maxFeePerGas), .integer(gasLimit),
         .bytes(to?.bytes ?? []), .integer(value), .bytes(data), .list([])]
    }

    /// keccak256(0x02 || rlp(fields)): the digest the sender signs.
    public var signingHash: Bytes32 {
        Bytes32(keccak256Of: [Self.type] + RLP.list(fields).encoded)
    }

    /// Signs with `key` (RFC 6979 nonce, low s, the recovery id as yParity).
    public func signed(with key: ProviderKey) throws(KeyError) -> SignedTransaction {
        let signature = try key.sign(digest: signingHash)
        return SignedTransaction(transaction: self, signature: signature)
    }
}

/// A signed EIP-1559 transaction: its raw bytes for `eth_sendRawTransaction` and its hash.
public struct SignedTransaction: Sendable, Equatable {
    public let transaction: EIP1559Transaction
    public let signature: RecoverableSignature
    /// 0x02 || rlp(fields ++ [yParity, r, s]).
    public let rawBytes: [UInt8]
    /// keccak256 of the raw bytes: the transaction hash the chain reports.
    public let hash: Bytes32

    init(transaction: EIP1559Transaction, signature: RecoverableSignature) {
        self.transaction = transaction
        self.signature = signature
        let fields = transaction.fields + [.integer(signature.yParity), .bytes(stripLeadingZeros(signature.r)), .bytes(stripLeadingZeros(signature.s))]
        rawBytes = [EIP1559Transaction.type] + RLP.list(fields).encoded
        hash = Bytes32(keccak256Of: rawBytes)
    }
}

/// r and s are RLP integers: no leading zero bytes.
private func stripLeadingZeros(_ bytes: [UInt8]) -> [UInt8] { Array(bytes.drop { $0 == 0 }) }
