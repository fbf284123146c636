import Chain
import Foundation
import Groth16

/// One devchain and a client of it, with the steps the live tests share: sign and send from a
/// funded account, wait for the receipt, deploy and call Probe.sol.
struct LiveChain {
    let node: DevChain
    let client: EthereumRPCClient

    private init(node: DevChain, client: EthereumRPCClient) {
        self.node = node
        self.client = client
    }

    /// Runs `body` against a fresh devchain started with `arguments`; the client is shut down
    /// and the node stopped afterwards, whether `body` returns or throws.
    static func with(arguments: [String] = [], configuration: RPCConfiguration = RPCConfiguration(),
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
    func signed(from: Int = 0, to: EthereumAddress?, value: UInt128 = 0, data: [UInt8] = [], gasLimit: UInt64? = nil,
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
    func send(from: Int = 0, to: EthereumAddress?, value: UInt128 = 0, data: [UInt8] = [], gasLimit: UInt64? = nil) async throws -> TransactionReceipt {
        let tx = try await signed(from: from, to: to, value: value, data: data, gasLimit: gasLimit)
        return try await receipt(of: try await client.sendRawTransaction(tx))
    }

    /// Polls for the receipt of `hash` (every 50 ms, up to `seconds`).
    func receipt(of hash: Bytes32, seconds: Double = 20) async throws -> TransactionReceipt {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let receipt = try await client.transactionReceipt(hash) { return receipt }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DevChain.Failure(description: "no receipt for \(hash) within \(seconds) s")
    }

    /// Deploys Probe.sol; returns its address.
    func deployProbe() async throws -> EthereumAddress {
        let receipt = try await send(to: nil, data: try Probe.initCode())
        guard receipt.succeeded, let address = receipt.contractAddress else {
            throw DevChain.Failure(description: "Probe deployment failed: \(receipt)")
        }
        return address
    }
}

/// Probe.sol compiled by solc, and its ABI calls.
enum Probe {
    static let pingTopic = Bytes32(keccak256Of: Array("Ping(uint256,address,uint256)".utf8))

    static func initCode() throws -> [UInt8] {
        let source = ChainEnvironment.root.appendingPathComponent("Tests/ChainTests/Live/Probe.sol")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChainEnvironment.solc)
        process.arguments = ["--optimize", "--combined-json", "bin", source.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Compiled: Decodable { let contracts: [String: [String: String]] }
        let compiled = try JSONDecoder().decode(Compiled.self, from: data)
        guard process.terminationStatus == 0, let bin = compiled.contracts.first(where: { $0.key.hasSuffix(":Probe") })?.value["bin"] else {
            throw DevChain.Failure(description: "solc did not compile Probe.sol")
        }
        return try Hex.bytes("0x" + bin, field: "bin")
    }

    static func ping(_ n: Int) -> [UInt8] { Keccak256.selector("ping(uint256)") + ABIEncoding.word(n) }
    static func pingMany(_ count: Int) -> [UInt8] { Keccak256.selector("pingMany(uint256)") + ABIEncoding.word(count) }
    static let fail = Keccak256.selector("fail()")
    static let total = Keccak256.selector("total()")
}
