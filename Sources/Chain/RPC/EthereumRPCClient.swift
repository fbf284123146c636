/// An Ethereum JSON-RPC client over HTTP: the reads the follower needs, the fee data and nonce
/// a submitter needs, and transaction submission with receipts. Every method throws
/// `ChainError`; every number from the node is range-checked into its Swift type.
///
/// Call `shutdown()` before the last reference goes away (it closes the HTTP connections).
public final class EthereumRPCClient: Sendable {
    private let transport: JSONRPCTransport

    /// A client of the node at `url` (e.g. "http://127.0.0.1:8545").
    public init(url: String, configuration: RPCConfiguration = RPCConfiguration()) {
        transport = JSONRPCTransport(url: url, configuration: configuration)
    }

    /// The node's URL.
    public var url: String { transport.url }

    /// Closes the HTTP client; the client must not be used afterwards.
    public func shutdown() async throws { try await transport.shutdown() }

    /// Calls any method and decodes its result (an Optional `R` accepts null): for methods
    /// this type does not wrap, such as a test node's controls.
    public func request<R: Decodable>(_ method: String, _ params: [RPCValue] = [], as type: R.Type = R.self) async throws(ChainError) -> R {
        try await transport.call(method, params, as: type)
    }

    // MARK: Chain and blocks

    /// `eth_chainId`.
    public func chainId() async throws(ChainError) -> UInt64 { try await quantity("eth_chainId", []) }

    /// `eth_blockNumber`: the height of the latest block.
    public func blockNumber() async throws(ChainError) -> UInt64 { try await quantity("eth_blockNumber", []) }

    /// `eth_getBlockByNumber` without transactions; nil when the node has no such block.
    public func block(_ tag: BlockTag) async throws(ChainError) -> Block? {
        try await transport.call("eth_getBlockByNumber", [.string(tag.description), .bool(false)], as: Block?.self)
    }

    /// `eth_getLogs` over `filter`'s inclusive range, in pages of at most
    /// `RPCConfiguration.logPageBlocks` blocks; a page the node refuses as too large is split in
    /// halves down to one block. Logs come in the node's order, page by page.
    public func logs(_ filter: LogFilter) async throws(ChainError) -> [LogEntry] {
        guard filter.fromBlock <= filter.toBlock else { return [] }
        var span = transport.configuration.logPageBlocks
        var from = filter.fromBlock
        var out: [LogEntry] = []
        while true {
            let to = from + min(span - 1, filter.toBlock - from)
            let page: [LogEntry]
            do {
                page = try await transport.call("eth_getLogs", [filter.parameter(from: from, to: to)])
            } catch ChainError.rpc(_, let error) where error.isLogRangeTooLarge && to > from {
                span = (to - from + 1) / 2
                continue
            }
            if let stray = page.first(where: { !(from...to).contains($0.blockNumber) }) {
                throw .inconsistent(method: "eth_getLogs", reason: "log of block \(stray.blockNumber) in the page of blocks \(from)...\(to)")
            }
            out += page
            if to == filter.toBlock { return out }
            from = to + 1
        }
    }

    // MARK: State

    /// `eth_call`: the return data of `request` executed at `block` (a revert is
    /// `ChainError.rpc` with `isExecutionReverted`).
    public func call(_ request: CallRequest, block: BlockTag = .latest) async throws(ChainError) -> [UInt8] {
        try await data("eth_call", [request.parameter, .string(block.description)])
    }

    /// `eth_getCode`: the runtime code at `address` (empty for an account without code).
    public func code(at address: EthereumAddress, block: BlockTag = .latest) async throws(ChainError) -> [UInt8] {
        try await data("eth_getCode", [.string(address.description), .string(block.description)])
    }

    /// `eth_getBalance` in wei.
    public func balance(of address: EthereumAddress, block: BlockTag = .latest) async throws(ChainError) -> UInt128 {
        try await quantity("eth_getBalance", [.string(address.description), .string(block.description)])
    }

