import GRDB
import Groth16

/// What the settlement policy needs to know of an account with pending traces.
public struct PendingAccount: Hashable, Sendable {
    public var user: Address
    /// Sum of the fees of its pending traces.
    public var unsettled: UInt128
    /// When its oldest pending trace was accepted (Unix seconds).
    public var oldestPendingAt: Double
    /// Chain mode: the block time a pending withdrawal request matures (nil: none).
    public var withdrawalMaturesAt: UInt64?
    /// Chain mode: the block time the key some pending traces were signed under stops
    /// settling (nil: all are under the current key).
    public var keyValidUntil: UInt64?
}

extension SettlementStore {
    /// Every account with pending traces, with what the policy weighs, ordered by address.
    public func pendingAccounts() throws -> [PendingAccount] {
        try pool.read { db in
            var byUser: [String: PendingAccount] = [:]
            var keys: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT user, fee, received_at, signer_key_hash FROM trace WHERE status = 'pending'
                """) {
                let user: String = row["user"]
                let fee = try StoredValue.parseAmount(row["fee"], column: "trace.fee")
                let at: Double = row["received_at"]
                if var entry = byUser[user] {
                    entry.unsettled = entry.unsettled.addingReportingOverflow(fee).overflow ? .max : entry.unsettled + fee
                    entry.oldestPendingAt = min(entry.oldestPendingAt, at)
                    byUser[user] = entry
                } else {
                    byUser[user] = PendingAccount(user: try StoredValue.parseAddress(user, column: "trace.user"), unsettled: fee,
                                                  oldestPendingAt: at, withdrawalMaturesAt: nil, keyValidUntil: nil)
                }
                if let key: String = row["signer_key_hash"] { keys[user, default: []].insert(key) }
            }
            let time = try Self.chainTime(db)
            for row in try Row.fetchAll(db, sql: "SELECT * FROM chain_account") {
                let user: String = row["user"]
                guard var entry = byUser[user] else { continue }
                let state = try Self.decodeChainAccount(row)
                if state.heldBack(at: time) > 0 { entry.withdrawalMaturesAt = state.withdrawalMaturesAt }
                if let previous = state.previousKeyHash, keys[user]?.contains(StoredValue.field(previous)) == true {
                    entry.keyValidUntil = state.previousKeyValidUntil
                }
                byUser[user] = entry
            }
            return byUser.values.sorted { $0.user < $1.user }
        }
    }
}
