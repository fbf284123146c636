import Chain
import Circuits
import Foundation
import Groth16
import Testing
import TestSupport
import Traces
@testable import SettlementAgent

/// The agent on a real EVM node (tests/chain/devchain, mining a block a second), as a
/// provider runs it: `chain deploy`, then `serve --rpc-url --registry --provider-key-file`.
/// Users deposit, register keys and withdraw by signed transactions; the agent follows the
/// registry's events, settles by its own policy, sends and confirms (doc/CHAIN.md).
@Suite(.serialized, .enabled(if: ChainEnvironment.runLive, "needs SETTLEMENT_PYTHON with eth-tester (make python) and solc"))
struct ChainEndToEndTests {
    static let nodeArguments = ["--block-time", "1"]

    /// The policy settles on value, on a withdrawal request and on a key rotation; each
    /// settlement is mined, confirmed from its events, and the registry holds what the traces say.
    @Test func thePolicySettlesAndTheRegistryPaysWhatTheTracesSay() async throws {
        try await LiveChain.with(arguments: Self.nodeArguments) { chain in
            let f = try ChainAgentFixture(chain: chain)
            let (alice, bob, carol) = (try f.address(2), try f.address(3), try f.address(4))
            let (aliceKey, bobKey, carolKey, carolNewKey) = (EdDSAPrivateKey.generate(), EdDSAPrivateKey.generate(),
                                                            EdDSAPrivateKey.generate(), EdDSAPrivateKey.generate())
            for (index, key, amount) in [(2, aliceKey, UInt128(1_000)), (3, bobKey, 100), (4, carolKey, 100)] {
                try await f.registryCall(from: index, "deposit()", value: amount)
                try await f.registryCall(from: index, "registerSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(key))])
            }
            try f.startAgent(["--confirmations", "1", "--settle-above", "50", "--settle-after", "3600", "--settle-margin", "3600"])
            // Accounts come from the chain; a user publishes the point of the key it registered.
            try await f.wait("the follower to see three accounts") { (try f.get("/v1/chain").json["accounts"] as? Int) == 3 }
            #expect(try f.post("/v1/accounts", ["user": alice.description], admin: true).status == 409)
            for (user, key) in [(alice, aliceKey), (bob, bobKey), (carol, carolKey)] { try await f.publish(key, of: user) }
            #expect(try f.post("/v1/signer-keys", ChainAgentFixture.signerKeyJSON(EdDSAPrivateKey.generate())).status == 404)

            // Value: 3 traces of 20 pass the threshold of 50.
            let acceptedAt = ContinuousClock.now
            let results = try f.postTraces((1...3).map { f.trace(alice, nonce: UInt64($0), fee: 20, key: aliceKey) })
            #expect(results.allSatisfy { $0["status"] as? String == "accepted" }, "\(results)")
            try await f.wait("alice's settlement to be confirmed") { try f.traceStatuses(alice).values.allSatisfy { $0 == "settled" } }
            let latency = ContinuousClock.now - acceptedAt
            #expect(try await f.view("nonceOf(address)", alice) == 3)
            #expect(try await f.view("balanceOf(address)", alice) == 940)
            #expect(try await f.view("providerEarnings()") == 60)

            // A withdrawal request holds back what it may take: bob has 100, 30 accepted; after
            // a request for 50 only 20 more is accepted, and the request makes bob due at once.
            #expect(try f.postTraces([f.trace(bob, nonce: 1, fee: 30, key: bobKey)]).first?["status"] as? String == "accepted")
            try await f.registryCall(from: 3, "requestWithdrawal(uint256)", [RegistryABI.word(UInt128(50))])
            try await f.wait("the agent to hold back bob's withdrawal") {
                (try f.get("/v1/accounts/\(bob)").json["heldBack"] as? String) == "50"
            }
            let refused = try f.postTraces([f.trace(bob, nonce: 2, fee: 25, key: bobKey)])
            #expect(refused.first?["error"] as? String == "insufficient_balance", "\(refused)")
            #expect(try f.postTraces([f.trace(bob, nonce: 2, fee: 20, key: bobKey)]).first?["status"] as? String == "accepted")
            try await f.wait("bob's settlement before the withdrawal matures") {
                try f.traceStatuses(bob).values.allSatisfy { $0 == "settled" }
            }
            #expect(try await f.view("nonceOf(address)", bob) == 2)
            #expect(try await f.view("balanceOf(address)", bob) == 50)

            // A rotation: the old key stops being accepted at once and its pending traces
            // settle during the thawing period; the new key's once it is published (here by a
            // manual settlement: 10 is below the threshold).
            #expect(try f.postTraces((1...2).map { f.trace(carol, nonce: UInt64($0), fee: 10, key: carolKey) })
                .allSatisfy { $0["status"] as? String == "accepted" })
            try await f.registryCall(from: 4, "rotateSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(carolNewKey))])
            let newHash = ChainAgentFixture.keyHash(carolNewKey).decimalString
            try await f.wait("the agent to see carol's rotation") {
                (try f.get("/v1/accounts/\(carol)").json["signerKeyHash"] as? String) == newHash
            }
            #expect(try f.postTraces([f.trace(carol, nonce: 3, fee: 10, key: carolKey)]).first?["error"] as? String == "signer_key_unpublished")
            try await f.wait("carol's old-key traces to settle") { try f.traceStatuses(carol).values.allSatisfy { $0 == "settled" } }
            try await f.publish(carolNewKey, of: carol)
            #expect(try f.postTraces([f.trace(carol, nonce: 3, fee: 10, key: carolKey)]).first?["error"] as? String == "invalid_signature")
            #expect(try f.postTraces([f.trace(carol, nonce: 3, fee: 10, key: carolNewKey)]).first?["status"] as? String == "accepted")
            #expect(try f.post("/v1/settlements", ["users": [carol.description]], admin: true).status == 202)
            try await f.wait("carol's new-key trace to settle") { try f.traceStatuses(carol)[3] == "settled" }
            #expect(try await f.view("nonceOf(address)", carol) == 3)
            #expect(try await f.view("balanceOf(address)", carol) == 70)
            #expect(try await f.view("providerEarnings()") == 60 + 50 + 30)

            // Bob withdraws what the request held back once it matures.
            _ = try await chain.client.request("evm_increaseTime", [.number(601)], as: RPCValue.self)
            try await f.registryCall(from: 3, "withdraw()")
            #expect(try await f.view("balanceOf(address)", bob) == 0)

            let status = try f.get("/v1/chain").json
            // `chain status` reads the same store beside the running agent.
            let printed = try f.chainStatus()
            let tracked = try #require(printed["accounts"] as? [[String: Any]])
            #expect(Set(tracked.compactMap { $0["user"] as? String }) == Set([alice, bob, carol].map(\.description)))
            #expect(tracked.first { $0["user"] as? String == carol.description }?["previousSignerKeyHash"] as? String
                    == ChainAgentFixture.keyHash(carolKey).decimalString)
            #expect(tracked.first { $0["user"] as? String == alice.description }?["balance"] as? String == "940")
            #expect(UInt64(printed["head"] as? String ?? "") ?? 0 >= UInt64(printed["height"] as? String ?? "x") ?? .max)
            #expect(printed["lag"] != nil)
            let gas = try await Self.gasPerSettledAccount(f)
            print("chain e2e: acceptance to confirmation \(latency) (threshold policy, 1 confirmation, 1 s blocks); follower lag \(status["lag"] ?? "?") blocks; gas per settled account \(gas)")
            f.stopAgent()
        }
    }

