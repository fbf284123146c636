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
    /// The transition this one starts from (nil: the account's on-chain state).
    public var parentID: Int64?
    public var transition: StateTransition
    public var traceCount: Int
    public var status: TransitionStatus
    public var attempts: Int
    public var error: String?
    /// Seconds per proving stage, as the prover reported them.
    public var timings: [String: Double]
    public var proof: StoredProof?
    /// The block whose Settled event applied it (chain mode), or nil.
    public var settledBlock: UInt64?
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

/// An account that `createSettlement` left out of the new settlement, and why.
public struct SkippedAccount: Hashable, Sendable {
    public enum Reason: String, Sendable, Codable {
        /// The agent has no account for the user (only for users named in the request).
        case unknownAccount = "unknown_account"
        /// The account has no pending traces (only for users named in the request).
        case noPendingTraces = "no_pending_traces"
        /// Earlier transitions of the account are still queued or proving; it settles after them.
        case provingInProgress = "proving_in_progress"
        /// The account's pending traces could not be planned (a database changed outside the
        /// agent); the others settle regardless.
        case unplannable
    }

    public var user: Address
    public var reason: Reason
    public var message: String
}

/// What `createSettlement` did: the new settlement (nil when no account could be planned) and
/// the accounts it left out.
public struct SettlementPlan: Sendable {
    public var settlement: SettlementRecord?
    public var skipped: [SkippedAccount]
}

extension SettlementStore {
    /// Batches pending traces into a new settlement: for each account (all, or those in
    /// `users`) its pending traces become consecutive transitions of at most
    /// `tracesPerTransition` traces, starting from its latest transition that can still reach
    /// the chain (`chainStart`) or its on-chain state. Each account is planned on its own
    /// (planning only reads): one that cannot be planned is skipped with the reason, and the
    /// others settle.
    /// Accounts whose earlier transitions are still queued or proving wait for them. One
    /// transaction.
    public func createSettlement(tracesPerTransition limit: Int, users: [Address]? = nil) throws -> SettlementPlan {
        guard limit >= 1 else { throw BatchingError.invalidLimit(limit) }
        let (id, skipped): (Int64?, [SkippedAccount]) = try write { db in
            var skipped: [SkippedAccount] = []
            let withPending = try Set(String.fetchAll(db, sql: "SELECT DISTINCT user FROM trace WHERE status = 'pending'"))
            var candidates: [String]
            if let users {
                candidates = []
                for user in Set(users).sorted(by: { $0.description < $1.description }) {
                    if try Self.fetchAccount(db, user) == nil {
                        skipped.append(SkippedAccount(user: user, reason: .unknownAccount, message: "account \(user) is unknown"))
                    } else if !withPending.contains(user.description) {
                        skipped.append(SkippedAccount(user: user, reason: .noPendingTraces, message: "account \(user) has no pending traces"))
                    } else {
                        candidates.append(user.description)
                    }
                }
            } else {
                candidates = withPending.sorted()
            }
            let inFlight = try Self.transitionsInFlight(db)
            var plans: [(plan: PlannedTransition, parent: Int64?)] = []
            for userText in candidates {
                let user = try StoredValue.parseAddress(userText, column: "trace.user")
                if let count = inFlight[userText] {
                    skipped.append(SkippedAccount(user: user, reason: .provingInProgress,
                                                  message: "account \(user) has \(count) transitions waiting for proofs; it settles after them"))
                    continue
                }
                do {
                    plans += try Self.planAccount(db, user, limit: limit)
                } catch let error as BatchingError {
                    skipped.append(SkippedAccount(user: user, reason: .unplannable, message: error.description))
                } catch let error as StoreError {
                    skipped.append(SkippedAccount(user: user, reason: .unplannable, message: error.description))
                }
            }
            guard !plans.isEmpty else { return (nil, skipped) }
            return (try Self.insertSettlement(db, plans, limit: limit), skipped)
        }
        return SettlementPlan(settlement: try id.flatMap { try settlement(id: $0) }, skipped: skipped)
    }

