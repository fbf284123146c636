@testable import Chain
import Foundation
import Groth16
import Testing
import TestSupport

/// The client and the signer against tests/chain/devchain, a real py-evm node on 127.0.0.1.
@Suite(.serialized, .enabled(if: ChainEnvironment.runLive, "needs SETTLEMENT_PYTHON with eth-tester (make python) and solc"))
struct DevChainTests {
    @Test func chainIdAndBlocks() async throws {
        try await LiveChain.with { chain in
            let client = chain.client
            #expect(try await client.chainId() == chain.node.chainId)
            _ = try await chain.send(to: try EthereumAddress(hex: "0x000000000000000000000000000000000000beef"), value: 1)
            let height = try await client.blockNumber()
            #expect(height >= 1)
            let latest = try #require(try await client.block(.number(height)))
            let parent = try #require(try await client.block(.number(height - 1)))
            #expect(latest.number == height && latest.parentHash == parent.hash && latest.timestamp >= parent.timestamp)
            #expect(latest.baseFeePerGas != nil)
            #expect(try await client.block(.number(height + 1000)) == nil)
            let fees = try await client.feeData()
            #expect(fees.maxPriorityFeePerGas > 0 && fees.maxFeePerGas() > fees.baseFeePerGas)
        }
    }

    /// The pairing precompile (0x08) of the node, computed with mcl (tests/chain/devchain/
    /// fast_pairing.py), answers every geth bn256Pairing vector as go-ethereum does, and
    /// still fails for a G2 point on the curve but outside the subgroup, as py-evm does.
    @Test func pairingPrecompileMatchesTheEIP197Vectors() async throws {
        struct Vector: Decodable { var Input: String; var Expected: String; var Name: String }
        let vectors = try Vectors.json([Vector].self, "eip196_197/geth_bn256Pairing.json")
        try await LiveChain.with { chain in
            let precompile = try EthereumAddress(hex: "0x0000000000000000000000000000000000000008")
            for v in vectors {
                let answer = try await chain.client.call(CallRequest(to: precompile, data: try Hex.bytes("0x" + v.Input, field: v.Name)))
                #expect(ABIEncoding.hexDigits(answer) == v.Expected, "\(v.Name)")
            }
            // The G1 generator with a point of the twist outside G2 (x = 1 + i upwards until
            // x^3 + b' is a square; the twist's cofactor keeps it out of the subgroup).
            var x = Fp2(Fp(1), Fp(1))
            while (x.squared() * x + G2Parameters.b).squareRoot() == nil { x = x + .one }
            let twistPoint = G2Affine(uncheckedX: x, y: (x.squared() * x + G2Parameters.b).squareRoot()!)
            #expect(twistPoint.isOnCurve && !twistPoint.isInPrimeOrderSubgroup)
            let outside = G1Affine.generator.evmBytes + twistPoint.evmBytes
            await #expect(throws: ChainError.self) { _ = try await chain.client.call(CallRequest(to: precompile, data: outside)) }
        }
    }

