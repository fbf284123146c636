import GRDB
import Groth16

/// Settlements as the registry's events decide them (chain mode): a Settled event applies the
/// agent's transition with the same user and nonces, a SettlementSkipped event abandons the
/// transition the registry refused (and every transition built on it), and a settlement ends
/// once none of its transitions is still waiting for the chain.
extension SettlementStore {
    /// The end a settlement reached from the events.
    enum ChainOutcome { case confirmed, abandoned }

    /// Applies the live transition of `user` from `initNonce` to `finalNonce`: settled in
    /// `block`, its traces settled. Returns its settlement, or nil when the agent has no such
    /// transition (a settle call it did not make; the account's projection takes care of the
    /// traces the new nonce passes).
    static func matchSettled(_ db: Database, user: Address, initNonce: UInt64, finalNonce: UInt64,
                             block: UInt64, txHash: String) throws -> Int64? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT t.id, t.settlement_id FROM transition t JOIN settlement s ON s.id = t.settlement_id
            WHERE t.user = ? AND t.init_nonce = ? AND t.final_nonce = ? AND t.status = 'proved' AND t.settled_block IS NULL
              AND s.status IN ('proved','submitted') ORDER BY t.id LIMIT 1
            """, arguments: [user.description, StoredValue.nonce(initNonce), StoredValue.nonce(finalNonce)]) else { return nil }
        let id: Int64 = row["id"], settlement: Int64 = row["settlement_id"]
        try db.execute(sql: "UPDATE transition SET settled_block = ? WHERE id = ?", arguments: [Int64(block), id])
        try db.execute(sql: "UPDATE trace SET status = 'settled' WHERE transition_id = ?", arguments: [id])
        try db.execute(sql: "UPDATE settlement SET tx_hash = ?, updated_at = ? WHERE id = ?", arguments: [txHash, now, settlement])
        return settlement
    }

    /// Abandons the transition a SettlementSkipped event of transaction `txHash` names: the
    /// earliest still-live transition of that user in the settlement the transaction carried
    /// (each skip of one user comes in nonce order). Returns it and the settlements touched,
    /// or nil when the transaction or transition is not the agent's.
    static func matchSkipped(_ db: Database, signal: Fr, reason: UInt64, txHash: String) throws -> (Int64, Set<Int64>)? {
        guard let user = Address(signal: signal),
              let settlement = try Int64.fetchOne(db, sql: """
                SELECT settlement_id FROM chain_tx WHERE hash = ? UNION SELECT id FROM settlement WHERE tx_hash = ? LIMIT 1
                """, arguments: [txHash, txHash]),
              let transition = try Int64.fetchOne(db, sql: """
                SELECT id FROM transition WHERE settlement_id = ? AND user = ? AND status = 'proved' AND settled_block IS NULL
                ORDER BY init_nonce LIMIT 1
                """, arguments: [settlement, user.description]) else { return nil }
        let touched = try abandonTransitions(db, from: transition, reason: "skipped on chain (reason \(reason)) in \(txHash)")
        return (transition, touched.union([settlement]))
    }

    /// Abandons `root` and every unsettled transition built on it, transitively; their traces
    /// return to pending. A transition built on it in a settlement that is still queued or
    /// proving ends that whole settlement (`endSettlement`), as a failure would. Returns the
    /// settlements touched.
    static func abandonTransitions(_ db: Database, from root: Int64, reason: String) throws -> Set<Int64> {
        var touched: Set<Int64> = []
        var work = [root]
        while let id = work.popLast() {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT t.settlement_id, s.status FROM transition t JOIN settlement s ON s.id = t.settlement_id
                WHERE t.id = ? AND t.status != 'abandoned' AND t.settled_block IS NULL
                """, arguments: [id]) else { continue }
            let settlement: Int64 = row["settlement_id"]
            let status: String = row["status"]
            touched.insert(settlement)
            if status == SettlementStatus.queued.rawValue || status == SettlementStatus.proving.rawValue {
                try endSettlement(db, id: settlement, as: .abandoned, reason: "built on transition \(root), which was \(reason)")
                continue
            }
            try db.execute(sql: "UPDATE transition SET status = 'abandoned', error = ? WHERE id = ?", arguments: [reason, id])
            try db.execute(sql: "UPDATE trace SET status = 'pending', transition_id = NULL WHERE transition_id = ?", arguments: [id])
            work += try Int64.fetchAll(db, sql: "SELECT id FROM transition WHERE parent_id = ?", arguments: [id])
        }
        return touched
    }

    /// Ends a proved or submitted settlement none of whose transitions still waits for the
    /// chain: confirmed when at least one settled, abandoned when all were skipped. Returns
    /// the end reached, or nil when it is not over.
    static func settleOutcome(_ db: Database, _ id: Int64) throws -> ChainOutcome? {
        let status = try settlementStatus(db, id)
        guard status == .proved || status == .submitted else { return nil }
        let waiting = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM transition WHERE settlement_id = ? AND status != 'abandoned' AND settled_block IS NULL
            """, arguments: [id]) ?? 0
        guard waiting == 0 else { return nil }
        let settled = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transition WHERE settlement_id = ? AND settled_block IS NOT NULL",
                                       arguments: [id]) ?? 0
        if settled > 0 {
            try db.execute(sql: "UPDATE settlement SET status = 'confirmed', updated_at = ? WHERE id = ?", arguments: [now, id])
            return .confirmed
        }
        try db.execute(sql: "UPDATE settlement SET status = 'abandoned', error = ?, updated_at = ? WHERE id = ?",
                       arguments: ["every transition was skipped on chain", now, id])
        return .abandoned
    }
}
