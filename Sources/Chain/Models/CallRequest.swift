/// The transaction object of `eth_call` and `eth_estimateGas`.
public struct CallRequest: Sendable, Equatable {
    public var from: EthereumAddress?
    /// nil: a contract creation (`data` is the init code).
    public var to: EthereumAddress?
    public var data: [UInt8]
    public var value: UInt128
    public var gas: UInt64?

    public init(from: EthereumAddress? = nil, to: EthereumAddress?, data: [UInt8] = [], value: UInt128 = 0, gas: UInt64? = nil) {
        self.from = from
        self.to = to
        self.data = data
        self.value = value
        self.gas = gas
    }

    var parameter: RPCValue {
        var object: [String: RPCValue] = ["data": .string(Hex.data(data)), "value": .string(Hex.quantity(value))]
        if let from { object["from"] = .string(from.description) }
        if let to { object["to"] = .string(to.description) }
        if let gas { object["gas"] = .string(Hex.quantity(gas)) }
        return .object(object)
    }
}

/// EIP-1559 fee data: the latest block's base fee and the node's suggested tip, in wei.
public struct FeeData: Sendable, Equatable {
    public var baseFeePerGas: UInt128
    public var maxPriorityFeePerGas: UInt128

    public init(baseFeePerGas: UInt128, maxPriorityFeePerGas: UInt128) {
        self.baseFeePerGas = baseFeePerGas
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
    }

    /// A max fee that survives `doublings` full blocks of base-fee growth (12.5% each; 2x per
    /// ~6 blocks): baseFee * 2^doublings + tip, saturating.
    public func maxFeePerGas(doublings: Int = 1) -> UInt128 {
        var fee = baseFeePerGas
        for _ in 0..<max(0, doublings) {
            let (doubled, overflow) = fee.multipliedReportingOverflow(by: 2)
            fee = overflow ? .max : doubled
        }
        let (sum, overflow) = fee.addingReportingOverflow(maxPriorityFeePerGas)
        return overflow ? .max : sum
    }
}
