import Foundation
import GRDB
import Groth16

/// A proof as stored: the snarkjs JSON of the proof and of its public signals.
public struct StoredProof: Hashable, Sendable {
    public var proofJSON: String
    public var publicJSON: String

    public init(proofJSON: String, publicJSON: String) {
        self.proofJSON = proofJSON
        self.publicJSON = publicJSON
    }
}

/// One account transition inside a settlement.
public struct TransitionRecord: Hashable, Sendable {
    public var id: Int64
    public var settlementID: Int64
    /// Order inside the settlement.
    public var position: Int
    public var transition: StateTransition
    public var traceCount: Int
    public var status: TransitionStatus
    public var attempts: Int
    public var error: String?
    /// Seconds per proving stage, as the prover reported them.
    public var timings: [String: Double]
    public var proof: StoredProof?
}

/// A settlement: the transitions of many accounts, proved together and settled in one call.
public struct SettlementRecord: Hashable, Sendable {
    public var id: Int64
    public var status: SettlementStatus
    public var tracesPerTransition: Int
    public var error: String?
    public var txHash: String?
    public var createdAt: Double
    public var updatedAt: Double
    public var transitions: [TransitionRecord]
}

/// Work for the prover: one transition, the account it belongs to, and its traces in nonce order.
public struct ProvingJob: Sendable {
    public var transition: TransitionRecord
    public var account: Account
    public var traces: [RequestTrace]
    public var tracesPerTransition: Int
}

extension SettlementStore {
    /// Batches pending traces into a new settlement: for each account (all, or those in
    /// `users`) its pending traces become consecutive transitions of at most
    /// `tracesPerTransition` traces, starting from its last proved transition or its on-chain
    /// state. Accounts whose earlier transitions are still queued or proving wait for them.
    /// Returns nil when there is nothing to settle. One transaction.
    public func createSettlement(tracesPerTransition limit: Int, users: [Address]? = nil) throws -> SettlementRecord? {
        guard limit >= 1 else { throw BatchingError.invalidLimit(limit) }
        let id: Int64? = try write { db in
            var candidates = try String.fetchAll(db, sql: """
                SELECT DISTINCT user FROM trace WHERE status = 'pending'
                AND user NOT IN (SELECT user FROM transition WHERE status IN ('queued','proving'))
                ORDER BY user
                """)
            if let users {
                let wanted = Set(users.map(\.description))
                candidates = candidates.filter { wanted.contains($0) }
            }
            var plans: [PlannedTransition] = []
            for userText in candidates {
                let user = try StoredValue.parseAddress(userText, column: "trace.user")
                guard let account = try Self.fetchAccount(db, user) else { continue }
                let start = try Self.chainStart(db, account)
                let pending = try Row.fetchAll(db, sql: """
                    SELECT id, nonce, fee FROM trace WHERE user = ? AND status = 'pending' ORDER BY nonce
                    """, arguments: [userText]).map { row in
                        PendingTrace(id: row["id"], nonce: try StoredValue.parseNonce(row["nonce"], column: "trace.nonce"),
                                     fee: try StoredValue.parseAmount(row["fee"], column: "trace.fee"))
                    }
                plans += try TransitionPlanner.plan(user: user, startBalance: start.balance, startNonce: start.nonce,
                                                    traces: pending, limit: limit)
            }
            guard !plans.isEmpty else { return nil }
            let now = Self.now
            try db.execute(sql: """
                INSERT INTO settlement (status, traces_per_transition, created_at, updated_at) VALUES ('queued', ?, ?, ?)
                """, arguments: [limit, now, now])
            let settlementID = db.lastInsertedRowID
            for (position, plan) in plans.enumerated() {
                let t = plan.transition
                try db.execute(sql: """
                    INSERT INTO transition (settlement_id, user, position, init_balance, final_balance, init_nonce,
                        final_nonce, trace_count, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued')
                    """, arguments: [settlementID, t.user.description, position, StoredValue.amount(t.initBalance),
                                     StoredValue.amount(t.finalBalance), StoredValue.nonce(t.initNonce),
                                     StoredValue.nonce(t.finalNonce), plan.traceIDs.count])
                let transitionID = db.lastInsertedRowID
                for traceID in plan.traceIDs {
                    try db.execute(sql: "UPDATE trace SET status = 'batched', transition_id = ? WHERE id = ?",
                                   arguments: [transitionID, traceID])
                }
            }
            return settlementID
        }
        return try id.flatMap { try settlement(id: $0) }
    }

