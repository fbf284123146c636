import Foundation
import Testing
import TestSupport
@testable import Circuits

/// The settlement registry run for real, in revm, with proofs made by our prover for the
/// settlement circuit (2 slots, development keys): the Vyper twin, and SettlementRegistry.sol
/// with Verifier.sol and BatchVerifier.sol compiled by solc under the four configurations
/// (`RegistryTwin.all`). Every case runs the same transactions and expects the same outcome.
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with vyper and pyrevm (make test sets it)"))
struct SettlementRegistryContractTests {
    typealias S = EVMScenario
    typealias R = RegistryScenario

    static let deposit: UInt128 = 1_000_000_000

    /// One user's chain of proofs, and forgeries of them.
    struct Basic {
        var fixture = R.fixture(seed: 5000)
        var first: R.Proven, second: R.Proven, third: R.Proven, overdrawn: R.Proven, otherDomain: R.Proven

        init() throws {
            first = try R.prove(&fixture, traces: 2, initNonce: 0, initBalance: deposit)
            overdrawn = try R.prove(&fixture, initNonce: 0, initBalance: deposit + 1)
            second = try R.prove(&fixture, after: first)
            third = try R.prove(&fixture, after: second, traces: 2)
            var elsewhere = SettlementFixture(seed: 5000, domain: SettlementStatement.domain(chainId: R.chainId + 1,
                                                                                              settlementContract: Fr(0x5e77_1e00)))
            otherDomain = try R.prove(&elsewhere, initNonce: 0, initBalance: deposit)
        }
    }

    static let basic = Result(catching: Basic.init)

