import Chain
import Foundation
import Groth16

/// One devchain and a client of it, with the steps the live tests share: sign and send from a
/// funded account, wait for the receipt, deploy and call Probe.sol.
public struct LiveChain: Sendable {
    public let node: DevChain
    public let client: EthereumRPCClient

    private init(node: DevChain, client: EthereumRPCClient) {
        self.node = node
        self.client = client
    }

    /// Runs `body` against a fresh devchain started with `arguments`; the client is shut down
    /// and the node stopped afterwards, whether `body` returns or throws.
    public static func with(arguments: [String] = [], configuration: RPCConfiguration = RPCConfiguration(),
                     _ body: (LiveChain) async throws -> Void) async throws {
        let node = try DevChain(arguments: arguments)
        defer { node.stop() }
        let chain = LiveChain(node: node, client: EthereumRPCClient(url: node.url, configuration: configuration))
        do {
            try await body(chain)
        } catch {
            try await chain.client.shutdown()
            throw error
        }
        try await chain.client.shutdown()
    }

    /// Signs a transaction from funded account `from` at its pending nonce with the node's fees;
    /// the gas limit is estimated unless given.
    public func signed(from: Int = 0, to: EthereumAddress?, value: UInt128 = 0, data: [UInt8] = [], gasLimit: UInt64? = nil,
                nonce: UInt64? = nil) async throws -> SignedTransaction {
        let key = try node.key(from)
        let fees = try await client.feeData()
        let gas: UInt64, next: UInt64
        if let gasLimit { gas = gasLimit } else { gas = try await client.estimateGas(CallRequest(from: key.address, to: to, data: data, value: value)) }
        if let nonce { next = nonce } else { next = try await client.transactionCount(of: key.address, block: .pending) }
        let tx = EIP1559Transaction(chainId: try await client.chainId(), nonce: next,
                                    maxPriorityFeePerGas: fees.maxPriorityFeePerGas, maxFeePerGas: fees.maxFeePerGas(),
                                    gasLimit: gas, to: to, value: value, data: data)
        return try tx.signed(with: key)
    }

    /// Sends and waits for the receipt.
    public func send(from: Int = 0, to: EthereumAddress?, value: UInt128 = 0, data: [UInt8] = [], gasLimit: UInt64? = nil) async throws -> TransactionReceipt {
        let tx = try await signed(from: from, to: to, value: value, data: data, gasLimit: gasLimit)
        return try await receipt(of: try await client.sendRawTransaction(tx))
    }

    /// Polls for the receipt of `hash` (every 50 ms, up to `seconds`).
    public func receipt(of hash: Bytes32, seconds: Double = 20) async throws -> TransactionReceipt {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let receipt = try await client.transactionReceipt(hash) { return receipt }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DevChain.Failure(description: "no receipt for \(hash) within \(seconds) s")
    }
}
