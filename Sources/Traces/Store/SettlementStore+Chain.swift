import Foundation
import GRDB
import Groth16

/// What one step of the chain follower changed.
public struct ChainSync: Sendable {
    /// Accounts whose on-chain state changed.
    public var users: [Address] = []
    /// Settlements that became confirmed (every transition settled or skipped, at least one
    /// settled) and ones that became abandoned (every transition skipped).
    public var confirmed: [Int64] = []
    public var abandoned: [Int64] = []
    /// Transitions the registry skipped, with the reason code.
    public var skipped: [(transitionID: Int64, reason: UInt64)] = []
    /// Settlements a reorg took out of the chain again (back to submitted).
    public var reverted: [Int64] = []

    public init() {}
}

/// The chain follower's half of the store (doc/CHAIN.md, "Following the registry"): the
/// registry's events by block, the blocks checked for reorgs, each user's state folded from
/// its events and projected onto the account the agent serves, and settlements confirmed or
/// skipped by the events. Each step is one transaction.
extension SettlementStore {
    /// The last block the follower applied, or nil before the first.
    public func chainCursor() throws -> ChainBlock? {
        try pool.read { db in try Self.cursor(db) }
    }

    /// Checked blocks at or below `number`, newest first: where to look for a fork point.
    public func checkedBlocks(atOrBelow number: UInt64, limit: Int) throws -> [ChainBlock] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM chain_block WHERE number <= ? ORDER BY number DESC LIMIT ?",
                             arguments: [Int64(number), limit]).map(Self.decodeBlock)
        }
    }

    /// Applies the registry's logs of the blocks after the cursor through `head`, in chain
    /// order: stores them with `checked` (the blocks with logs, and `head`, which becomes the
    /// cursor), folds each touched user's state, projects it onto the account (rejecting
    /// pending traces the chain can no longer pay) and matches Settled and SettlementSkipped
    /// events to the agent's transitions. Logs of blocks already applied are ignored.
    public func applyChain(logs: [ChainLog], checked: [ChainBlock], through head: ChainBlock) throws -> ChainSync {
        try write { db in
            var sync = ChainSync()
            let cursor = try Self.cursor(db)?.number
            for block in checked + [head] where cursor.map({ block.number > $0 }) ?? true {
                try db.execute(sql: "INSERT OR REPLACE INTO chain_block (number, hash, timestamp) VALUES (?, ?, ?)",
                               arguments: [Int64(block.number), block.hash, Int64(block.timestamp)])
            }
            var users: Set<Address> = []
            var settlements: Set<Int64> = []
            for log in logs.sorted(by: { ($0.blockNumber, $0.logIndex) < ($1.blockNumber, $1.logIndex) })
            where cursor.map({ log.blockNumber > $0 }) ?? true {
                try Self.insertEvent(db, log)
                switch log.event {
                case let .settled(user, initNonce, finalNonce, _, _):
                    users.insert(user)
                    if let id = try Self.matchSettled(db, user: user, initNonce: initNonce, finalNonce: finalNonce,
                                                      block: log.blockNumber, txHash: log.transactionHash) {
                        settlements.insert(id)
                    }
                case let .settlementSkipped(signal, _, reason):
                    if let (transition, ids) = try Self.matchSkipped(db, signal: signal, reason: reason, txHash: log.transactionHash) {
                        sync.skipped.append((transition, reason))
                        settlements.formUnion(ids)
                    }
                case .earningsWithdrawn:
                    break
                default:
                    if let user = log.event.user { users.insert(user) }
                }
            }
            let time = try Self.chainTime(db)
            users.formUnion(try Self.accountsWithDeadlines(db))
            for user in users.sorted() {
                try Self.refoldChainAccount(db, user)
                try Self.projectChainAccount(db, user, chainTime: time)
            }
            for id in settlements.sorted() {
                switch try Self.settleOutcome(db, id) {
                case .confirmed?: sync.confirmed.append(id)
                case .abandoned?: sync.abandoned.append(id)
                default: break
                }
            }
            sync.users = users.sorted()
            return sync
        }
    }

    /// Undoes every block after `fork` (a reorg replaced them): their events and checked
    /// blocks go, transitions their Settled events applied become unsettled again (traces
    /// batched, a confirmed settlement submitted), the agent's transactions mined there are
    /// sent again, and the users they touched are folded and projected from what remains.
    /// A skip that a reorg undoes stays applied: those traces were returned to pending and
    /// settle again in a later settlement.
    public func rollBackChain(after fork: UInt64) throws -> ChainSync {
        try write { db in
            var sync = ChainSync()
            let users = try String.fetchAll(db, sql: "SELECT DISTINCT user FROM chain_event WHERE block_number > ?",
                                            arguments: [Int64(fork)]).compactMap { try? Address(hex: $0) }
            for row in try Row.fetchAll(db, sql: "SELECT id, settlement_id FROM transition WHERE settled_block > ?",
                                        arguments: [Int64(fork)]) {
                let id: Int64 = row["id"], settlement: Int64 = row["settlement_id"]
                try db.execute(sql: "UPDATE transition SET settled_block = NULL WHERE id = ?", arguments: [id])
                try db.execute(sql: "UPDATE trace SET status = 'batched' WHERE transition_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE settlement SET status = 'submitted', updated_at = ? WHERE id = ? AND status = 'confirmed'",
                               arguments: [Self.now, settlement])
                if db.changesCount == 1 { sync.reverted.append(settlement) }
            }
            try db.execute(sql: "UPDATE chain_tx SET status = 'sent', mined_block = NULL, gas_used = NULL WHERE mined_block > ?",
                           arguments: [Int64(fork)])
            try db.execute(sql: "DELETE FROM chain_event WHERE block_number > ?", arguments: [Int64(fork)])
            try db.execute(sql: "DELETE FROM chain_block WHERE number > ?", arguments: [Int64(fork)])
            let time = try Self.chainTime(db)
            for user in users.sorted() {
                try Self.refoldChainAccount(db, user)
                try Self.projectChainAccount(db, user, chainTime: time)
            }
            sync.users = users.sorted()
            return sync
        }
    }

    /// Every user's state as the registry's events tell it, by address.
    public func chainAccounts() throws -> [Address: ChainAccountState] {
        try pool.read { db in
            var states: [Address: ChainAccountState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM chain_account") {
                states[try StoredValue.parseAddress(row["user"], column: "chain_account.user")] = try Self.decodeChainAccount(row)
            }
            return states
        }
    }

    /// The registry events the follower stored for `user`, oldest first.
    public func chainEvents(user: Address) throws -> [ChainLog] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM chain_event WHERE user = ? ORDER BY block_number, log_index",
                             arguments: [user.description]).map(Self.decodeEvent)
        }
    }

    static func cursor(_ db: Database) throws -> ChainBlock? {
        try Row.fetchOne(db, sql: "SELECT * FROM chain_block ORDER BY number DESC LIMIT 1").map(decodeBlock)
    }

    /// The timestamp of the cursor block: the chain's time as the follower last saw it.
    static func chainTime(_ db: Database) throws -> UInt64 {
        try cursor(db)?.timestamp ?? 0
    }

    static func decodeBlock(_ row: Row) throws -> ChainBlock {
        let number: Int64 = row["number"], timestamp: Int64 = row["timestamp"]
        guard number >= 0, timestamp >= 0 else { throw StoreError.corrupt("chain_block \(number)") }
        return ChainBlock(number: UInt64(number), hash: row["hash"], timestamp: UInt64(timestamp))
    }

    static func insertEvent(_ db: Database, _ log: ChainLog) throws {
        let user = log.event.user?.description ?? {
            if case let .settlementSkipped(signal, _, _) = log.event { return signal.decimalString }
            return ""
        }()
        let fields = String(decoding: try JSONEncoder().encode(log.event.values), as: UTF8.self)
        try db.execute(sql: """
            INSERT OR REPLACE INTO chain_event (block_number, log_index, tx_hash, name, user, fields) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [Int64(log.blockNumber), Int64(log.logIndex), log.transactionHash, log.event.name, user, fields])
    }

    static func decodeEvent(_ row: Row) throws -> ChainLog {
        let fields: String = row["fields"], name: String = row["name"], user: String = row["user"]
        guard let values = try? JSONDecoder().decode([String].self, from: Data(fields.utf8)),
              let event = RegistryEvent(name: name, user: user, values: values) else {
            throw StoreError.corrupt("chain_event \(name) '\(fields)'")
        }
        let block: Int64 = row["block_number"], index: Int64 = row["log_index"]
        return ChainLog(blockNumber: UInt64(block), logIndex: UInt64(index), transactionHash: row["tx_hash"], event: event)
    }
}