    @Test(arguments: RegistryTwin.all)
    func settlesValidProofsSkipsStaleOnesAndRevertsOnForgeries(_ twin: RegistryTwin) throws {
        let b = try Self.basic.get()
        var richer = b.first.entry  // the statement changed to pay the provider one more wei
        richer.publicSignals[7] = Fr(integer: b.first.statement.finalBalance - 1)
        let topUp: UInt128 = 500
        var scenario = S(chainId: R.chainId)
        try twin.deploy(&scenario, key: R.verifyingKey, provider: R.provider)
        let (user, r) = (R.alice, R.registry)
        scenario.funded = [user, R.provider, R.stranger]
        scenario.watch = [R.provider]
        scenario.call("domain", from: user, to: r, "DOMAIN()")
        scenario.call("chain", from: user, to: r, "CHAIN_ID()")
        scenario.call("deposit", from: user, to: r, "deposit()", value: Self.deposit)
        scenario.call("register", from: user, to: r, "registerSignerKey(uint256)", [R.keyHash(b.fixture)])
        scenario.call("overdrawn", from: user, to: r, calldata: R.settle([b.overdrawn.entry]))
        scenario.call("other domain", from: user, to: r, calldata: R.settle([b.otherDomain.entry]))
        scenario.call("tampered", from: R.provider, to: r, calldata: R.settle([b.first.tampered]))
        scenario.call("richer", from: R.provider, to: r, calldata: R.settle([richer]))
        scenario.call("too early", from: R.provider, to: r, calldata: R.settle([b.second.entry]))
        scenario.call("settle", from: R.stranger, to: r, calldata: R.settle([b.first.entry]))
        scenario.call("replay", from: R.provider, to: r, calldata: R.settle([b.first.entry]))
        scenario.call("top up", from: user, to: r, "deposit()", value: topUp)
        scenario.call("tampered batch", from: R.provider, to: r, calldata: R.settle([b.second.entry, b.third.tampered]))
        scenario.call("batch", from: R.provider, to: r, calldata: R.settle([b.second.entry, b.third.entry]))
        scenario.call("balance", from: user, to: r, "balanceOf(address)", [S.word(address: user)])
        scenario.call("nonce", from: user, to: r, "nonceOf(address)", [S.word(address: user)])
        scenario.call("earnings", from: user, to: r, "providerEarnings()")
        scenario.call("stranger withdraws earnings", from: R.stranger, to: r, "withdrawEarnings()")
        scenario.call("withdraw earnings", from: R.provider, to: r, "withdrawEarnings()")
        scenario.call("earnings after", from: user, to: r, "providerEarnings()")
        let outcome = try scenario.run()

        #expect(outcome.addresses == (0..<3).map { S.hex(S.contractAddress(index: $0)) }, "CREATE addresses as predicted")
        #expect(outcome["domain"].returndata == ABIEncoding.hexDigits(R.domain.bigEndianBytes), "DOMAIN = Poseidon(chainid, address)")
        #expect(outcome["chain"].returndata == S.wordHex(UInt128(R.chainId)))
        #expect(outcome["deposit"].success && outcome["register"].success)
        // A statement the state does not match is skipped, not reverted, and pays nothing.
        #expect(outcome["overdrawn"].returndata == S.wordHex(0))
        #expect(outcome["overdrawn"].logs == [R.skipped(b.overdrawn.statement.user, index: 0, .insufficientBalance)])
        #expect(outcome["other domain"].logs == [R.skipped(b.otherDomain.statement.user, index: 0, .wrongDomain)])
        #expect(outcome["too early"].logs == [R.skipped(b.second.statement.user, index: 0, .wrongNonce)])
        // A proof that does not verify reverts the whole call.
        #expect(twin.reverted(outcome["tampered"], with: "InvalidProof"), "\(outcome["tampered"].revert)")
        #expect(twin.reverted(outcome["richer"], with: "InvalidProof"))
        #expect(twin.reverted(outcome["tampered batch"], with: "InvalidProof"))
        let settled = outcome["settle"]
        #expect(settled.success, "\(settled.revert)")
        #expect(b.first.amount > 0)
        #expect(settled.returndata == S.wordHex(b.first.amount))
        #expect(settled.logs == [R.settled(b.first, balance: b.first.statement.finalBalance)])
        #expect(outcome["replay"].returndata == S.wordHex(0))
        #expect(outcome["replay"].logs == [R.skipped(b.first.statement.user, index: 0, .wrongNonce)])
        // A deposit between proving and settling does not invalidate the proofs (initBalance <= balance).
        let batch = outcome["batch"]
        #expect(batch.success, "\(batch.revert)")
        #expect(batch.returndata == S.wordHex(b.second.amount + b.third.amount))
        #expect(batch.logs == [R.settled(b.second, balance: b.second.statement.finalBalance + topUp),
                               R.settled(b.third, balance: b.third.statement.finalBalance + topUp)])
        #expect(outcome["balance"].returndata == S.wordHex(b.third.statement.finalBalance + topUp))
        #expect(outcome["nonce"].returndata == S.wordHex(UInt128(b.third.statement.finalNonce)))
        let fees = Self.deposit - b.third.statement.finalBalance
        #expect(outcome["earnings"].returndata == S.wordHex(fees))
        #expect(twin.reverted(outcome["stranger withdraws earnings"], with: "NotProvider"))
        let before = try #require(UInt128(outcome["stranger withdraws earnings"].balances[0]))
        let after = try #require(UInt128(outcome["withdraw earnings"].balances[0]))
        #expect(after - before == fees, "the provider is paid every settled fee")
        #expect(outcome["earnings after"].returndata == S.wordHex(0))
    }

    /// Three users; bob's proofs go stale (his nonce and then his balance move).
    struct ThreeUsers {
        var alice = R.fixture(seed: 5300)
        var bob = R.fixture(seed: 5301, user: R.address(0xB0B0B))
        var carol = R.fixture(seed: 5302, user: R.address(0xCA201))
        var a1: R.Proven, a2: R.Proven, a3: R.Proven, b1: R.Proven, b2: R.Proven, c1: R.Proven

        init() throws {
            a1 = try R.prove(&alice, initNonce: 0, initBalance: deposit)
            a2 = try R.prove(&alice, after: a1)
            a3 = try R.prove(&alice, after: a2)
            b1 = try R.prove(&bob, initNonce: 0, initBalance: deposit)
            b2 = try R.prove(&bob, after: b1)
            c1 = try R.prove(&carol, initNonce: 0, initBalance: deposit)
        }
    }

    static let threeUsers = Result(catching: ThreeUsers.init)

    @Test(arguments: RegistryTwin.all)
    func oneStaleAccountDoesNotBlockTheOthers(_ twin: RegistryTwin) throws {
        let u = try Self.threeUsers.get()
        let (alice, bob, carol) = (R.alice, R.address(0xB0B0B), R.address(0xCA201))
        // Statements whose signals no longer match their proofs: skipped before any verification.
        var notAnAddress = u.a3.entry
        notAnAddress.publicSignals[2] = Fr(reducingBigEndian: [1] + [UInt8](repeating: 0, count: 20))  // 2^160
        var otherProvider = u.a3.entry
        otherProvider.publicSignals[1] = Fr(0xB0C)
        var noProgress = u.a3.entry
        noProgress.publicSignals[5] = noProgress.publicSignals[4]
        var scenario = S(chainId: R.chainId)
        try twin.deploy(&scenario, key: R.verifyingKey, provider: R.provider)
        let r = R.registry
        let t0 = 5_000
        scenario.funded = [alice, bob, carol, R.provider]
        for (account, fixture) in [(alice, u.alice), (bob, u.bob), (carol, u.carol)] {
            scenario.call("deposit \(account)", from: account, to: r, "deposit()", value: Self.deposit, timestamp: t0)
            scenario.call("register \(account)", from: account, to: r, "registerSignerKey(uint256)", [R.keyHash(fixture)])
        }
        scenario.call("bob alone", from: R.provider, to: r, calldata: R.settle([u.b1.entry]))
        scenario.call("stale bob", from: R.provider, to: r, calldata: R.settle([u.a1.entry, u.b1.entry, u.c1.entry]))
        scenario.call("bob requests", from: bob, to: r, "requestWithdrawal(uint256)", [S.word(1)])
        scenario.call("bob withdraws", from: bob, to: r, "withdraw()", timestamp: t0 + 3_600)
        scenario.call("one left", from: R.provider, to: r, calldata: R.settle([u.b2.entry, u.a2.entry]))
        scenario.call("forgery beside a stale one", from: R.provider, to: r, calldata: R.settle([u.b2.entry, u.a3.tampered]))
        scenario.call("all stale", from: R.provider, to: r, calldata: R.settle([u.b2.entry, u.b1.entry]))
        scenario.call("checks", from: R.provider, to: r, calldata: R.settle([notAnAddress, otherProvider, noProgress]))
        scenario.call("alice nonce", from: alice, to: r, "nonceOf(address)", [S.word(address: alice)])
        scenario.call("earnings", from: alice, to: r, "providerEarnings()")
        let outcome = try scenario.run()

        #expect(outcome["bob alone"].logs == [R.settled(u.b1, balance: u.b1.statement.finalBalance)])
        // Alice's and carol's transitions settle; their two proofs are verified in one batch.
        let stale = outcome["stale bob"]
        #expect(stale.success, "\(stale.revert)")
        #expect(stale.returndata == S.wordHex(u.a1.amount + u.c1.amount))
        #expect(stale.logs == [R.settled(u.a1, balance: u.a1.statement.finalBalance), R.skipped(u.b1.statement.user, index: 1, .wrongNonce),
                               R.settled(u.c1, balance: u.c1.statement.finalBalance)])
        #expect(outcome["bob withdraws"].success, "\(outcome["bob withdraws"].revert)")
        // Bob's balance fell below his proof's initBalance; alice's proof is checked alone (verifyProof).
        let oneLeft = outcome["one left"]
        #expect(oneLeft.returndata == S.wordHex(u.a2.amount), "\(oneLeft.revert)")
        #expect(oneLeft.logs == [R.skipped(u.b2.statement.user, index: 0, .insufficientBalance),
                                 R.settled(u.a2, balance: u.a2.statement.finalBalance)])
        #expect(twin.reverted(outcome["forgery beside a stale one"], with: "InvalidProof"))
        #expect(outcome["all stale"].returndata == S.wordHex(0))
        #expect(outcome["all stale"].logs == [R.skipped(u.b2.statement.user, index: 0, .insufficientBalance),
                                              R.skipped(u.b1.statement.user, index: 1, .wrongNonce)])
        #expect(outcome["checks"].logs == [R.skipped(notAnAddress.publicSignals[2], index: 0, .invalidUser),
                                           R.skipped(u.a3.statement.user, index: 1, .wrongProvider),
                                           R.skipped(u.a3.statement.user, index: 2, .invalidTransition)])
        #expect(outcome["alice nonce"].returndata == S.wordHex(UInt128(u.a2.statement.finalNonce)), "the reverted call changed nothing")
        #expect(outcome["earnings"].returndata == S.wordHex(u.a1.amount + u.b1.amount + u.c1.amount + u.a2.amount))
    }

    @Test(arguments: RegistryTwin.all)
    func keysAndDepositsFollowTheRules(_ twin: RegistryTwin) throws {
        var fixture = R.fixture(seed: 5100)
        let proof = try R.prove(&fixture, initNonce: 0, initBalance: 1_000)
        let keyHash = SettlementStatement.signerKeyHash(of: fixture.signerKey)
        var scenario = S(chainId: R.chainId)
        try twin.deploy(&scenario, key: R.verifyingKey, provider: R.provider)
        let (user, r) = (R.alice, R.registry)
        scenario.funded = [user]
        scenario.call("zero deposit", from: user, to: r, "deposit()")
        scenario.call("deposit", from: user, to: r, "deposit()", value: 1_000)
        scenario.call("no key", from: user, to: r, calldata: R.settle([proof.entry]))
        scenario.call("zero key", from: user, to: r, "registerSignerKey(uint256)", [S.word(0)])
        scenario.call("key >= r", from: user, to: r, "registerSignerKey(uint256)", [Fr.modulus.bigEndianBytes(count: 32)!])
        scenario.call("other key", from: user, to: r, "registerSignerKey(uint256)", [(keyHash + .one).bigEndianBytes])
        scenario.call("key again", from: user, to: r, "registerSignerKey(uint256)", [keyHash.bigEndianBytes])
        scenario.call("wrong key", from: user, to: r, calldata: R.settle([proof.entry]))
        scenario.call("empty", from: user, to: r, calldata: Keccak256.selector(SettlementRegistry.settleSignature)
                          + [S.word(64), S.word(96), S.word(0), S.word(0)].flatMap { $0 })
        scenario.call("too much", from: user, to: r, "requestWithdrawal(uint256)", [S.word(1_001)])
        scenario.call("nothing requested", from: user, to: r, "withdraw()")
        let outcome = try scenario.run()

        #expect(twin.reverted(outcome["zero deposit"], with: "InvalidAmount"))
        #expect(outcome["deposit"].logs == [R.log(.deposited, S.word(address: user), [S.word(1_000), S.word(1_000)])])
        #expect(outcome["no key"].logs == [R.skipped(proof.statement.user, index: 0, .wrongSignerKey)])
        #expect(twin.reverted(outcome["zero key"], with: "InvalidSignerKeyHash"))
        #expect(twin.reverted(outcome["key >= r"], with: "InvalidSignerKeyHash"))
        #expect(outcome["other key"].logs == [R.log(.signerKeyRegistered, S.word(address: user), [(keyHash + .one).bigEndianBytes])])
        #expect(twin.reverted(outcome["key again"], with: "SignerKeyAlreadyRegistered"), "a first key is registered once; later ones rotate")
        #expect(outcome["wrong key"].logs == [R.skipped(proof.statement.user, index: 0, .wrongSignerKey)])
        #expect(twin.reverted(outcome["empty"], with: "EmptyBatch"))
        #expect(twin.reverted(outcome["too much"], with: "InvalidAmount"))
        #expect(twin.reverted(outcome["nothing requested"], with: "NoWithdrawalPending"))
    }

    @Test(arguments: RegistryTwin.all)
    func refusesAnotherProvidersProofs(_ twin: RegistryTwin) throws {
        var fixture = R.fixture(seed: 5200)
        let proof = try R.prove(&fixture, initNonce: 0, initBalance: 1_000)
        var scenario = S(chainId: R.chainId)
        try twin.deploy(&scenario, key: R.verifyingKey, provider: R.stranger)
        scenario.funded = [R.alice]
        scenario.call("deposit", from: R.alice, to: R.registry, "deposit()", value: 1_000)
        scenario.call("register", from: R.alice, to: R.registry, "registerSignerKey(uint256)", [R.keyHash(fixture)])
        scenario.call("settle", from: R.alice, to: R.registry, calldata: R.settle([proof.entry]))
        let outcome = try scenario.run()
        #expect(outcome["register"].success)
        #expect(outcome["settle"].logs == [R.skipped(proof.statement.user, index: 0, .wrongProvider)])
    }
}