    @Test func signedTransferIsMined() async throws {
        try await LiveChain.with { chain in
            let client = chain.client
            let sender = try chain.node.key(0).address
            let recipient = try EthereumAddress(bytes: (0..<20).map { UInt8($0 + 1) })
            let nonce = try await client.transactionCount(of: sender, block: .pending)
            let before = try await client.balance(of: sender)
            let tx = try await chain.signed(to: recipient, value: 123_456_789)
            #expect(tx.transaction.nonce == nonce && tx.transaction.gasLimit == 21_000)
            let hash = try await client.sendRawTransaction(tx)
            #expect(hash == tx.hash)
            let receipt = try await chain.receipt(of: hash)
            #expect(receipt.succeeded && receipt.gasUsed == 21_000 && receipt.transactionHash == hash && receipt.logs.isEmpty)
            let block = try #require(try await client.block(.number(receipt.blockNumber)))
            #expect(block.hash == receipt.blockHash)
            #expect(try await client.balance(of: recipient) == 123_456_789)
            let price = try #require(receipt.effectiveGasPrice)
            #expect(try await client.balance(of: sender) == before - 123_456_789 - 21_000 * price)
            #expect(try await client.transactionCount(of: sender) == nonce + 1)
            // Sending it again is harmless: the node knows it ("nonce too low" for a mined one).
            #expect(try await client.sendRawTransaction(tx) == hash)
            // Another transaction at the used nonce is refused, typed.
            let rival = try await chain.signed(to: recipient, value: 1, nonce: nonce)
            await #expect {
                _ = try await client.sendRawTransaction(rival)
            } throws: { error in
                guard case let ChainError.rpc(_, rpc) = error else { return false }
                return rpc.isNonceTooLow
            }
        }
    }

    @Test func deployCallAndRevert() async throws {
        try await LiveChain.with { chain in
            let client = chain.client
            let probe = try await chain.deployProbe()
            #expect(try await !client.code(at: probe).isEmpty)
            #expect(try await client.call(CallRequest(to: probe, data: Probe.total)) == ABIEncoding.word(0))
            let receipt = try await chain.send(to: probe, data: Probe.ping(5))
            #expect(receipt.succeeded && receipt.logs.count == 1)
            let log = try #require(receipt.logs.first)
            #expect(log.address == probe && log.topics.first == Probe.pingTopic && log.topics[1].bytes == ABIEncoding.word(5))
            #expect(log.topics[2].bytes.suffix(20).elementsEqual(try chain.node.key(0).address.bytes))
            #expect(log.data == ABIEncoding.word(5) && log.blockNumber == receipt.blockNumber && log.transactionHash == receipt.transactionHash)
            #expect(try await client.call(CallRequest(to: probe, data: Probe.total)) == ABIEncoding.word(5))

            // A reverting call is a typed JSON-RPC error; a mined reverting transaction has status 0.
            await #expect {
                _ = try await client.call(CallRequest(to: probe, data: Probe.fail))
            } throws: { error in
                guard case let ChainError.rpc(method, rpc) = error else { return false }
                return method == "eth_call" && rpc.isExecutionReverted
            }
            let reverted = try await chain.send(to: probe, data: Probe.fail, gasLimit: 100_000)
            #expect(!reverted.succeeded && reverted.logs.isEmpty && reverted.gasUsed > 21_000 && reverted.gasUsed < 100_000)
            #expect(try await client.call(CallRequest(to: probe, data: Probe.total)) == ABIEncoding.word(5))
        }
    }

    /// 12 logs in 12 blocks through pages of 8 blocks against a node that refuses more than 5
    /// logs per answer: the pages halve to 4 blocks, every log comes once, in order.
    @Test func logsArePagedAndHalved() async throws {
        try await LiveChain.with(arguments: ["--max-logs", "5"], configuration: RPCConfiguration(logPageBlocks: 8)) { chain in
            let client = chain.client
            let probe = try await chain.deployProbe()
            let first = try await client.blockNumber() + 1
            for n in 1...12 { _ = try await chain.send(to: probe, data: Probe.ping(n)) }
            let last = try await client.blockNumber()
            #expect(last - first + 1 >= 12)
            let filter = LogFilter(fromBlock: first, toBlock: last, addresses: [probe], topics: [[Probe.pingTopic]])
            let logs = try await client.logs(filter)
            #expect(logs.map { $0.topics[1].bytes } == (1...12).map { ABIEncoding.word($0) })
            #expect(logs.map(\.blockNumber) == logs.map(\.blockNumber).sorted())
            // A topic filter: only n = 3 and n = 7.
            let some = try await client.logs(LogFilter(fromBlock: first, toBlock: last, addresses: [probe],
                                                       topics: [nil, [try Bytes32(bytes: ABIEncoding.word(3)), try Bytes32(bytes: ABIEncoding.word(7))]]))
            #expect(some.map { $0.topics[1].bytes } == [ABIEncoding.word(3), ABIEncoding.word(7)])
            // Six logs in one block cannot be split further: the node's error comes through.
            let crowded = try await chain.send(to: probe, data: Probe.pingMany(6))
            await #expect {
                _ = try await client.logs(LogFilter(fromBlock: crowded.blockNumber, toBlock: crowded.blockNumber))
            } throws: { error in
                guard case let ChainError.rpc(_, rpc) = error else { return false }
                return rpc.isLogRangeTooLarge
            }
            #expect(try await client.logs(LogFilter(fromBlock: last, toBlock: first)).isEmpty)
        }
    }

    /// Snapshot, mine, revert, mine other blocks: the same heights get other hashes.
    @Test func stagedReorgChangesHashes() async throws {
        try await LiveChain.with { chain in
            let client = chain.client
            let fork = try await client.blockNumber()
            let forkHash = try #require(try await client.block(.number(fork))).hash
            let snapshot: String = try await client.request("evm_snapshot")
            _ = try await client.request("evm_mine", [.string("0x3")], as: RPCValue.self)
            var first: [Bytes32] = []
            for height in fork + 1...fork + 3 { first.append(try #require(try await client.block(.number(height))).hash) }
            #expect(try await client.request("evm_revert", [.string(snapshot)], as: Bool.self))
            #expect(try await client.blockNumber() == fork)
            let moved = try await chain.send(to: try EthereumAddress(hex: "0x000000000000000000000000000000000000cafe"), value: 7)
            _ = try await client.request("evm_mine", [.string("0x2")], as: RPCValue.self)
            #expect(moved.blockNumber == fork + 1)
            var second: [Bytes32] = []
            for height in fork + 1...fork + 3 { second.append(try #require(try await client.block(.number(height))).hash) }
            for (a, b) in zip(first, second) { #expect(a != b) }
            #expect(try #require(try await client.block(.number(fork))).hash == forkHash)
            #expect(try #require(try await client.block(.number(fork + 1))).parentHash == forkHash)
        }
    }

    /// With a block time, a transaction waits in the pool for the next block.
    @Test func intervalMining() async throws {
        try await LiveChain.with(arguments: ["--block-time", "1"]) { chain in
            let client = chain.client
            let tx = try await chain.signed(to: try EthereumAddress(hex: "0x000000000000000000000000000000000000f00d"), value: 3, gasLimit: 21_000)
            let hash = try await client.sendRawTransaction(tx)
            #expect(try await client.transactionIsKnown(hash))
            // Sent again while pending: "already known", which counts as sent.
            #expect(try await client.sendRawTransaction(tx) == hash)
            let receipt = try await chain.receipt(of: hash, seconds: 10)
            #expect(receipt.succeeded)
        }
    }
}

/// devchain's pool as the agent's tests stage it: a transaction tipping below the miners'
/// minimum stays unmined, a replacement needs both fees raised by 10% (geth's rule), and a
/// pool transaction can be dropped.
@Suite(.enabled(if: ChainEnvironment.runPython, "needs SETTLEMENT_PYTHON with eth-tester (make python)")) struct DevChainPoolTests {
    static func transfer(_ chain: LiveChain, nonce: UInt64, tip: UInt128, maxFee: UInt128) async throws -> SignedTransaction {
        try EIP1559Transaction(chainId: chain.node.chainId, nonce: nonce, maxPriorityFeePerGas: tip, maxFeePerGas: maxFee,
                               gasLimit: 21_000, to: try EthereumAddress(hex: "0x000000000000000000000000000000000000beef"),
                               value: 1).signed(with: try chain.node.key(0))
    }

    @Test func underpricedStaysReplacementsNeedTenPercentAndDropsForget() async throws {
        try await LiveChain.with { chain in
            let client = chain.client
            _ = try await client.request("evm_setAutomine", [.bool(false)], as: Bool.self)
            _ = try await client.request("devchain_setMinPriorityFee", [.number(1.5e9)], as: Bool.self)
            let nonce = try await client.transactionCount(of: try chain.node.key(0).address, block: .latest)
            let low = try await Self.transfer(chain, nonce: nonce, tip: 1_000_000_000, maxFee: 10_000_000_000)
            _ = try await client.sendRawTransaction(low)
            _ = try await client.request("evm_mine", as: String.self)
            #expect(try await client.transactionReceipt(low.hash) == nil, "a tip below the minimum is not mined")
            #expect(try await client.transactionIsKnown(low.hash))

            let fivePercent = try await Self.transfer(chain, nonce: nonce, tip: 1_050_000_000, maxFee: 11_000_000_000)
            do {
                _ = try await client.sendRawTransaction(fivePercent)
                Issue.record("a 5% tip bump replaced the waiting transaction")
            } catch let error as ChainError {
                guard case let .rpc(_, refusal) = error else { throw error }
                #expect(refusal.message == "replacement transaction underpriced")
            }
            let bumped = try await Self.transfer(chain, nonce: nonce, tip: 1_600_000_000, maxFee: 11_000_000_000)
            _ = try await client.sendRawTransaction(bumped)
            #expect(try await client.transactionIsKnown(low.hash) == false, "replaced in the pool")
            _ = try await client.request("evm_mine", as: String.self)
            #expect(try await client.transactionReceipt(bumped.hash)?.succeeded == true)

            let dropped = try await Self.transfer(chain, nonce: nonce + 1, tip: 2_000_000_000, maxFee: 11_000_000_000)
            _ = try await client.sendRawTransaction(dropped)
            #expect(try await client.request("anvil_dropTransaction", [.string(dropped.hash.description)], as: Bool.self))
            #expect(try await client.request("anvil_dropTransaction", [.string(dropped.hash.description)], as: Bool.self) == false)
            #expect(try await client.transactionIsKnown(dropped.hash) == false)
            _ = try await client.request("evm_mine", as: String.self)
            #expect(try await client.transactionReceipt(dropped.hash) == nil)
        }
    }
}

/// Without the Python packages the live suites skip locally, with the reason printed, and fail
/// under CI=true.
@Suite struct ChainEnvironmentTests {
    @Test func packagesPresentOrReported() {
        for missing in [ChainEnvironment.missingPython, ChainEnvironment.missingSolc].compactMap({ $0 }) {
            if ChainEnvironment.isCI {
                Issue.record("CI=true but the live chain tests cannot run: \(missing)")
            } else {
                print("ChainTests: skipping the live chain tests: \(missing)")
            }
        }
    }
}
