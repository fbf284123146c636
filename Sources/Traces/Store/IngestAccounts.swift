import GRDB

/// The accounts one ingestion transaction touches: each read once, updated in memory as its
/// traces are accepted, and written back once when the batch is done (one UPDATE per account,
/// not one per trace). Lives only inside that transaction, so nothing else sees the
/// intermediate states.
struct IngestAccounts {
    private var known: [Address: Account] = [:]
    private var changed: Set<Address> = []

    /// The account as of this transaction, or nil when it is not registered.
    mutating func account(_ user: Address, in db: Database) throws -> Account? {
        if let account = known[user] { return account }
        let account = try SettlementStore.fetchAccount(db, user)
        known[user] = account
        return account
    }

    /// Records an account's new accepted nonce and reserved fees.
    mutating func update(_ account: Account) {
        known[account.user] = account
        changed.insert(account.user)
    }

    /// Writes the changed accounts.
    func write(_ db: Database, at time: Double) throws {
        for user in changed {
            let account = known[user]!
            try db.cachedStatement(sql: "UPDATE account SET accepted_nonce = ?, reserved = ?, updated_at = ? WHERE user = ?")
                .execute(arguments: [StoredValue.nonce(account.acceptedNonce), StoredValue.amount(account.reserved), time,
                                     user.description])
        }
    }
}
