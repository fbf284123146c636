import Foundation
import Testing
import TestSupport
@testable import Circuits

/// The settlement registry run for real: `SettlementRegistry.vy` (the twin of
/// SettlementRegistry.sol) and the Vyper verifiers compiled with vyper and deployed in revm,
/// settling proofs made by our prover for the settlement circuit (2 slots, development keys).
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with vyper and pyrevm (make test sets it)"))
struct SettlementRegistryContractTests {
    typealias S = EVMScenario
    static let slots = 2
    static let chainId: UInt64 = 31337
    static let delay: UInt128 = 3_600
    static let provingKey = DevelopmentSetup.insecureKeys(for: try! SettlementCircuit(traces: slots).r1cs())

    /// The fixture's user and provider (0xA11CE, 0xB0B) as addresses.
    static let user = [UInt8](repeating: 0, count: 17) + [0x0a, 0x11, 0xce]
    static let provider = [UInt8](repeating: 0, count: 18) + [0x0b, 0x0b]
    static let stranger = [UInt8](repeating: 0x22, count: 20)

    struct Proven {
        var statement: SettlementStatement
        var proof: Proof
        var entry: (proof: Proof, publicSignals: [Fr]) { (proof, statement.publicSignals) }
    }

    static func prove(_ input: SettlementWitnessInput) throws -> Proven {
        let witness = try SettlementCircuit(traces: slots).witness(for: input)
        let proof = try Groth16Prover(key: provingKey).prove(witness).proof
        #expect(try Groth16Verifier.verify(proof, publicSignals: input.statement.publicSignals, key: provingKey.verifyingKey))
        return Proven(statement: input.statement, proof: proof)
    }

    /// The verifier, the batch verifier and a registry paying `provider`, deployed in that order;
    /// returns the registry's domain Poseidon(chainId, registry address).
    static func deploy(_ scenario: inout S, provider: [UInt8] = provider) -> Fr {
        let vk = provingKey.verifyingKey
        let verifier = scenario.deploy(VyperVerifier.source(vk))
        let batchVerifier = scenario.deploy(VyperVerifier.batchSource(vk, maxProofs: 4))
        let registryAddress = S.contractAddress(index: 2)
        let domain = SettlementStatement.domain(chainId: chainId, settlementContract: Fr(reducingBigEndian: registryAddress))
        _ = scenario.deploy(SettlementRegistry.vyperSource(maxProofs: 4), arguments: [
            domain.bigEndianBytes, S.word(address: provider), S.word(address: verifier), S.word(address: batchVerifier),
            S.word(delay),
        ])
        return domain
    }

    static let registry = 2

    /// A proof whose A is doubled: well-formed, on the curve, wrong for its statement.
    static func tampered(_ p: Proven) -> (proof: Proof, publicSignals: [Fr]) {
        var proof = p.proof
        proof.a = proof.a.jacobian.doubled().affine
        return (proof, p.statement.publicSignals)
    }

