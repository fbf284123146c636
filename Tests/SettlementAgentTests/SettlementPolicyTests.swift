import Testing
@testable import Traces
@testable import SettlementAgent

/// Which accounts the settlement policy settles, why, and in which order (doc/CHAIN.md,
/// "Settlement policy").
@Suite struct SettlementPolicyTests {
    static let now = 1_800_000_000.0

    static func account(_ i: UInt8, unsettled: UInt128 = 10, age: Double = 0, withdrawal: UInt64? = nil,
                        keyValidUntil: UInt64? = nil) -> PendingAccount {
        PendingAccount(user: AgentTestHarness.user(i), unsettled: unsettled, oldestPendingAt: now - age,
                       withdrawalMaturesAt: withdrawal, keyValidUntil: keyValidUntil)
    }

    static func due(_ policy: SettlementPolicy, _ accounts: [PendingAccount], chainTime: UInt64 = 0) -> [String] {
        policy.due(accounts, now: now, chainTime: chainTime).map { "\($0.user.bytes[19]):\($0.reason.rawValue)" }
    }

    @Test func eachRuleAndItsEdge() {
        let policy = SettlementPolicy(threshold: 100, maxAge: 3600, margin: 600, maxAccounts: 32)
        let t = UInt64(Self.now)
        #expect(Self.due(policy, [Self.account(1, unsettled: 99), Self.account(2, unsettled: 100)]) == ["2:threshold"])
        #expect(Self.due(policy, [Self.account(1, age: 3599), Self.account(2, age: 3600)]) == ["2:age"])
        #expect(Self.due(policy, [Self.account(1, withdrawal: t + 601), Self.account(2, withdrawal: t + 600)]) == ["2:withdrawal_request"])
        #expect(Self.due(policy, [Self.account(1, keyValidUntil: t + 601), Self.account(2, keyValidUntil: t + 600)]) == ["2:key_rotation"])
        // A deadline outranks value and age, whatever the address order.
        #expect(Self.due(policy, [Self.account(1, unsettled: 500, age: 9999), Self.account(2, withdrawal: t)]) == ["2:withdrawal_request", "1:threshold"])
        #expect(Self.due(SettlementPolicy.defaults, [Self.account(1, unsettled: .max, age: 3599)]) == [], "no threshold by default")
    }

    @Test func theChainClockCountsWhenItIsAhead() {
        let policy = SettlementPolicy(threshold: nil, maxAge: 3600, margin: 600, maxAccounts: 32)
        let t = UInt64(Self.now)
        #expect(Self.due(policy, [Self.account(1, withdrawal: t + 1000)]) == [])
        #expect(Self.due(policy, [Self.account(1, withdrawal: t + 1000)], chainTime: t + 400) == ["1:withdrawal_request"])
    }

    @Test func atMostMaxAccountsDeadlinesFirst() {
        let policy = SettlementPolicy(threshold: 1, maxAge: 3600, margin: 600, maxAccounts: 2)
        let t = UInt64(Self.now)
        let accounts = [Self.account(1), Self.account(2), Self.account(3, keyValidUntil: t), Self.account(4)]
        #expect(Self.due(policy, accounts) == ["3:key_rotation", "1:threshold"])
    }

    @Test func nextDueIsTheEarliestDeadline() {
        let policy = SettlementPolicy(threshold: nil, maxAge: 3600, margin: 600, maxAccounts: 32)
        let t = UInt64(Self.now)
        let byAge = policy.nextDue(Self.account(1, age: 100))
        #expect(byAge.at == Self.now + 3500 && byAge.reason == .age)
        let byWithdrawal = policy.nextDue(Self.account(1, age: 100, withdrawal: t + 1000))
        #expect(byWithdrawal.at == Self.now + 400 && byWithdrawal.reason == .withdrawal)
    }
}
