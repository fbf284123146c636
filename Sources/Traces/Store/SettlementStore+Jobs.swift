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
            guard var account = try Self.fetchAccount(db, transition.transition.user) else {
                throw StoreError.corrupt("transition \(id) refers to an unknown account")
            }
            // The key the traces were verified under (the account's current key, or the one a
            // rotation replaced while they were pending).
            if let keyHash = try String.fetchOne(db, sql: "SELECT signer_key_hash FROM trace WHERE transition_id = ? LIMIT 1",
                                                 arguments: [id]),
               keyHash != StoredValue.field(account.signerKeyHash) {
                guard let key = try Self.signerKey(db, hash: keyHash) else {
                    throw StoreError.corrupt("transition \(id): no point for signer key hash \(keyHash)")
                }
                account.signerKey = key
                account.signerKeyHash = try StoredValue.parseField(keyHash, column: "trace.signer_key_hash")
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
    /// otherwise the transition and its settlement fail, with every settlement built on it
    /// (`endSettlement`), and their traces return to pending, so a later settlement can take
    /// them. A job that is no longer proving (its settlement ended meanwhile) is left as it is.
    public func failJob(transitionID: Int64, error: String, retryable: Bool, maxAttempts: Int = 3) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT settlement_id, attempts, status FROM transition WHERE id = ?",
                                             arguments: [transitionID]) else {
                throw StoreError.notFound("transition \(transitionID)")
            }
            guard row["status"] == TransitionStatus.proving.rawValue else { return }
            let attempts: Int = row["attempts"]
            if retryable && attempts < maxAttempts {
                try db.execute(sql: "UPDATE transition SET status = 'queued', error = ? WHERE id = ?",
                               arguments: [error, transitionID])
                return
            }
            try db.execute(sql: "UPDATE transition SET status = 'failed', error = ? WHERE id = ?", arguments: [error, transitionID])
            try Self.endSettlement(db, id: row["settlement_id"], as: .failed, reason: "transition \(transitionID): \(error)")
        }
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
}
