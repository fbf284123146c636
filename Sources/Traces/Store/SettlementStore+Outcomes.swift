import Foundation
import GRDB
import Groth16

/// What becomes of a proved settlement: submitted, confirmed by the chain, or abandoned; and
/// how the end of a settlement (failed or abandoned) reaches every settlement built on it.
/// doc/API.md, "Settlement states", lists each transition of the state machine.
extension SettlementStore {
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

    /// Records that the chain accepted the settlement in transaction `txHash`: each account's
    /// on-chain balance and nonce advance to its transition's final state, its reserved fees
    /// shrink by the amount paid, and the traces become settled. Transitions must apply in
    /// order: each must start at the account's current on-chain state.
    public func confirm(settlementID: Int64, txHash: String) throws {
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
            try db.execute(sql: "UPDATE settlement SET status = 'confirmed', tx_hash = ?, updated_at = ? WHERE id = ?",
                           arguments: [txHash, Self.now, settlementID])
        }
    }

    /// Gives up on a proved or submitted settlement that will never land (its `settle` call
    /// reverted or was dropped): it and every settlement built on it become abandoned, their
    /// traces return to pending and the accounts become updatable. Returns the ids abandoned,
    /// `settlementID` first.
    @discardableResult
    public func abandon(settlementID: Int64, reason: String) throws -> [Int64] {
        try write { db in
            let status = try Self.settlementStatus(db, settlementID)
            guard status == .proved || status == .submitted else {
                throw StoreError.conflict("settlement \(settlementID) is \(status.rawValue); only a proved or submitted settlement can be abandoned")
            }
            return try Self.endSettlement(db, id: settlementID, as: .abandoned, reason: reason)
        }
    }

    /// Ends settlement `id` as `outcome` (failed or abandoned) and, transitively, every
    /// settlement with a transition that starts from one of its transitions (those were proved
    /// from a state the chain will now never reach). Their transitions end the same way and
    /// all their traces return to pending. Confirmed settlements and ones already ended stay as
    /// they are. Returns the ids ended, `id` first.
    @discardableResult
    static func endSettlement(_ db: Database, id: Int64, as outcome: SettlementStatus, reason: String) throws -> [Int64] {
        precondition(outcome == .failed || outcome == .abandoned, "a settlement ends as failed or abandoned")
        let transitionStatus: TransitionStatus = outcome == .failed ? .failed : .abandoned
        var ended: [Int64] = []
        var work: [(id: Int64, reason: String)] = [(id, reason)]
        while !work.isEmpty {
            let (next, why) = work.removeFirst()
            guard !ended.contains(next) else { continue }
            let status = try settlementStatus(db, next)
            guard next == id || ![.confirmed, .failed, .abandoned].contains(status) else { continue }
            ended.append(next)
            try db.execute(sql: "UPDATE settlement SET status = ?, error = ?, updated_at = ? WHERE id = ?",
                           arguments: [outcome.rawValue, why, now, next])
            try db.execute(sql: """
                UPDATE transition SET status = ?, error = COALESCE(error, ?) WHERE settlement_id = ? AND status != ?
                """, arguments: [transitionStatus.rawValue, why, next, transitionStatus.rawValue])
            try db.execute(sql: """
                UPDATE trace SET status = 'pending', transition_id = NULL
                WHERE transition_id IN (SELECT id FROM transition WHERE settlement_id = ?)
                """, arguments: [next])
            let dependents = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT settlement_id FROM transition
                WHERE parent_id IN (SELECT id FROM transition WHERE settlement_id = ?) AND settlement_id != ?
                ORDER BY settlement_id
                """, arguments: [next, next])
            let verb = outcome == .failed ? "failed" : "was abandoned"
            work += dependents.map { ($0, "built on settlement \(next), which \(verb)") }
        }
        return ended
    }

    static func settlementStatus(_ db: Database, _ id: Int64) throws -> SettlementStatus {
        guard let text = try String.fetchOne(db, sql: "SELECT status FROM settlement WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("settlement \(id)")
        }
        guard let status = SettlementStatus(rawValue: text) else { throw StoreError.corrupt("settlement.status '\(text)'") }
        return status
    }
}