    /// The age rule with every other option at its default (2 confirmations, a round every
    /// 2 s): the time from acceptance to confirmation is the age limit plus what the agent
    /// needs to prove, send and see the settlement confirmed (printed for doc/CHAIN.md).
    @Test func theAgeRuleSettlesWithTheDefaults() async throws {
        try await LiveChain.with(arguments: Self.nodeArguments) { chain in
            let f = try ChainAgentFixture(chain: chain)
            let heidi = try f.address(9)
            let key = EdDSAPrivateKey.generate()
            try await f.registryCall(from: 9, "deposit()", value: 100)
            try await f.registryCall(from: 9, "registerSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(key))])
            let age = 10.0
            try f.startAgent(["--settle-after", String(age), "--poll-interval", "2"])
            try await f.wait("the follower to see heidi") { (try f.get("/v1/chain").json["accounts"] as? Int) == 1 }
            try await f.publish(key, of: heidi)
            let acceptedAt = ContinuousClock.now
            #expect(try f.postTraces([f.trace(heidi, nonce: 1, fee: 7, key: key)]).first?["status"] as? String == "accepted")
            try await f.wait("heidi's trace to be settled by age") { try f.traceStatuses(heidi)[1] == "settled" }
            let latency = ContinuousClock.now - acceptedAt
            #expect(latency >= .seconds(age), "settled before it was due")
            #expect(f.logText.contains("(1 by age)"))
            #expect(try await f.view("providerEarnings()") == 7)
            print("chain e2e defaults: acceptance to confirmation \(latency) with --settle-after \(age) (2 confirmations, 2 s rounds, 1 s blocks)")

            // The node goes away: the agent says so and keeps serving within what it knows.
            chain.node.stop()
            try await f.wait("the agent to report the node down") { (try f.get("/v1/chain").json["lastError"]) != nil }
            #expect(try f.postTraces([f.trace(heidi, nonce: 2, fee: 90, key: key)]).first?["status"] as? String == "accepted")
            #expect(try f.postTraces([f.trace(heidi, nonce: 3, fee: 4, key: key)]).first?["error"] as? String == "insufficient_balance")
            #expect(try f.get("/v1/accounts/\(heidi)").json["available"] as? String == "3")
            #expect(try f.get("/healthz").status == 200)
            #expect(f.agent?.isRunning == true)
            f.stopAgent()
        }
    }

    /// A reorg that removes a deposit takes the account's balance away again (its pending
    /// trace is rejected); one that removes a mined settlement puts it back to submitted, and
    /// the agent sends the same transaction again: the registry pays once.
    @Test func reorgsRemoveADepositAndASettlement() async throws {
        try await LiveChain.with(arguments: Self.nodeArguments) { chain in
            let f = try ChainAgentFixture(chain: chain)
            let (dave, erin) = (try f.address(5), try f.address(6))
            let (daveKey, erinKey) = (EdDSAPrivateKey.generate(), EdDSAPrivateKey.generate())
            try await f.registryCall(from: 5, "registerSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(daveKey))])
            try await f.registryCall(from: 6, "deposit()", value: 100)
            try await f.registryCall(from: 6, "registerSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(erinKey))])
            try f.startAgent(["--confirmations", "1", "--settle-after", "4", "--settle-margin", "0"])
            try await f.wait("the follower to see both accounts") { (try f.get("/v1/chain").json["accounts"] as? Int) == 2 }
            for (user, key) in [(dave, daveKey), (erin, erinKey)] { try await f.publish(key, of: user) }

            // The deposit, seen and spent on, then reorganised away.
            let beforeDeposit: String = try await chain.client.request("evm_snapshot", as: String.self)
            try await f.registryCall(from: 5, "deposit()", value: 100)
            try await f.wait("the agent to see dave's deposit") { (try f.get("/v1/accounts/\(dave)").json["balance"] as? String) == "100" }
            #expect(try f.postTraces([f.trace(dave, nonce: 1, fee: 40, key: daveKey)]).first?["status"] as? String == "accepted")
            _ = try await chain.client.request("evm_revert", [.string(beforeDeposit)], as: Bool.self)
            try await f.wait("the agent to roll the deposit back") { (try f.get("/v1/accounts/\(dave)").json["balance"] as? String) == "0" }
            #expect(try f.traceStatuses(dave)[1] == "rejected")

            // A settlement mined and confirmed, then reorganised away: sent again, paid once.
            let beforeSettlement: String = try await chain.client.request("evm_snapshot", as: String.self)
            let erinResult = try f.postTraces([f.trace(erin, nonce: 1, fee: 30, key: erinKey)])
            #expect(erinResult.first?["status"] as? String == "accepted", "\(erinResult)")
            try await f.wait("erin's settlement to be confirmed") { try f.traceStatuses(erin)[1] == "settled" }
            #expect(try await f.view("providerEarnings()") == 30)
            _ = try await chain.client.request("evm_revert", [.string(beforeSettlement)], as: Bool.self)
            #expect(try await f.view("providerEarnings()") == 0)
            try await f.wait("the agent to see the settlement reorganised away") { f.logText.contains("1 settlement(s) back to submitted") }
            try await f.wait("erin's settlement to be confirmed again") {
                let earnings = try await f.view("providerEarnings()")
                return try f.traceStatuses(erin)[1] == "settled" && earnings == 30
            }
            #expect(try await f.view("nonceOf(address)", erin) == 1)
            #expect(try await f.view("balanceOf(address)", erin) == 70)
            f.stopAgent()
        }
    }

    /// Killed after a settle transaction is stored signed and before it is sent: the restarted
    /// agent sends those same bytes, so the provider's account sends exactly one transaction
    /// and the registry pays every trace once.
    @Test func killedBetweenSigningAndSendingNeitherDoublesNorLoses() async throws {
        try await LiveChain.with(arguments: Self.nodeArguments) { chain in
            let f = try ChainAgentFixture(chain: chain)
            let frank = try f.address(7)
            let key = EdDSAPrivateKey.generate()
            try await f.registryCall(from: 7, "deposit()", value: 100)
            try await f.registryCall(from: 7, "registerSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(key))])
            let providerAddress = try EthereumAddress(hex: chain.node.accounts[1].address)
            let sentBefore = try await chain.client.transactionCount(of: providerAddress, block: .pending)
            try f.startAgent(["--confirmations", "1", "--settle-after", "1"], environment: ["SETTLEMENT_FAILPOINTS": "submitter.after-signing"])
            try await f.wait("the follower to see frank") { (try f.get("/v1/chain").json["accounts"] as? Int) == 1 }
            try await f.publish(key, of: frank)
            #expect(try f.postTraces((1...2).map { f.trace(frank, nonce: UInt64($0), fee: 15, key: key) })
                .allSatisfy { $0["status"] as? String == "accepted" })
            try await f.wait("the agent to die after signing") { !(f.agent?.isRunning ?? false) }
            #expect(f.agent?.terminationStatus == 86)
            #expect(try await chain.client.transactionCount(of: providerAddress, block: .pending) == sentBefore)

            try f.startAgent(["--confirmations", "1", "--settle-after", "1"])
            try await f.wait("frank's settlement to be confirmed after the restart") {
                try f.traceStatuses(frank).values.allSatisfy { $0 == "settled" }
            }
            #expect(try await chain.client.transactionCount(of: providerAddress, block: .pending) == sentBefore + 1)
            #expect(try await f.view("providerEarnings()") == 30)
            #expect(try await f.view("nonceOf(address)", frank) == 2)
            f.stopAgent()
        }
    }

    /// A transaction the node drops from its pool is sent again, the same bytes; one that miners
    /// leave unmined because it tips too little is replaced at its nonce with fees raised by a
    /// quarter, until one is mined: the provider's account sends one transaction, paid once.
    @Test func aDroppedTransactionIsSentAgainAndAStuckOneIsBumped() async throws {
        try await LiveChain.with(arguments: Self.nodeArguments) { chain in
            let f = try ChainAgentFixture(chain: chain)
            let grace = try f.address(8)
            let key = EdDSAPrivateKey.generate()
            try await f.registryCall(from: 8, "deposit()", value: 100)
            try await f.registryCall(from: 8, "registerSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(key))])
            let providerAddress = try EthereumAddress(hex: chain.node.accounts[1].address)
            let sentBefore = try await chain.client.transactionCount(of: providerAddress, block: .latest)
            try f.startAgent(["--confirmations", "1", "--settle-above", "20", "--bump-after-blocks", "2"])
            try await f.wait("the follower to see grace") { (try f.get("/v1/chain").json["accounts"] as? Int) == 1 }
            try await f.publish(key, of: grace)

            // No blocks for now: the transaction waits in the pool, and the node drops it.
            _ = try await chain.client.request("evm_setIntervalMining", [.number(0)], as: Bool.self)
            _ = try await chain.client.request("evm_setAutomine", [.bool(false)], as: Bool.self)
            #expect(try f.postTraces([f.trace(grace, nonce: 1, fee: 25, key: key)]).first?["status"] as? String == "accepted")
            try await f.wait("the policy's settle transaction") { !f.settleTransactions.isEmpty }
            let first = try Bytes32(hex: f.settleTransactions[0])
            #expect(try await chain.client.request("anvil_dropTransaction", [.string(first.description)], as: Bool.self))
            #expect(try await chain.client.transactionIsKnown(first) == false)
            try await f.wait("the agent to send the dropped transaction again") { try await chain.client.transactionIsKnown(first) }

            // Miners now skip tips below 1.5 gwei; the agent started at the node's 1 gwei.
            _ = try await chain.client.request("devchain_setMinPriorityFee", [.number(1.5e9)], as: Bool.self)
            _ = try await chain.client.request("evm_setIntervalMining", [.number(1000)], as: Bool.self)
            try await f.wait("grace's settlement to be confirmed") { try f.traceStatuses(grace)[1] == "settled" }
            let sent = f.settleTransactions
            #expect(sent.count == 3, "1 gwei, then 1.25 and 1.5625 gwei: \(f.eventLog)")
            #expect(f.logText.components(separatedBy: ", replacing ").count - 1 == 2)
            #expect(try await chain.client.transactionCount(of: providerAddress, block: .latest) == sentBefore + 1)
            #expect(try await chain.client.transactionReceipt(try Bytes32(hex: sent[2]))?.succeeded == true)
            #expect(try await f.view("providerEarnings()") == 25)
            #expect(try await f.view("nonceOf(address)", grace) == 1)
            f.stopAgent()
            let statuses = try SettlementStore(path: f.data.appendingPathComponent("agent.sqlite").path).transactions().map(\.status)
            #expect(statuses == [.replaced, .replaced, .mined])
        }
    }

    /// Without a provider key the agent sends nothing: it prepares the `settle` calldata, anyone
    /// sends it, and the agent confirms the settlement from the registry's events.
    @Test func withoutAKeyTheAgentPreparesCalldataAndConfirmsFromEvents() async throws {
        try await LiveChain.with(arguments: Self.nodeArguments) { chain in
            let f = try ChainAgentFixture(chain: chain)
            let ivan = try f.address(2)
            let key = EdDSAPrivateKey.generate()
            try await f.registryCall(from: 2, "deposit()", value: 100)
            try await f.registryCall(from: 2, "registerSignerKey(uint256)", [RegistryABI.word(ChainAgentFixture.keyHash(key))])
            let providerAddress = try EthereumAddress(hex: chain.node.accounts[1].address)
            let sentBefore = try await chain.client.transactionCount(of: providerAddress, block: .latest)
            try f.startAgent(["--confirmations", "1"], withKey: false)
            try await f.publish(key, of: ivan)
            #expect(try f.postTraces([f.trace(ivan, nonce: 1, fee: 12, key: key)]).first?["status"] as? String == "accepted")
            let planned = try f.post("/v1/settlements", ["users": [ivan.description]], admin: true)
            let id = try #require((planned.json["settlement"] as? [String: Any])?["id"] as? Int, "\(planned)")
            try await f.wait("the settlement to be proved") { (try f.get("/v1/settlements/\(id)").json["status"] as? String) == "proved" }
            let calldata = try #require((try f.get("/v1/settlements/\(id)/calldata").json["settle"] as? [String: Any])?["calldata"] as? String)
            let receipt = try await chain.send(from: 5, to: f.registry, data: try Hex.bytes(calldata, field: "settle.calldata"))
            #expect(receipt.succeeded)
            try await f.wait("the agent to confirm from the Settled event") {
                (try f.get("/v1/settlements/\(id)").json["status"] as? String) == "confirmed"
            }
            #expect(try f.traceStatuses(ivan)[1] == "settled")
            #expect(try await f.view("providerEarnings()") == 12)
            #expect(try await chain.client.transactionCount(of: providerAddress, block: .latest) == sentBefore)
            #expect(f.logText.contains("no provider key: settle calldata is prepared, not sent"))
            f.stopAgent()
        }
    }

    /// A registry that pays someone else, or a node on another chain, is refused at start-up
    /// with both values named.
    @Test func startUpRefusesARegistryThatIsNotTheAgents() async throws {
        try await LiveChain.with { chain in
            let f = try ChainAgentFixture(chain: chain)
            let other = chain.node.accounts[3].address.lowercased()
            do {
                try f.startAgent(["--provider", other], withKey: false)
                Issue.record("serve ran for a registry that pays another provider")
            } catch {
                #expect(f.logText.contains("--provider is \(other), but the registry pays \(f.provider)"), "\(f.logText)")
            }
            let stranger = f.work.appendingPathComponent("stranger.key")
            FileManager.default.createFile(atPath: stranger.path, contents: Data(chain.node.accounts[3].privateKey.utf8),
                                           attributes: [.posixPermissions: 0o600])
            do {
                try f.startAgent(["--provider-key-file", stranger.path], withKey: false)
                Issue.record("serve ran with a provider key the registry does not pay")
            } catch {
                #expect(f.logText.contains("the provider key is for \(other), but the registry pays \(f.provider)"), "\(f.logText)")
            }
            // No contract there; a contract that is not a registry; a registry for other keys.
            let nobody = try EthereumAddress(hex: chain.node.accounts[4].address)
            let verifier = try EthereumAddress(hex: try #require(f.deployment["verifier"] as? String))
            let otherKeys = try ChainAgentFixture(chain: chain)
            for (registry, message) in [
                (nobody, "no contract at the registry address \(nobody) on chain \(chain.node.chainId)"),
                (verifier, "the contract at \(verifier) reverts CHAIN_ID(): is it a settlement registry?"),
                (otherKeys.registry, "the registry's verifier \(try EthereumAddress(hex: try #require(otherKeys.deployment["verifier"] as? String))) rejects a proof made with the loaded keys"),
            ] {
                do {
                    try f.startAgent([], registry: registry)
                    Issue.record("serve ran on \(registry)")
                } catch {
                    #expect(f.logText.contains(message), "\(f.logText)")
                }
            }
        }
    }

    /// Gas of the agent's mined settle transactions per settled transition, from the store.
    static func gasPerSettledAccount(_ f: ChainAgentFixture) async throws -> String {
        let store = try SettlementStore(path: f.data.appendingPathComponent("agent.sqlite").path)
        let mined = try store.transactions().filter { $0.status == .mined }
        var parts: [String] = []
        for tx in mined {
            let transitions = try store.settlement(id: tx.settlementID)?.transitions.filter { $0.settledBlock != nil }.count ?? 0
            parts.append("\(tx.gasUsed ?? 0) gas / \(transitions)")
        }
        return parts.joined(separator: ", ")
    }
}