    /// The number of queued or proving transitions of each account that has any, read once.
    static func transitionsInFlight(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT user, COUNT(*) AS n FROM transition WHERE status IN ('queued','proving') GROUP BY user
            """) {
            counts[row["user"]] = row["n"]
        }
        return counts
    }

    /// One account's pending traces as transitions, each with the transition it starts from.
    static func planAccount(_ db: Database, _ user: Address, limit: Int) throws -> [(plan: PlannedTransition, parent: Int64?)] {
        guard let account = try fetchAccount(db, user) else { throw StoreError.notFound("account \(user)") }
        let start = try chainStart(db, account)
        let pending = try Row.fetchAll(db, sql: """
            SELECT id, nonce, fee, signer_key_hash FROM trace WHERE user = ? AND status = 'pending' ORDER BY nonce
            """, arguments: [user.description]).map { row in
                PendingTrace(id: row["id"], nonce: try StoredValue.parseNonce(row["nonce"], column: "trace.nonce"),
                             fee: try StoredValue.parseAmount(row["fee"], column: "trace.fee"),
                             signerKeyHash: try (row["signer_key_hash"] as String?).map {
                                 try StoredValue.parseField($0, column: "trace.signer_key_hash")
                             })
            }
        let plans = try TransitionPlanner.plan(user: user, startBalance: start.balance, startNonce: start.nonce,
                                               traces: pending, limit: limit)
        // The first transition starts from `start`; each later one from the one before it,
        // whose row id is known only once inserted (`insertSettlement` links them).
        return plans.enumerated().map { ($1, $0 == 0 ? start.parent : nil) }
    }

    /// Inserts a queued settlement of `plans` (in order) and batches their traces; returns its id.
    static func insertSettlement(_ db: Database, _ plans: [(plan: PlannedTransition, parent: Int64?)], limit: Int) throws -> Int64 {
        let now = Self.now
        try db.execute(sql: """
            INSERT INTO settlement (status, traces_per_transition, created_at, updated_at) VALUES ('queued', ?, ?, ?)
            """, arguments: [limit, now, now])
        let settlementID = db.lastInsertedRowID
        var previous: (user: Address, id: Int64)?
        for (position, entry) in plans.enumerated() {
            let t = entry.plan.transition
            let parent = entry.parent ?? (previous?.user == t.user ? previous?.id : nil)
            try db.execute(sql: """
                INSERT INTO transition (settlement_id, user, position, init_balance, final_balance, init_nonce,
                    final_nonce, trace_count, status, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)
                """, arguments: [settlementID, t.user.description, position, StoredValue.amount(t.initBalance),
                                 StoredValue.amount(t.finalBalance), StoredValue.nonce(t.initNonce),
                                 StoredValue.nonce(t.finalNonce), entry.plan.traceIDs.count, parent])
            let transitionID = db.lastInsertedRowID
            previous = (t.user, transitionID)
            for traceID in entry.plan.traceIDs {
                try db.execute(sql: "UPDATE trace SET status = 'batched', transition_id = ? WHERE id = ?",
                               arguments: [transitionID, traceID])
            }
        }
        return settlementID
    }

    /// Where an account's next transition starts: after its latest proved transition that can
    /// still reach the chain and has not yet (its settlement proving, proved or submitted, and
    /// no Settled event seen for it; should that settlement fail or be abandoned, every
    /// settlement built on it ends with it), else at its on-chain state. The balance is the
    /// on-chain balance less what those transitions will take, so deposits seen since they
    /// were planned are spendable too (the registry only asks initBalance <= balance).
    static func chainStart(_ db: Database, _ account: Account) throws -> (balance: UInt128, nonce: UInt64, parent: Int64?) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.id, t.init_balance, t.final_balance, t.final_nonce FROM transition t
            JOIN settlement s ON s.id = t.settlement_id
            WHERE t.user = ? AND t.status = 'proved' AND t.settled_block IS NULL
              AND s.status IN ('proving','proved','submitted')
            ORDER BY t.final_nonce
            """, arguments: [account.user.description])
        guard let last = rows.last else { return (account.balance, account.nonce, nil) }
        var balance = account.balance
        for row in rows {
            let spent = try StoredValue.parseAmount(row["init_balance"], column: "transition.init_balance")
                - StoredValue.parseAmount(row["final_balance"], column: "transition.final_balance")
            guard spent <= balance else {
                throw StoreError.conflict("account \(account.user): transitions in flight take more than its balance \(account.balance)")
            }
            balance -= spent
        }
        return (balance, try StoredValue.parseNonce(last["final_nonce"], column: "transition.final_nonce"), last["id"])
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
        let settledBlock: Int64? = row["settled_block"]
        return TransitionRecord(
            id: row["id"], settlementID: row["settlement_id"], position: row["position"], parentID: row["parent_id"],
            transition: StateTransition(
                user: try StoredValue.parseAddress(row["user"], column: "transition.user"),
                initBalance: try StoredValue.parseAmount(row["init_balance"], column: "transition.init_balance"),
                finalBalance: try StoredValue.parseAmount(row["final_balance"], column: "transition.final_balance"),
                initNonce: try StoredValue.parseNonce(row["init_nonce"], column: "transition.init_nonce"),
                finalNonce: try StoredValue.parseNonce(row["final_nonce"], column: "transition.final_nonce")),
            traceCount: row["trace_count"], status: status, attempts: row["attempts"], error: row["error"],
            timings: timings, proof: proof, settledBlock: settledBlock.map { UInt64(clamping: $0) })
    }
}