    /// `eth_getTransactionCount`: the next nonce of `address` (`.pending` counts the node's pool).
    public func transactionCount(of address: EthereumAddress, block: BlockTag = .latest) async throws(ChainError) -> UInt64 {
        try await quantity("eth_getTransactionCount", [.string(address.description), .string(block.description)])
    }

    /// `eth_estimateGas` for `request`.
    public func estimateGas(_ request: CallRequest) async throws(ChainError) -> UInt64 {
        try await quantity("eth_estimateGas", [request.parameter])
    }

    // MARK: Fees

    /// The latest block's base fee and `eth_maxPriorityFeePerGas`.
    public func feeData() async throws(ChainError) -> FeeData {
        guard let latest = try await block(.latest) else {
            throw .inconsistent(method: "eth_getBlockByNumber", reason: "no latest block")
        }
        guard let baseFee = latest.baseFeePerGas else {
            throw .inconsistent(method: "eth_getBlockByNumber", reason: "block \(latest.number) has no baseFeePerGas (no EIP-1559)")
        }
        let tip: UInt128 = try await quantity("eth_maxPriorityFeePerGas", [])
        return FeeData(baseFeePerGas: baseFee, maxPriorityFeePerGas: tip)
    }

    // MARK: Transactions

    /// `eth_sendRawTransaction`, safe to repeat: the hash is the transaction's own, and an
    /// answer "already known", or "nonce too low" for a transaction the node already has
    /// (a retry after it was mined), counts as sent. "nonce too low" for a transaction the node
    /// does not know means another one took the nonce: that is thrown as `ChainError.rpc`.
    public func sendRawTransaction(_ transaction: SignedTransaction) async throws(ChainError) -> Bytes32 {
        try await sendRawTransaction(rawBytes: transaction.rawBytes)
    }

    /// `sendRawTransaction(_:)` for a signed transaction's bytes as stored (a re-send after a
    /// restart); its hash is keccak256 of the bytes.
    public func sendRawTransaction(rawBytes: [UInt8]) async throws(ChainError) -> Bytes32 {
        let method = "eth_sendRawTransaction"
        let expected = Bytes32(keccak256Of: rawBytes)
        let hash: Bytes32
        do {
            hash = try await transport.call(method, [.string(Hex.data(rawBytes))])
        } catch {
            guard case let .rpc(_, rpc) = error, rpc.isAlreadyKnown || rpc.isNonceTooLow else { throw error }
            if rpc.isNonceTooLow, try await !transactionIsKnown(expected) { throw error }
            return expected
        }
        guard hash == expected else {
            throw .inconsistent(method: method, reason: "node returned hash \(hash), the transaction's is \(expected)")
        }
        return hash
    }

    /// `eth_getTransactionReceipt`; nil while the transaction is not mined (or unknown).
    public func transactionReceipt(_ hash: Bytes32) async throws(ChainError) -> TransactionReceipt? {
        try await transport.call("eth_getTransactionReceipt", [.string(hash.description)], as: TransactionReceipt?.self)
    }

    /// Whether the node knows the transaction (`eth_getTransactionByHash` is not null):
    /// pending in its pool or mined.
    public func transactionIsKnown(_ hash: Bytes32) async throws(ChainError) -> Bool {
        try await transport.call("eth_getTransactionByHash", [.string(hash.description)], as: RPCValue.self) != .null
    }

    // MARK: Decoding helpers

    private func quantity<T: FixedWidthInteger & UnsignedInteger>(_ method: String, _ params: [RPCValue]) async throws(ChainError) -> T {
        let text: String = try await transport.call(method, params)
        do { return try Hex.quantity(text, field: "result") } catch { throw .malformedResponse(method: method, reason: error.description) }
    }

    private func data(_ method: String, _ params: [RPCValue]) async throws(ChainError) -> [UInt8] {
        let text: String = try await transport.call(method, params)
        do { return try Hex.bytes(text, field: "result") } catch { throw .malformedResponse(method: method, reason: error.description) }
    }
}