    /// Where an account's next transition starts: the final state of its latest proved,
    /// unconfirmed transition, else its on-chain state.
    static func chainStart(_ db: Database, _ account: Account) throws -> (balance: UInt128, nonce: UInt64) {
        if let row = try Row.fetchOne(db, sql: """
            SELECT t.final_balance, t.final_nonce FROM transition t JOIN settlement s ON s.id = t.settlement_id
            WHERE t.user = ? AND t.status = 'proved' AND s.status IN ('proving','proved','submitted')
            ORDER BY t.final_nonce DESC LIMIT 1
            """, arguments: [account.user.description]) {
            return (try StoredValue.parseAmount(row["final_balance"], column: "transition.final_balance"),
                    try StoredValue.parseNonce(row["final_nonce"], column: "transition.final_nonce"))
        }
        return (account.balance, account.nonce)
    }

    /// A settlement with its transitions and proofs.
    public func settlement(id: Int64) throws -> SettlementRecord? {
        try pool.read { db in try Self.fetchSettlement(db, id) }
    }

    /// The most recent settlements, newest first.
    public func settlements(limit: Int = 50) throws -> [SettlementRecord] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM settlement ORDER BY id DESC LIMIT ?", arguments: [limit])
                .compactMap { try Self.fetchSettlement(db, $0) }
        }
    }

    static func fetchSettlement(_ db: Database, _ id: Int64) throws -> SettlementRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM settlement WHERE id = ?", arguments: [id]) else { return nil }
        guard let status = SettlementStatus(rawValue: row["status"]) else {
            throw StoreError.corrupt("settlement.status '\(row["status"] as String)'")
        }
        let transitions = try Row.fetchAll(db, sql: """
            SELECT t.*, p.proof_json, p.public_json FROM transition t LEFT JOIN proof p ON p.transition_id = t.id
            WHERE t.settlement_id = ? ORDER BY t.position
            """, arguments: [id]).map(decodeTransition)
        return SettlementRecord(id: id, status: status, tracesPerTransition: row["traces_per_transition"],
                                error: row["error"], txHash: row["tx_hash"], createdAt: row["created_at"],
                                updatedAt: row["updated_at"], transitions: transitions)
    }

    static func decodeTransition(_ row: Row) throws -> TransitionRecord {
        guard let status = TransitionStatus(rawValue: row["status"]) else {
            throw StoreError.corrupt("transition.status '\(row["status"] as String)'")
        }
        var timings: [String: Double] = [:]
        if let text: String = row["timings"] {
            guard let decoded = try? JSONDecoder().decode([String: Double].self, from: Data(text.utf8)) else {
                throw StoreError.corrupt("transition.timings")
            }
            timings = decoded
        }
        let proof: StoredProof? = (row["proof_json"] as String?).map { StoredProof(proofJSON: $0, publicJSON: row["public_json"]) }
        return TransitionRecord(
            id: row["id"], settlementID: row["settlement_id"], position: row["position"],
            transition: StateTransition(
                user: try StoredValue.parseAddress(row["user"], column: "transition.user"),
                initBalance: try StoredValue.parseAmount(row["init_balance"], column: "transition.init_balance"),
                finalBalance: try StoredValue.parseAmount(row["final_balance"], column: "transition.final_balance"),
                initNonce: try StoredValue.parseNonce(row["init_nonce"], column: "transition.init_nonce"),
                finalNonce: try StoredValue.parseNonce(row["final_nonce"], column: "transition.final_nonce")),
            traceCount: row["trace_count"], status: status, attempts: row["attempts"], error: row["error"],
            timings: timings, proof: proof)
    }
}
