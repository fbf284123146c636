import GRDB
import Groth16

/// What the provider reports about an account from the chain: the registered signer key and
/// the current balance and nonce.
public struct AccountUpdate: Hashable, Sendable {
    public var user: Address
    public var signerKey: SignerKey
    public var signerKeyHash: Fr
    public var balance: UInt128
    public var nonce: UInt64

    public init(user: Address, signerKey: SignerKey, signerKeyHash: Fr, balance: UInt128, nonce: UInt64) {
        self.user = user
        self.signerKey = signerKey
        self.signerKeyHash = signerKeyHash
        self.balance = balance
        self.nonce = nonce
    }
}

extension SettlementStore {
    /// The account, or nil when unknown.
    public func account(_ user: Address) throws -> Account? {
        try pool.read { db in try Self.fetchAccount(db, user) }
    }

    /// Creates or updates an account with its on-chain state. Account state only moves
    /// forward: a report whose nonce is below the last nonce the agent confirmed on chain is
    /// refused (`StoreError.staleAccountState`) and changes nothing. Pending traces the new
    /// state makes unsettleable (nonce already on chain, another signer key, balance no longer
    /// covering them — newest first) become `rejected` with the reason. An account with
    /// transitions in flight (batched, not confirmed) cannot be updated: confirm, abandon or
    /// fail those settlements first.
    @discardableResult
    public func upsertAccount(_ update: AccountUpdate) throws -> Account {
        try write { db in
            let now = Self.now
            if let existing = try Self.fetchAccount(db, update.user) {
                if let confirmed = try Self.confirmedNonce(db, update.user), update.nonce < confirmed {
                    throw StoreError.staleAccountState("account \(update.user): nonce \(update.nonce) is below nonce \(confirmed), which the agent confirmed on chain; account state only moves forward")
                }
                let inFlight = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM trace WHERE user = ? AND status = 'batched'
                    """, arguments: [update.user.description]) ?? 0
                guard inFlight == 0 else {
                    throw StoreError.conflict("account \(update.user) has \(inFlight) traces in unconfirmed settlements")
                }
                if existing.signerKey != update.signerKey {
                    try db.execute(sql: """
                        UPDATE trace SET status = 'rejected', reason = 'signer key changed on chain'
                        WHERE user = ? AND status = 'pending'
                        """, arguments: [update.user.description])
                }
                try db.execute(sql: """
                    UPDATE trace SET status = 'rejected', reason = 'nonce already used on chain'
                    WHERE user = ? AND status = 'pending' AND nonce <= ?
                    """, arguments: [update.user.description, StoredValue.nonce(update.nonce)])
                // Keep the oldest pending traces the balance covers; reject the rest.
                let pending = try Row.fetchAll(db, sql: """
                    SELECT id, fee FROM trace WHERE user = ? AND status = 'pending' ORDER BY nonce
                    """, arguments: [update.user.description])
                var covered: UInt128 = 0
                for row in pending {
                    let fee = try StoredValue.parseAmount(row["fee"], column: "trace.fee")
                    if fee <= update.balance - covered {
                        covered += fee
                    } else {
                        try db.execute(sql: """
                            UPDATE trace SET status = 'rejected', reason = 'balance on chain no longer covers it'
                            WHERE id = ?
                            """, arguments: [row["id"] as Int64])
                    }
                }
            }
            try Self.rememberSignerKey(db, update.signerKey, hash: StoredValue.field(update.signerKeyHash))
            let reserved = try Self.sumOfFees(db, user: update.user, statuses: ["pending", "batched"])
            let lastPending = try String.fetchOne(db, sql: """
                SELECT MAX(nonce) FROM trace WHERE user = ? AND status IN ('pending','batched')
                """, arguments: [update.user.description])
            let accepted = try lastPending.map { try StoredValue.parseNonce($0, column: "trace.nonce") } ?? update.nonce
            try db.execute(sql: """
                INSERT INTO account (user, signer_ax, signer_ay, signer_key_hash, balance, nonce, accepted_nonce, reserved, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(user) DO UPDATE SET signer_ax = excluded.signer_ax, signer_ay = excluded.signer_ay,
                    signer_key_hash = excluded.signer_key_hash, balance = excluded.balance, nonce = excluded.nonce,
                    accepted_nonce = excluded.accepted_nonce, reserved = excluded.reserved, updated_at = excluded.updated_at
                """, arguments: [
                    update.user.description, StoredValue.field(update.signerKey.ax), StoredValue.field(update.signerKey.ay),
                    StoredValue.field(update.signerKeyHash), StoredValue.amount(update.balance),
                    StoredValue.nonce(update.nonce), StoredValue.nonce(max(accepted, update.nonce)),
                    StoredValue.amount(reserved), now,
                ])
            guard let account = try Self.fetchAccount(db, update.user) else {
                throw StoreError.notFound("account \(update.user)")
            }
            return account
        }
    }

    /// The final nonce of the account's latest confirmed transition, or nil when none is.
    static func confirmedNonce(_ db: Database, _ user: Address) throws -> UInt64? {
        try String.fetchOne(db, sql: """
            SELECT MAX(t.final_nonce) FROM transition t JOIN settlement s ON s.id = t.settlement_id
            WHERE t.user = ? AND s.status = 'confirmed'
            """, arguments: [user.description]).map { try StoredValue.parseNonce($0, column: "transition.final_nonce") }
    }

    /// The known accounts among `users`, read in one transaction.
    public func accounts(_ users: some Sequence<Address>) throws -> [Address: Account] {
        try pool.read { db in
            var found: [Address: Account] = [:]
            for user in users { found[user] = try Self.fetchAccount(db, user) }
            return found
        }
    }

    /// All accounts, ordered by address.
    public func accounts() throws -> [Account] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY user").map(Self.decodeAccount)
        }
    }

    static func fetchAccount(_ db: Database, _ user: Address) throws -> Account? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE user = ?"), arguments: [user.description])
            .map(decodeAccount)
    }

    static func decodeAccount(_ row: Row) throws -> Account {
        Account(
            user: try StoredValue.parseAddress(row["user"], column: "account.user"),
            signerKey: SignerKey(ax: try StoredValue.parseField(row["signer_ax"], column: "account.signer_ax"),
                                 ay: try StoredValue.parseField(row["signer_ay"], column: "account.signer_ay")),
            signerKeyHash: try StoredValue.parseField(row["signer_key_hash"], column: "account.signer_key_hash"),
            balance: try StoredValue.parseAmount(row["balance"], column: "account.balance"),
            nonce: try StoredValue.parseNonce(row["nonce"], column: "account.nonce"),
            acceptedNonce: try StoredValue.parseNonce(row["accepted_nonce"], column: "account.accepted_nonce"),
            reserved: try StoredValue.parseAmount(row["reserved"], column: "account.reserved"),
            heldBack: try StoredValue.parseAmount(row["held_back"], column: "account.held_back"))
    }

    /// Sum of the fees of the user's traces in the given statuses.
    static func sumOfFees(_ db: Database, user: Address, statuses: [String]) throws -> UInt128 {
        let placeholders = statuses.map { _ in "?" }.joined(separator: ",")
        let fees = try String.fetchAll(db, sql: "SELECT fee FROM trace WHERE user = ? AND status IN (\(placeholders))",
                                       arguments: StatementArguments([user.description] + statuses))
        var total: UInt128 = 0
        for f in fees {
            let (sum, overflow) = total.addingReportingOverflow(try StoredValue.parseAmount(f, column: "trace.fee"))
            guard !overflow else { throw StoreError.corrupt("fees of \(user) overflow 128 bits") }
            total = sum
        }
        return total
    }
}