    @Test func settlesRealProofsAndRejectsReplaysAndForgeries() throws {
        var scenario = S(chainId: Self.chainId)
        let domain = Self.deploy(&scenario)
        var fixture = SettlementFixture(seed: 5000, domain: domain)
        let deposit: UInt128 = 1_000_000_000
        let first = try Self.prove(fixture.input(traces: 2, slots: Self.slots, initNonce: 0, initBalance: deposit))
        let overdrawn = try Self.prove(fixture.input(traces: 1, slots: Self.slots, initNonce: 0, initBalance: deposit + 1))
        var elsewhere = SettlementFixture(seed: 5000, domain: SettlementStatement.domain(chainId: Self.chainId + 1,
                                                                                          settlementContract: Fr(0x5e77_1e00)))
        let otherDomain = try Self.prove(elsewhere.input(traces: 1, slots: Self.slots, initNonce: 0, initBalance: deposit))
        let s1 = first.statement
        let second = try Self.prove(fixture.input(traces: 1, slots: Self.slots, initNonce: s1.finalNonce, initBalance: s1.finalBalance))
        let s2 = second.statement
        let third = try Self.prove(fixture.input(traces: 2, slots: Self.slots, initNonce: s2.finalNonce, initBalance: s2.finalBalance))
        let s3 = third.statement
        var richer = first.entry  // the statement changed to pay the provider one more wei
        richer.publicSignals[7] = Fr(integer: s1.finalBalance - 1)
        let keyHash = SettlementStatement.signerKeyHash(of: fixture.signerKey)
        let topUp: UInt128 = 500

        let (user, provider, r) = (Self.user, Self.provider, Self.registry)
        scenario.funded = [user, provider, Self.stranger]
        scenario.watch = [provider]
        scenario.call("deposit", from: user, to: r, "deposit()", value: deposit)
        scenario.call("register", from: user, to: r, "registerSignerKey(uint256)", [keyHash.bigEndianBytes])
        scenario.call("overdrawn", from: user, to: r, calldata: SettlementRegistry.settleCalldata([overdrawn.entry]))
        scenario.call("other domain", from: user, to: r, calldata: SettlementRegistry.settleCalldata([otherDomain.entry]))
        scenario.call("tampered", from: provider, to: r, calldata: SettlementRegistry.settleCalldata([Self.tampered(first)]))
        scenario.call("richer", from: provider, to: r, calldata: SettlementRegistry.settleCalldata([richer]))
        scenario.call("too early", from: provider, to: r, calldata: SettlementRegistry.settleCalldata([second.entry]))
        scenario.call("settle", from: Self.stranger, to: r, calldata: SettlementRegistry.settleCalldata([first.entry]))
        scenario.call("replay", from: provider, to: r, calldata: SettlementRegistry.settleCalldata([first.entry]))
        scenario.call("top up", from: user, to: r, "deposit()", value: topUp)
        scenario.call("wrong order", from: provider, to: r, calldata: SettlementRegistry.settleCalldata([third.entry, second.entry]))
        scenario.call("tampered batch", from: provider, to: r,
                      calldata: SettlementRegistry.settleCalldata([second.entry, Self.tampered(third)]))
        scenario.call("batch", from: provider, to: r, calldata: SettlementRegistry.settleCalldata([second.entry, third.entry]))
        scenario.call("balance", from: user, to: r, "balanceOf(address)", [S.word(address: user)])
        scenario.call("nonce", from: user, to: r, "nonceOf(address)", [S.word(address: user)])
        scenario.call("earnings", from: user, to: r, "providerEarnings()")
        scenario.call("stranger withdraws earnings", from: Self.stranger, to: r, "withdrawEarnings()")
        scenario.call("withdraw earnings", from: provider, to: r, "withdrawEarnings()")
        scenario.call("earnings after", from: user, to: r, "providerEarnings()")
        let outcome = try scenario.run()

        #expect(outcome.addresses == (0..<3).map { S.hex(S.contractAddress(index: $0)) }, "CREATE addresses as predicted")
        #expect(outcome["deposit"].success && outcome["register"].success)
        #expect(outcome["overdrawn"].revert == "InsufficientBalance")
        #expect(outcome["other domain"].revert == "WrongDomain")
        #expect(outcome["tampered"].revert == "InvalidProof")
        #expect(outcome["richer"].revert == "InvalidProof")
        #expect(outcome["too early"].revert == "WrongNonce")
        let settled = outcome["settle"]
        #expect(settled.success, "\(settled.revert)")
        let amount1 = s1.initBalance - s1.finalBalance
        #expect(amount1 > 0)
        #expect(settled.returndata == S.wordHex(amount1))
        let settledTopic = ABIEncoding.hexDigits(Keccak256.hash(Array("Settled(address,uint256,uint256,uint256,uint256)".utf8)))
        #expect(settled.logs == [S.Log(address: outcome.addresses[2], topics: [settledTopic, ABIEncoding.hexDigits(S.word(address: user))],
                                       data: [UInt128(s1.initNonce), UInt128(s1.finalNonce), amount1, s1.finalBalance].map(S.wordHex).joined())])
        #expect(outcome["replay"].revert == "WrongNonce")
        #expect(outcome["wrong order"].revert == "WrongNonce")
        #expect(outcome["tampered batch"].revert == "InvalidProof")
        // A deposit between proving and settling does not invalidate the proofs (initBalance <= balance).
        let batch = outcome["batch"]
        #expect(batch.success, "\(batch.revert)")
        let amount23 = s2.initBalance - s3.finalBalance
        #expect(batch.returndata == S.wordHex(amount23))
        #expect(batch.logs.count == 2)
        print("SettlementRegistry.vy in revm: settle gas \(settled.gas) for one proof, \(batch.gas) for a batch of two")
        #expect(outcome["balance"].returndata == S.wordHex(s3.finalBalance + topUp))
        #expect(outcome["nonce"].returndata == S.wordHex(UInt128(s3.finalNonce)))
        #expect(outcome["earnings"].returndata == S.wordHex(deposit - s3.finalBalance))
        #expect(outcome["stranger withdraws earnings"].revert == "NotProvider")
        let before = try #require(UInt128(outcome["stranger withdraws earnings"].balances[0]))
        let after = try #require(UInt128(outcome["withdraw earnings"].balances[0]))
        #expect(after - before == deposit - s3.finalBalance, "the provider is paid every settled fee")
        #expect(outcome["earnings after"].returndata == S.wordHex(0))
    }

    @Test func keysAndWithdrawalsFollowTheRules() throws {
        var scenario = S(chainId: Self.chainId)
        let domain = Self.deploy(&scenario)
        var fixture = SettlementFixture(seed: 5100, domain: domain)
        let proof = try Self.prove(fixture.input(traces: 1, slots: Self.slots, initNonce: 0, initBalance: 1_000))
        let keyHash = SettlementStatement.signerKeyHash(of: fixture.signerKey)
        let settle = SettlementRegistry.settleCalldata([proof.entry])
        let (user, r) = (Self.user, Self.registry)
        let t0 = 1_000
        scenario.funded = [user, Self.provider]
        scenario.watch = [user]
        scenario.call("zero deposit", from: user, to: r, "deposit()")
        scenario.call("deposit", from: user, to: r, "deposit()", value: 1_000)
        scenario.call("no key", from: user, to: r, calldata: settle)
        scenario.call("zero key", from: user, to: r, "registerSignerKey(uint256)", [S.word(0)])
        scenario.call("key >= r", from: user, to: r, "registerSignerKey(uint256)", [Fr.modulus.bigEndianBytes(count: 32)!])
        scenario.call("other key", from: user, to: r, "registerSignerKey(uint256)", [(keyHash + .one).bigEndianBytes])
        scenario.call("key again", from: user, to: r, "registerSignerKey(uint256)", [keyHash.bigEndianBytes])
        scenario.call("wrong key", from: user, to: r, calldata: settle)
        scenario.call("too much", from: user, to: r, "requestWithdrawal(uint256)", [S.word(1_001)])
        scenario.call("request", from: user, to: r, "requestWithdrawal(uint256)", [S.word(600)], timestamp: t0)
        scenario.call("early", from: user, to: r, "withdraw()", timestamp: t0 + Int(Self.delay) - 1)
        scenario.call("withdraw", from: user, to: r, "withdraw()", timestamp: t0 + Int(Self.delay))
        scenario.call("again", from: user, to: r, "withdraw()")
        scenario.call("balance", from: user, to: r, "balanceOf(address)", [S.word(address: user)])
        let outcome = try scenario.run()

        #expect(outcome["zero deposit"].revert == "InvalidAmount")
        #expect(outcome["deposit"].success)
        #expect(outcome["no key"].revert == "WrongSignerKey")
        #expect(outcome["zero key"].revert == "InvalidSignerKeyHash")
        #expect(outcome["key >= r"].revert == "InvalidSignerKeyHash")
        #expect(outcome["other key"].success)
        #expect(outcome["key again"].revert == "SignerKeyAlreadyRegistered", "a key is registered once")
        #expect(outcome["wrong key"].revert == "WrongSignerKey")
        #expect(outcome["too much"].revert == "InvalidAmount")
        #expect(outcome["request"].success)
        #expect(outcome["early"].revert == "WithdrawalNotReady")
        #expect(outcome["withdraw"].success, "\(outcome["withdraw"].revert)")
        let before = try #require(UInt128(outcome["early"].balances[0]))
        let after = try #require(UInt128(outcome["withdraw"].balances[0]))
        #expect(after - before == 600)
        #expect(outcome["again"].revert == "NoWithdrawalPending")
        #expect(outcome["balance"].returndata == S.wordHex(400))
    }

    @Test func refusesAnotherProvidersProofs() throws {
        var scenario = S(chainId: Self.chainId)
        let domain = Self.deploy(&scenario, provider: Self.stranger)
        var fixture = SettlementFixture(seed: 5200, domain: domain)
        let proof = try Self.prove(fixture.input(traces: 1, slots: Self.slots, initNonce: 0, initBalance: 1_000))
        scenario.funded = [Self.user]
        scenario.call("deposit", from: Self.user, to: Self.registry, "deposit()", value: 1_000)
        scenario.call("register", from: Self.user, to: Self.registry, "registerSignerKey(uint256)",
                      [SettlementStatement.signerKeyHash(of: fixture.signerKey).bigEndianBytes])
        scenario.call("settle", from: Self.user, to: Self.registry, calldata: SettlementRegistry.settleCalldata([proof.entry]))
        let outcome = try scenario.run()
        #expect(outcome["register"].success)
        #expect(outcome["settle"].revert == "WrongProvider")
    }
}
