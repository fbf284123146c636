import GRDB

/// One `settle` transaction the agent signed, as stored before it is sent (so a restart sends
/// the same bytes again instead of signing a second transaction).
public struct SettleTransaction: Hashable, Sendable {
    public enum Status: String, Sendable, Codable {
        /// Stored, maybe not yet accepted by the node.
        case signed
        /// The node accepted it.
        case sent
        /// Mined with status 1 / status 0.
        case mined, reverted
        /// Another transaction took its nonce (a fee bump of it that was mined, or one of
        /// another process): it can never be mined.
        case replaced
    }

    /// "0x" + 64 hex digits.
    public var hash: String
    public var settlementID: Int64
    public var nonce: UInt64
    /// The signed transaction, "0x" + hex.
    public var raw: String
    public var maxFeePerGas: UInt128
    public var maxPriorityFeePerGas: UInt128
    public var gasLimit: UInt64
    /// The chain's height when it was signed (fee bumps count blocks from here).
    public var sentBlock: UInt64
    public var status: Status
    public var minedBlock: UInt64?
    public var gasUsed: UInt64?

    public init(hash: String, settlementID: Int64, nonce: UInt64, raw: String, maxFeePerGas: UInt128,
                maxPriorityFeePerGas: UInt128, gasLimit: UInt64, sentBlock: UInt64, status: Status = .signed,
                minedBlock: UInt64? = nil, gasUsed: UInt64? = nil) {
        self.hash = hash
        self.settlementID = settlementID
        self.nonce = nonce
        self.raw = raw
        self.maxFeePerGas = maxFeePerGas
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.gasLimit = gasLimit
        self.sentBlock = sentBlock
        self.status = status
        self.minedBlock = minedBlock
        self.gasUsed = gasUsed
    }

    /// Whether it may still be mined.
    public var isOpen: Bool { status == .signed || status == .sent }
}

/// The submitter's records (doc/CHAIN.md, "Submitting"): each signed `settle` transaction,
/// stored in the same transaction that marks its settlement submitted.
extension SettlementStore {
    /// Stores a signed transaction for a proved (or, for a fee bump or a new nonce, submitted)
    /// settlement, which becomes submitted with this hash.
    public func recordSigned(_ tx: SettleTransaction) throws {
        try write { db in
            let status = try Self.settlementStatus(db, tx.settlementID)
            guard status == .proved || status == .submitted else {
                throw StoreError.conflict("settlement \(tx.settlementID) is \(status.rawValue); only a proved or submitted settlement is sent")
            }
            try db.execute(sql: """
                INSERT INTO chain_tx (hash, settlement_id, nonce, raw, max_fee, tip, gas_limit, sent_block, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'signed', ?)
                """, arguments: [tx.hash, tx.settlementID, Int64(tx.nonce), tx.raw, String(tx.maxFeePerGas),
                                 String(tx.maxPriorityFeePerGas), Int64(tx.gasLimit), Int64(tx.sentBlock), Self.now])
            try db.execute(sql: "UPDATE settlement SET status = 'submitted', tx_hash = ?, updated_at = ? WHERE id = ?",
                           arguments: [tx.hash, Self.now, tx.settlementID])
        }
    }

    /// Records what the chain said of a transaction: sent, mined (or reverted) in a block, or
    /// replaced. A mined one replaces every other open transaction of its nonce.
    public func updateTransaction(hash: String, status: SettleTransaction.Status, minedBlock: UInt64? = nil,
                                  gasUsed: UInt64? = nil) throws {
        try write { db in
            try db.execute(sql: "UPDATE chain_tx SET status = ?, mined_block = ?, gas_used = ? WHERE hash = ?",
                           arguments: [status.rawValue, minedBlock.map(Int64.init), gasUsed.map(Int64.init), hash])
            if status == .mined || status == .reverted {
                try db.execute(sql: """
                    UPDATE chain_tx SET status = 'replaced' WHERE nonce = (SELECT nonce FROM chain_tx WHERE hash = ?)
                    AND hash != ? AND status IN ('signed','sent')
                    """, arguments: [hash, hash])
            }
        }
    }

    /// The agent's transactions, oldest first: all, or those of one settlement.
    public func transactions(settlementID: Int64? = nil) throws -> [SettleTransaction] {
        try pool.read { db in
            let rows = try settlementID.map {
                try Row.fetchAll(db, sql: "SELECT * FROM chain_tx WHERE settlement_id = ? ORDER BY nonce, created_at", arguments: [$0])
            } ?? Row.fetchAll(db, sql: "SELECT * FROM chain_tx ORDER BY nonce, created_at")
            return try rows.map(Self.decodeTransaction)
        }
    }

    /// Proved settlements waiting for a first transaction, oldest first.
    public func settlementsToSubmit() throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM settlement WHERE status = 'proved' ORDER BY id")
        }
    }

    static func decodeTransaction(_ row: Row) throws -> SettleTransaction {
        guard let status = SettleTransaction.Status(rawValue: row["status"]),
              let maxFee = UInt128(row["max_fee"] as String), let tip = UInt128(row["tip"] as String) else {
            throw StoreError.corrupt("chain_tx \(row["hash"] as String)")
        }
        let nonce: Int64 = row["nonce"], gas: Int64 = row["gas_limit"], sent: Int64 = row["sent_block"]
        let mined: Int64? = row["mined_block"], used: Int64? = row["gas_used"]
        return SettleTransaction(hash: row["hash"], settlementID: row["settlement_id"], nonce: UInt64(nonce), raw: row["raw"],
                                 maxFeePerGas: maxFee, maxPriorityFeePerGas: tip, gasLimit: UInt64(gas), sentBlock: UInt64(sent),
                                 status: status, minedBlock: mined.map(UInt64.init), gasUsed: used.map(UInt64.init))
    }
}
