import Foundation
import Traces

/// When the agent settles an account by itself (doc/CHAIN.md, "Settlement policy"): its
/// unsettled value reaches `threshold`, its oldest pending trace is `maxAge` old, or a
/// withdrawal request or the end of a rotated-out key's thawing period is within `margin` —
/// the time the agent keeps to prove, send and get mined before the user could take the money
/// or the key stops settling.
struct SettlementPolicy: Sendable, Equatable {
    /// Settle once this much is unsettled (nil: never for value alone).
    var threshold: UInt128?
    /// Settle once the oldest pending trace is this old (seconds).
    var maxAge: Double
    /// Seconds before a deadline (a withdrawal maturing, an old key thawing out) by which the
    /// settlement is started.
    var margin: UInt64
    /// Most accounts in one settlement (bounds the `settle` call's gas); the rest wait a tick.
    var maxAccounts: Int

    static let defaults = SettlementPolicy(threshold: nil, maxAge: 3600, margin: 3600, maxAccounts: 32)

    /// Why an account is due.
    enum Reason: String, Sendable, Codable {
        case threshold, age, withdrawal = "withdrawal_request", keyRotation = "key_rotation"
    }

    /// The accounts due now, with the first reason that applies, deadlines first, at most
    /// `maxAccounts`. The clock is the later of the wall clock and the chain's last block time,
    /// so an idle chain never delays a deadline.
    func due(_ accounts: [PendingAccount], now: Double, chainTime: UInt64) -> [(user: Address, reason: Reason)] {
        let clock = max(UInt64(max(now, 0)), chainTime)
        var due: [(user: Address, reason: Reason, rank: Int)] = []
        for a in accounts {
            if let t = a.withdrawalMaturesAt, clock + margin >= t {
                due.append((a.user, .withdrawal, 0))
            } else if let t = a.keyValidUntil, clock + margin >= t {
                due.append((a.user, .keyRotation, 0))
            } else if let threshold, a.unsettled >= threshold {
                due.append((a.user, .threshold, 1))
            } else if now - a.oldestPendingAt >= maxAge {
                due.append((a.user, .age, 2))
            }
        }
        return due.sorted { ($0.rank, $0.user) < ($1.rank, $1.user) }.prefix(maxAccounts).map { ($0.user, $0.reason) }
    }

    /// The latest time an account becomes due by age or deadline, and why (for status pages;
    /// the value threshold may make it due sooner).
    func nextDue(_ a: PendingAccount) -> (at: Double, reason: Reason) {
        var next: (at: Double, reason: Reason) = (a.oldestPendingAt + maxAge, .age)
        if let t = a.withdrawalMaturesAt, Double(t) - Double(margin) < next.at { next = (Double(t) - Double(margin), .withdrawal) }
        if let t = a.keyValidUntil, Double(t) - Double(margin) < next.at { next = (Double(t) - Double(margin), .keyRotation) }
        return next
    }
}
