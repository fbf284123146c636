import GRDB
import Groth16

extension SignerKey {
    /// Stands for a key whose point the agent does not know (the chain stores only its hash,
    /// and the user has not published the point with `POST /v1/signer-keys`). (0, 0) is not
    /// on Baby Jubjub, so no signature ever verifies under it.
    public static let unpublished = SignerKey(ax: .zero, ay: .zero)
}

extension SettlementStore {
    /// Records the point of a signer key the chain knows by hash (chain mode): the key of
    /// some account the follower tracks, its current one or one still thawing. Returns the
    /// accounts whose key it is, now able to accept (or settle) traces under it; empty when no
    /// tracked account has registered this key, in which case nothing is stored. The caller
    /// has checked that the point is valid (`SignerKey.isValid`).
    public func publishSignerKey(_ key: SignerKey) throws -> [Address] {
        let hash = StoredValue.field(key.hash)
        return try write { db in
            let users = try String.fetchAll(db, sql: """
                SELECT user FROM chain_account WHERE key_hash = ? OR previous_key_hash = ? ORDER BY user
                """, arguments: [hash, hash]).map { try StoredValue.parseAddress($0, column: "chain_account.user") }
            guard !users.isEmpty else { return [] }
            try Self.rememberSignerKey(db, key, hash: hash)
            let time = try Self.chainTime(db)
            for user in users { try Self.projectChainAccount(db, user, chainTime: time) }
            return users
        }
    }

    /// Stores a key's point under its hash (kept once; a hash has one preimage).
    static func rememberSignerKey(_ db: Database, _ key: SignerKey, hash: String) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO signer_key (key_hash, ax, ay) VALUES (?, ?, ?)",
                       arguments: [hash, StoredValue.field(key.ax), StoredValue.field(key.ay)])
    }

    /// The point of the signer key with this hash, or nil when it was never published.
    static func signerKey(_ db: Database, hash: String) throws -> SignerKey? {
        try Row.fetchOne(db, sql: "SELECT ax, ay FROM signer_key WHERE key_hash = ?", arguments: [hash]).map { row in
            SignerKey(ax: try StoredValue.parseField(row["ax"], column: "signer_key.ax"),
                      ay: try StoredValue.parseField(row["ay"], column: "signer_key.ay"))
        }
    }
}
