import Foundation
import Testing
import TestSupport
@testable import Circuits

/// The registry's guarantees about block times (doc/CALLDATA.md, "Guarantees"), raced in revm
/// with real proofs against every twin: a withdrawal cannot outrun the settlement of what the
/// agent accepted before the request, and a rotated-out key settles until its thawing ends.
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with vyper and pyrevm (make test sets it)"))
struct SettlementRegistryRaceTests {
    typealias S = EVMScenario
    typealias R = RegistryScenario

    static let deposit: UInt128 = 1_000_000_000
    static let periods = RegistryTwin.Periods()

    struct Withdrawal {
        var keyHash: [UInt8]
        var accepted: R.Proven

        init() throws {
            var fixture = R.fixture(seed: 5500)
            keyHash = R.keyHash(fixture)
            accepted = try R.prove(&fixture, traces: 2, initNonce: 0, initBalance: deposit)
        }
    }

    static let withdrawal = Result(catching: Withdrawal.init)

    @Test(arguments: RegistryTwin.all)
    func settlementBeforeMaturityIsPaidBeforeTheWithdrawal(_ twin: RegistryTwin) throws {
        let w = try Self.withdrawal.get()
        let delay = Int(Self.periods.withdrawalDelay), window = Int(Self.periods.withdrawalWindow)
        var scenario = S(chainId: R.chainId)
        try twin.deploy(&scenario, key: R.verifyingKey, provider: R.provider, periods: Self.periods)
        let (user, r) = (R.alice, R.registry)
        let t0 = 1_000
        scenario.funded = [user, R.provider]
        scenario.watch = [user, R.provider]
        scenario.call("deposit", from: user, to: r, "deposit()", value: Self.deposit, timestamp: t0 - 10)
        scenario.call("register", from: user, to: r, "registerSignerKey(uint256)", [w.keyHash])
        // The user asks for everything while the agent holds accepted, unsettled traces.
        scenario.call("request", from: user, to: r, "requestWithdrawal(uint256)", [S.word(Self.deposit)], timestamp: t0)
        scenario.call("withdraw before maturity", from: user, to: r, "withdraw()", timestamp: t0 + delay - 1)
        scenario.call("settle before maturity", from: R.provider, to: r, calldata: R.settle([w.accepted.entry]))
        scenario.call("withdraw at maturity", from: user, to: r, "withdraw()", timestamp: t0 + delay)
        scenario.call("balance", from: user, to: r, "balanceOf(address)", [S.word(address: user)])
        scenario.call("withdraw earnings", from: R.provider, to: r, "withdrawEarnings()")
        // A matured request that is not executed within the window lapses.
        let t1 = t0 + delay + 100
        scenario.call("deposit again", from: user, to: r, "deposit()", value: 700, timestamp: t1)
        scenario.call("request again", from: user, to: r, "requestWithdrawal(uint256)", [S.word(700)])
        scenario.call("withdraw after the window", from: user, to: r, "withdraw()", timestamp: t1 + delay + window)
        // A new request restarts the full delay.
        let t2 = t1 + delay + window + 1
        scenario.call("request restarts", from: user, to: r, "requestWithdrawal(uint256)", [S.word(700)], timestamp: t2)
        scenario.call("withdraw before the new maturity", from: user, to: r, "withdraw()", timestamp: t2 + delay - 1)
        scenario.call("withdraw at the window's end", from: user, to: r, "withdraw()", timestamp: t2 + delay + window - 1)
        scenario.call("withdraw twice", from: user, to: r, "withdraw()")
        let outcome = try scenario.run()

        #expect(outcome["request"].logs == [R.log(.withdrawalRequested, S.word(address: user), [
            S.word(Self.deposit), S.word(UInt128(t0 + delay)), S.word(UInt128(t0 + delay + window)),
        ])])
        #expect(twin.reverted(outcome["withdraw before maturity"], with: "WithdrawalNotReady"))
        let settled = outcome["settle before maturity"]
        #expect(settled.success, "\(settled.revert)")
        #expect(settled.logs == [R.settled(w.accepted, balance: w.accepted.statement.finalBalance)])
        // The withdrawal pays what settlement left; the provider is paid in full.
        let paid = Self.deposit - w.accepted.amount
        #expect(outcome["withdraw at maturity"].logs == [R.log(.withdrawn, S.word(address: user), [S.word(paid), S.word(0)])])
        let userBefore = try #require(UInt128(outcome["settle before maturity"].balances[0]))
        let userAfter = try #require(UInt128(outcome["withdraw at maturity"].balances[0]))
        #expect(userAfter - userBefore == paid)
        #expect(outcome["balance"].returndata == S.wordHex(0))
        let providerBefore = try #require(UInt128(outcome["balance"].balances[1]))
        let providerAfter = try #require(UInt128(outcome["withdraw earnings"].balances[1]))
        #expect(providerAfter - providerBefore == w.accepted.amount)
        #expect(w.accepted.amount > 0)
        #expect(twin.reverted(outcome["withdraw after the window"], with: "WithdrawalLapsed"))
        #expect(outcome["request restarts"].logs == [R.log(.withdrawalRequested, S.word(address: user), [
            S.word(700), S.word(UInt128(t2 + delay)), S.word(UInt128(t2 + delay + window)),
        ])])
        #expect(twin.reverted(outcome["withdraw before the new maturity"], with: "WithdrawalNotReady"))
        #expect(outcome["withdraw at the window's end"].logs == [R.log(.withdrawn, S.word(address: user), [S.word(700), S.word(0)])])
        #expect(twin.reverted(outcome["withdraw twice"], with: "NoWithdrawalPending"))
    }

    /// Proofs under the first key and under the key it rotates to, chained nonce to nonce.
    struct Rotation {
        var oldKey: [UInt8], newKey: [UInt8], thirdKey: [UInt8]
        var oldFirst: R.Proven, oldSecond: R.Proven, newSecond: R.Proven, newThird: R.Proven

        init() throws {
            var old = R.fixture(seed: 5600)
            var new = R.fixture(seed: 5601)
            oldKey = R.keyHash(old)
            newKey = R.keyHash(new)
            thirdKey = R.keyHash(R.fixture(seed: 5602))
            oldFirst = try R.prove(&old, initNonce: 0, initBalance: deposit)
            oldSecond = try R.prove(&old, after: oldFirst)
            newSecond = try R.prove(&new, after: oldFirst)
            newThird = try R.prove(&new, after: newSecond)
        }
    }

    static let rotation = Result(catching: Rotation.init)

    @Test(arguments: RegistryTwin.all)
    func rotatedOutKeySettlesUntilItsThawingEnds(_ twin: RegistryTwin) throws {
        let k = try Self.rotation.get()
        let thawing = Int(Self.periods.thawingPeriod)
        var scenario = S(chainId: R.chainId)
        try twin.deploy(&scenario, key: R.verifyingKey, provider: R.provider, periods: Self.periods)
        let (user, r) = (R.alice, R.registry)
        let t0 = 10_000
        scenario.funded = [user, R.stranger]
        scenario.call("deposit", from: user, to: r, "deposit()", value: Self.deposit, timestamp: t0 - 100)
        scenario.call("register", from: user, to: r, "registerSignerKey(uint256)", [k.oldKey])
        scenario.call("rotate without a key", from: R.stranger, to: r, "rotateSignerKey(uint256)", [k.newKey])
        scenario.call("rotate to the same key", from: user, to: r, "rotateSignerKey(uint256)", [k.oldKey])
        scenario.call("rotate", from: user, to: r, "rotateSignerKey(uint256)", [k.newKey], timestamp: t0)
        scenario.call("rotate while thawing", from: user, to: r, "rotateSignerKey(uint256)", [k.thirdKey], timestamp: t0 + 1)
        scenario.call("old key while thawing", from: R.stranger, to: r, calldata: R.settle([k.oldFirst.entry]),
                      timestamp: t0 + thawing - 1)
        scenario.call("old key after thawing", from: R.stranger, to: r, calldata: R.settle([k.oldSecond.entry]),
                      timestamp: t0 + thawing)
        scenario.call("new key", from: R.stranger, to: r, calldata: R.settle([k.newSecond.entry]))
        scenario.call("rotate again", from: user, to: r, "rotateSignerKey(uint256)", [k.thirdKey])
        scenario.call("second key while thawing", from: R.stranger, to: r, calldata: R.settle([k.newThird.entry]),
                      timestamp: t0 + 2 * thawing - 1)
        scenario.call("key", from: user, to: r, "signerKeyHashOf(address)", [S.word(address: user)])
        scenario.call("previous key", from: user, to: r, "previousSignerKeyHashOf(address)", [S.word(address: user)])
        scenario.call("valid until", from: user, to: r, "previousSignerKeyValidUntil(address)", [S.word(address: user)])
        let outcome = try scenario.run()

        #expect(twin.reverted(outcome["rotate without a key"], with: "NoSignerKey"))
        #expect(twin.reverted(outcome["rotate to the same key"], with: "InvalidSignerKeyHash"))
        #expect(outcome["rotate"].logs == [R.log(.signerKeyRotated, S.word(address: user),
                                                 [k.oldKey, k.newKey, S.word(UInt128(t0 + thawing))])])
        #expect(twin.reverted(outcome["rotate while thawing"], with: "SignerKeyThawing"))
        #expect(outcome["old key while thawing"].logs == [R.settled(k.oldFirst, balance: k.oldFirst.statement.finalBalance)])
        #expect(outcome["old key after thawing"].logs == [R.skipped(k.oldSecond.statement.user, index: 0, .wrongSignerKey)])
        #expect(outcome["new key"].logs == [R.settled(k.newSecond, balance: k.newSecond.statement.finalBalance)])
        #expect(outcome["rotate again"].logs == [R.log(.signerKeyRotated, S.word(address: user),
                                                       [k.newKey, k.thirdKey, S.word(UInt128(t0 + 2 * thawing))])])
        #expect(outcome["second key while thawing"].logs == [R.settled(k.newThird, balance: k.newThird.statement.finalBalance)])
        #expect(outcome["key"].returndata == ABIEncoding.hexDigits(k.thirdKey))
        #expect(outcome["previous key"].returndata == ABIEncoding.hexDigits(k.newKey))
        #expect(outcome["valid until"].returndata == S.wordHex(UInt128(t0 + 2 * thawing)))
    }
}
