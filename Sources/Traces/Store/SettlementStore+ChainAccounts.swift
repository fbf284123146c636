import GRDB
import Groth16

/// Accounts in chain mode: each user's registry state folded from its events
/// (`chain_account`), and the account the agent serves projected from it.
extension SettlementStore {
    /// Folds `user`'s stored events into `chain_account` (the row goes when none is left).
    static func refoldChainAccount(_ db: Database, _ user: Address) throws {
        var state = ChainAccountState()
        let events = try Row.fetchAll(db, sql: "SELECT * FROM chain_event WHERE user = ? ORDER BY block_number, log_index",
                                      arguments: [user.description]).map(decodeEvent)
        guard !events.isEmpty else {
            try db.execute(sql: "DELETE FROM chain_account WHERE user = ?", arguments: [user.description])
            return
        }
        for log in events { state.apply(log.event) }
        try db.execute(sql: """
            INSERT OR REPLACE INTO chain_account (user, balance, nonce, key_hash, previous_key_hash, previous_key_valid_until,
                withdrawal, withdrawal_matures_at, withdrawal_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                user.description, StoredValue.amount(state.balance), StoredValue.nonce(state.nonce),
                state.keyHash.map(StoredValue.field), state.previousKeyHash.map(StoredValue.field),
                Int64(clamping: state.previousKeyValidUntil), StoredValue.amount(state.withdrawal),
                Int64(clamping: state.withdrawalMaturesAt), Int64(clamping: state.withdrawalExpiresAt),
            ])
    }

    /// Users whose projection depends on the time: a withdrawal request (it lapses) or a
    /// rotated-out key (it stops settling).
    static func accountsWithDeadlines(_ db: Database) throws -> Set<Address> {
        Set(try String.fetchAll(db, sql: """
            SELECT user FROM chain_account WHERE withdrawal != '0' OR previous_key_hash IS NOT NULL
            """).map { try StoredValue.parseAddress($0, column: "chain_account.user") })
    }

    static func decodeChainAccount(_ row: Row) throws -> ChainAccountState {
        var state = ChainAccountState()
        state.balance = try StoredValue.parseAmount(row["balance"], column: "chain_account.balance")
        state.nonce = try StoredValue.parseNonce(row["nonce"], column: "chain_account.nonce")
        state.keyHash = try (row["key_hash"] as String?).map { try StoredValue.parseField($0, column: "chain_account.key_hash") }
        state.previousKeyHash = try (row["previous_key_hash"] as String?).map {
            try StoredValue.parseField($0, column: "chain_account.previous_key_hash")
        }
        state.withdrawal = try StoredValue.parseAmount(row["withdrawal"], column: "chain_account.withdrawal")
        for (column, path) in [("previous_key_valid_until", \ChainAccountState.previousKeyValidUntil),
                               ("withdrawal_matures_at", \.withdrawalMaturesAt), ("withdrawal_expires_at", \.withdrawalExpiresAt)] {
            let value: Int64 = row[column]
            guard value >= 0 else { throw StoreError.corrupt("chain_account.\(column) \(value)") }
            state[keyPath: path] = UInt64(value)
        }
        return state
    }

    /// Makes the served account of `user` what the chain says at block time `chainTime`:
    /// balance, nonce, current signer key (its point if published, else
    /// `SignerKey.unpublished`, so nothing is accepted under an old or unknown key) and the
    /// held-back withdrawal. Pending traces the chain can no longer pay become rejected with
    /// the reason: a nonce already settled, a key that no longer settles (its thawing period
    /// over), or a balance that no longer covers them after the traces in settlements
    /// (newest first). Accepted traces are otherwise kept: a withdrawal request narrows only
    /// what is accepted next, and the settlement policy settles the rest before it matures.
    static func projectChainAccount(_ db: Database, _ user: Address, chainTime: UInt64) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM chain_account WHERE user = ?", arguments: [user.description]) else {
            try db.execute(sql: """
                UPDATE account SET balance = '0', held_back = '0', updated_at = ? WHERE user = ?
                """, arguments: [now, user.description])
            return
        }
        let state = try decodeChainAccount(row)
        let u = user.description
        try db.execute(sql: """
            UPDATE trace SET status = 'rejected', reason = 'nonce already used on chain'
            WHERE user = ? AND status = 'pending' AND nonce <= ?
            """, arguments: [u, StoredValue.nonce(state.nonce)])
        var covered = try sumOfFees(db, user: user, statuses: ["batched"])
        for trace in try Row.fetchAll(db, sql: """
            SELECT id, fee, signer_key_hash FROM trace WHERE user = ? AND status = 'pending' ORDER BY nonce
            """, arguments: [u]) {
            let id: Int64 = trace["id"]
            let fee = try StoredValue.parseAmount(trace["fee"], column: "trace.fee")
            let key = try (trace["signer_key_hash"] as String?).map { try StoredValue.parseField($0, column: "trace.signer_key_hash") }
            let reason: String
            if let key, !state.settles(under: key, at: chainTime) {
                reason = "signer key no longer settles on chain"
            } else if covered <= state.balance, fee <= state.balance - covered {
                covered += fee
                continue
            } else {
                reason = "balance on chain no longer covers it"
            }
            try db.execute(sql: "UPDATE trace SET status = 'rejected', reason = ? WHERE id = ?", arguments: [reason, id])
        }
        let keyHash = state.keyHash.map(StoredValue.field)
        let key = try keyHash.flatMap { try signerKey(db, hash: $0) } ?? .unpublished
        let reserved = try sumOfFees(db, user: user, statuses: ["pending", "batched"])
        let lastStored = try String.fetchOne(db, sql: """
            SELECT MAX(nonce) FROM trace WHERE user = ? AND status IN ('pending','batched')
            """, arguments: [u]).map { try StoredValue.parseNonce($0, column: "trace.nonce") }
        try db.execute(sql: """
            INSERT INTO account (user, signer_ax, signer_ay, signer_key_hash, balance, nonce, accepted_nonce, reserved,
                updated_at, held_back) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(user) DO UPDATE SET signer_ax = excluded.signer_ax, signer_ay = excluded.signer_ay,
                signer_key_hash = excluded.signer_key_hash, balance = excluded.balance, nonce = excluded.nonce,
                accepted_nonce = excluded.accepted_nonce, reserved = excluded.reserved, updated_at = excluded.updated_at,
                held_back = excluded.held_back
            """, arguments: [
                u, StoredValue.field(key.ax), StoredValue.field(key.ay), keyHash ?? StoredValue.field(.zero),
                StoredValue.amount(state.balance), StoredValue.nonce(state.nonce),
                StoredValue.nonce(max(lastStored ?? 0, state.nonce)), StoredValue.amount(reserved), now,
                StoredValue.amount(state.heldBack(at: chainTime)),
            ])
    }
}
