import Foundation
import GRDB
import Groth16

extension SettlementStore {
    /// Takes the oldest queued transition for proving (status -> proving, attempts + 1) and
    /// returns it with its account and traces, or nil when none is queued. Atomic, so several
    /// workers never take the same job.
    public func claimNextJob() throws -> ProvingJob? {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT t.id, s.traces_per_transition FROM transition t JOIN settlement s ON s.id = t.settlement_id
                WHERE t.status = 'queued' AND s.status IN ('queued','proving') ORDER BY t.id LIMIT 1
                """) else { return nil }
            let id: Int64 = row["id"]
            let now = Self.now
            try db.execute(sql: "UPDATE transition SET status = 'proving', attempts = attempts + 1 WHERE id = ?",
                           arguments: [id])
            try db.execute(sql: """
                UPDATE settlement SET status = 'proving', updated_at = ?
                WHERE id = (SELECT settlement_id FROM transition WHERE id = ?) AND status = 'queued'
                """, arguments: [now, id])
            guard let transitionRow = try Row.fetchOne(db, sql: "SELECT * FROM transition WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("transition \(id)")
            }
            let transition = try Self.decodeTransition(transitionRow)
            guard let account = try Self.fetchAccount(db, transition.transition.user) else {
                throw StoreError.corrupt("transition \(id) refers to an unknown account")
            }
            let traces = try Row.fetchAll(db, sql: "SELECT * FROM trace WHERE transition_id = ? ORDER BY nonce",
                                          arguments: [id]).map { try Self.decodeTrace($0).trace }
            return ProvingJob(transition: transition, account: account, traces: traces,
                              tracesPerTransition: row["traces_per_transition"])
        }
    }

    /// Records a verified proof for a transition (proving -> proved); the settlement becomes
    /// proved when all its transitions are.
    public func completeJob(transitionID: Int64, proof: StoredProof, timings: [String: Double]) throws {
        try write { db in
            let status = try String.fetchOne(db, sql: "SELECT status FROM transition WHERE id = ?", arguments: [transitionID])
            guard let status else { throw StoreError.notFound("transition \(transitionID)") }
            guard status == TransitionStatus.proving.rawValue else {
                throw StoreError.conflict("transition \(transitionID) is \(status), not proving")
            }
            let timingJSON = String(decoding: try JSONEncoder().encode(timings), as: UTF8.self)
            try db.execute(sql: "UPDATE transition SET status = 'proved', error = NULL, timings = ? WHERE id = ?",
                           arguments: [timingJSON, transitionID])
            try db.execute(sql: """
                INSERT OR REPLACE INTO proof (transition_id, proof_json, public_json, created_at) VALUES (?, ?, ?, ?)
                """, arguments: [transitionID, proof.proofJSON, proof.publicJSON, Self.now])
            try db.execute(sql: """
                UPDATE settlement SET status = 'proved', updated_at = ?
                WHERE id = (SELECT settlement_id FROM transition WHERE id = ?)
                AND NOT EXISTS (SELECT 1 FROM transition WHERE settlement_id = settlement.id AND status != 'proved')
                """, arguments: [Self.now, transitionID])
        }
    }

    /// Records a proving failure. A retryable failure with attempts left requeues the job;
    /// otherwise the transition and its settlement fail and the settlement's traces return to
    /// pending, so a later settlement can take them.
    public func failJob(transitionID: Int64, error: String, retryable: Bool, maxAttempts: Int = 3) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT settlement_id, attempts, status FROM transition WHERE id = ?",
                                             arguments: [transitionID]) else {
                throw StoreError.notFound("transition \(transitionID)")
            }
            let attempts: Int = row["attempts"]
            if retryable && attempts < maxAttempts {
                try db.execute(sql: "UPDATE transition SET status = 'queued', error = ? WHERE id = ?",
                               arguments: [error, transitionID])
                return
            }
            try db.execute(sql: "UPDATE transition SET status = 'failed', error = ? WHERE id = ?", arguments: [error, transitionID])
            try Self.failSettlement(db, id: row["settlement_id"], reason: "transition \(transitionID): \(error)")
        }
    }

    static func failSettlement(_ db: Database, id: Int64, reason: String) throws {
        try db.execute(sql: "UPDATE settlement SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
                       arguments: [reason, now, id])
        try db.execute(sql: """
            UPDATE transition SET status = 'failed', error = COALESCE(error, 'settlement failed')
            WHERE settlement_id = ? AND status != 'failed'
            """, arguments: [id])
        try db.execute(sql: """
            UPDATE trace SET status = 'pending', transition_id = NULL
            WHERE transition_id IN (SELECT id FROM transition WHERE settlement_id = ?)
            """, arguments: [id])
    }

    /// After a restart: jobs left in `proving` by a dead process go back to `queued`.
    /// Returns how many were requeued.
    @discardableResult
    public func requeueInterruptedJobs() throws -> Int {
        try write { db in
            try db.execute(sql: "UPDATE transition SET status = 'queued' WHERE status = 'proving'")
            return db.changesCount
        }
    }

    /// Number of transitions waiting for or under proof.
    public func pendingJobCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM transition t JOIN settlement s ON s.id = t.settlement_id
                WHERE t.status IN ('queued','proving') AND s.status IN ('queued','proving')
                """) ?? 0
        }
    }

    /// Marks a proved settlement as submitted on chain with the transaction hash.
    public func markSubmitted(settlementID: Int64, txHash: String) throws {
        try write { db in
            let status = try Self.settlementStatus(db, settlementID)
            guard status == .proved || status == .submitted else {
                throw StoreError.conflict("settlement \(settlementID) is \(status.rawValue); only a proved settlement can be submitted")
            }
            try db.execute(sql: "UPDATE settlement SET status = 'submitted', tx_hash = ?, updated_at = ? WHERE id = ?",
                           arguments: [txHash, Self.now, settlementID])
        }
    }

    /// Records that the chain accepted the settlement: each account's on-chain balance and
    /// nonce advance to its transition's final state, its reserved fees shrink by the amount
    /// paid, and the traces become settled. Transitions must apply in order: each must start
    /// at the account's current on-chain state.
    public func confirm(settlementID: Int64, txHash: String?) throws {
        try write { db in
            let status = try Self.settlementStatus(db, settlementID)
            guard status == .proved || status == .submitted else {
                throw StoreError.conflict("settlement \(settlementID) is \(status.rawValue); only a proved or submitted settlement can be confirmed")
            }
            guard let record = try Self.fetchSettlement(db, settlementID) else { throw StoreError.notFound("settlement \(settlementID)") }
            for t in record.transitions {
                let s = t.transition
                guard let account = try Self.fetchAccount(db, s.user) else {
                    throw StoreError.corrupt("transition \(t.id) refers to an unknown account")
                }
                guard account.balance == s.initBalance, account.nonce == s.initNonce else {
                    throw StoreError.conflict("account \(s.user) is at balance \(account.balance), nonce \(account.nonce) on chain; transition \(t.id) starts at \(s.initBalance), \(s.initNonce) (confirm earlier settlements first)")
                }
                let reserved = account.reserved >= s.amount ? account.reserved - s.amount : 0
                try db.execute(sql: "UPDATE account SET balance = ?, nonce = ?, reserved = ?, updated_at = ? WHERE user = ?",
                               arguments: [StoredValue.amount(s.finalBalance), StoredValue.nonce(s.finalNonce),
                                           StoredValue.amount(reserved), Self.now, s.user.description])
                try db.execute(sql: "UPDATE trace SET status = 'settled' WHERE transition_id = ?", arguments: [t.id])
            }
            try db.execute(sql: "UPDATE settlement SET status = 'confirmed', tx_hash = COALESCE(?, tx_hash), updated_at = ? WHERE id = ?",
                           arguments: [txHash, Self.now, settlementID])
        }
    }

    static func settlementStatus(_ db: Database, _ id: Int64) throws -> SettlementStatus {
        guard let text = try String.fetchOne(db, sql: "SELECT status FROM settlement WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("settlement \(id)")
        }
        guard let status = SettlementStatus(rawValue: text) else { throw StoreError.corrupt("settlement.status '\(text)'") }
        return status
    }
}
